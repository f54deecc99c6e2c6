using System.Text.Json;
using ZarrCache.Tests.TestSupport;
using ZarrCache.Zarr;
using ZarrCache.Zarr.DataTypes;

namespace ZarrCache.Tests.Cli.Commands;

/// <summary>`read --format json|npy` of strings and times: JSON strings and ISO-8601 (NaT as null); NumPy's own dtypes in .npy, checked by loading with NumPy.</summary>
public class ReadCommandStringTimeTests
{
    private static readonly long[] Counts = [0, ZarrTime.NaT, 110_740_350_607, -1, 253_402_300_800_000];

    [Fact]
    public async Task Json_prints_strings_as_json_strings()
    {
        var (code, output, error) = await CliRunner.RunAsync("read", ZarritaComparison.Root("v3"), "--array", "1d.string.unicode", "--no-cache");

        Assert.True(code == 0, error);
        using var doc = JsonDocument.Parse(output);
        Assert.Equal("<U5", doc.RootElement.GetProperty("dtype").GetString());
        Assert.Equal(["hello", "世界", "🚀🎉", "Ñoño"], doc.RootElement.GetProperty("data").EnumerateArray().Select(e => e.GetString()!));
    }

    [Fact]
    public async Task Json_prints_times_as_numpy_iso_strings_and_NaT_as_null()
    {
        using var temp = new TempDirectory();
        await CreateTimesAsync(temp.Path, "10ms");
        var numpy = ExternalTool.RunPython($"""
            import json, numpy as np
            a = np.array({JsonSerializer.Serialize(Counts)}, dtype='int64').view('M8[10ms]')
            print(json.dumps([None if np.isnat(v) else str(np.datetime_as_string(v)) for v in a]))
            """);

        var (code, output, error) = await CliRunner.RunAsync("read", temp.Path, "--no-cache");

        Assert.True(code == 0, error);
        using var doc = JsonDocument.Parse(output);
        Assert.Equal("<M8[10ms]", doc.RootElement.GetProperty("dtype").GetString());
        var theirs = JsonDocument.Parse(numpy).RootElement.EnumerateArray().Select(e => e.GetString()).ToArray();
        Assert.Equal(theirs, doc.RootElement.GetProperty("data").EnumerateArray().Select(e => e.GetString()).ToArray());
        Assert.Null(theirs[1]);
    }

    [Theory]
    [InlineData("v3", "1d.string.unicode", "<U5", "hello|世界|🚀🎉|Ñoño")]
    [InlineData("v2", "1d.contiguous.U13.be", "<U13", "a|b|cc|d")]
    [InlineData("v2", "3d.chunked.O", "<U4", "a|aa|aaa|aaaa|b|bb|bbb|bbbb")]
    [InlineData("v2", "1d.contiguous.S7", "|S7", "a|b|cc|d")]
    public async Task Npy_of_strings_loads_in_numpy_with_its_own_dtype(string version, string path, string dtype, string values)
    {
        using var temp = new TempDirectory();
        var file = Path.Combine(temp.Path, "out.npy");

        var (code, _, error) = await CliRunner.RunAsync("read", ZarritaComparison.Root(version), "--array", path, "--format", "npy", "--output", file, "--no-cache");

        Assert.True(code == 0, error);
        var loaded = ExternalTool.RunPython($"""
            import numpy as np
            a = np.load({JsonSerializer.Serialize(file)})
            print(a.dtype.str + " " + "|".join((v.decode() if isinstance(v, bytes) else str(v)) for v in a.reshape(-1)))
            """);
        Assert.Equal($"{dtype} {values}", loaded.Trim());
    }

    [Fact]
    public async Task Npy_of_times_loads_in_numpy_as_datetime64_with_the_unit()
    {
        using var temp = new TempDirectory();
        await CreateTimesAsync(Path.Combine(temp.Path, "t"), "10ms");
        var file = Path.Combine(temp.Path, "out.npy");

        var (code, _, error) = await CliRunner.RunAsync("read", Path.Combine(temp.Path, "t"), "--format", "npy", "--output", file, "--no-cache");

        Assert.True(code == 0, error);
        var loaded = ExternalTool.RunPython($"""
            import numpy as np
            a = np.load({JsonSerializer.Serialize(file)})
            print(a.dtype.str, list(a.view('<i8')))
            """);
        Assert.Equal($"<M8[10ms] [{string.Join(", ", Counts)}]", loaded.Trim());
    }

    private static async Task CreateTimesAsync(string dir, string unit)
    {
        var array = await ZarrArray.CreateAsync(new FileSystemStore(dir), "", new ZarrArrayOptions
        {
            ZarrFormat = 2, Shape = [Counts.Length], ChunkShape = [2], ElementType = ZarrDataType.CreateTime(true, unit), FillValue = double.NaN,
        });
        await array.WriteAsync<long>(null, Counts);
    }
}
