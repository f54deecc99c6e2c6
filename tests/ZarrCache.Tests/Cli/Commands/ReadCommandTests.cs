using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text.Json;
using ZarrCache.Tests.TestSupport;
using ZarrCache.Zarr;
using ZarrCache.Zarr.DataTypes;

namespace ZarrCache.Tests.Cli.Commands;

public class ReadCommandTests
{
    private static string V3 => ZarritaComparison.Root("v3");

    [Theory]
    [InlineData("2d.chunked.compressed.sharded.i2")]
    [InlineData("3d.contiguous.delta.i4.mixed")]
    public async Task Sha256_of_a_fixture_equals_the_hash_of_zarritas_values(string path)
    {
        using var zarrita = JsonDocument.Parse(ExternalTool.ReadWithZarrita(V3, path, "v3"));
        var dtype = zarrita.RootElement.GetProperty("dtype").GetString();
        var values = zarrita.RootElement.GetProperty("data").EnumerateArray().ToArray();
        var bytes = dtype == "int16"
            ? values.SelectMany(v => { var b = new byte[2]; BinaryPrimitives.WriteInt16LittleEndian(b, v.GetInt16()); return b; }).ToArray()
            : values.SelectMany(v => { var b = new byte[4]; BinaryPrimitives.WriteInt32LittleEndian(b, v.GetInt32()); return b; }).ToArray();
        var expected = Convert.ToHexStringLower(SHA256.HashData(bytes));

        var (code, output, error) = await CliRunner.RunAsync("read", V3, "--array", path, "--format", "sha256");

        Assert.True(code == 0, error);
        Assert.Equal(expected, output.Trim());
    }

    [Fact]
    public async Task Json_output_has_shape_dtype_and_c_order_data_with_index_dropping_a_dimension()
    {
        var (code, output, error) = await CliRunner.RunAsync("read", "file://" + V3, "--array", "2d.chunked.compressed.sharded.i2", "--region", "1:3,-1", "--no-cache");

        Assert.True(code == 0, error);
        Assert.Equal("""{"shape":[2],"dtype":"int16","data":[8,12]}""", output.Trim());
    }

    [Fact]
    public async Task Json_writes_NaN_and_infinities_as_strings()
    {
        using var temp = new TempDirectory();
        var array = await ZarrArray.CreateAsync(new FileSystemStore(temp.Path), "", new ZarrArrayOptions { Shape = [4], ChunkShape = [2], DataType = ZarrDataTypeKind.Float32, FillValue = double.NaN });
        await array.WriteAsync<float>(ArraySelection.Parse("2:4"), new[] { float.PositiveInfinity, 0.1f });

        var (code, output, error) = await CliRunner.RunAsync("read", temp.Path, "--memory", "1MiB");

        Assert.True(code == 0, error);
        Assert.Equal("""{"shape":[4],"dtype":"float32","data":["NaN","NaN","Infinity",0.1]}""", output.Trim());
    }

    [Fact]
    public async Task Npy_output_holds_the_selection()
    {
        using var temp = new TempDirectory();
        var file = Path.Combine(temp.Path, "out.npy");

        var (code, _, error) = await CliRunner.RunAsync("read", V3, "--array", "3d.contiguous.delta.i4.mixed", "--region", "1,:,0:2", "--format", "npy", "--output", file);

        Assert.True(code == 0, error);
        var npy = NpyReader.Read(file);
        Assert.Equal("<i4", npy.Descr);
        Assert.Equal(new long[] { 3, 2 }, npy.Shape);
        var expected = await (await ZarrArray.OpenAsync(new FileSystemStore(V3), "3d.contiguous.delta.i4.mixed")).ReadAsync(ArraySelection.Parse("1,:,0:2"));
        Assert.Equal(expected.Bytes, npy.Data);
    }

    [Fact]
    public async Task An_array_of_an_unsupported_type_is_refused_with_its_name_and_type()
    {
        using var temp = new TempDirectory();
        Directory.CreateDirectory(Path.Combine(temp.Path, "pickled"));
        File.WriteAllText(Path.Combine(temp.Path, "pickled", ".zarray"), """{"zarr_format":2,"shape":[2],"chunks":[2],"dtype":"|O","fill_value":null,"order":"C","compressor":null,"filters":[{"id":"pickle"}]}""");

        var (code, _, error) = await CliRunner.RunAsync("read", temp.Path, "--array", "pickled");

        Assert.Equal(1, code);
        Assert.Contains("pickled", error, StringComparison.Ordinal);
        Assert.Contains("'|O'", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_store_folder_is_an_error_naming_it()
    {
        var (code, _, error) = await CliRunner.RunAsync("read", "/nonexistent/zarr-store");

        Assert.Equal(2, code);
        Assert.Contains("/nonexistent/zarr-store", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_invocation_with_the_same_disk_cache_reads_nothing_from_the_origin()
    {
        using var fixture = await DiskCacheCliFixture.CreateAsync();
        var first = await CliRunner.RunAsync("read", fixture.Origin, "--disk-cache", fixture.CacheDir, "--ttl", "1h");
        Assert.True(first.ExitCode == 0, first.Error);
        Assert.Equal("""{"shape":[6],"dtype":"int32","data":[1,2,3,4,5,6]}""", first.Output.Trim());

        fixture.EmptyOrigin();
        var uncached = await CliRunner.RunAsync("read", fixture.Origin, "--no-cache");
        Assert.NotEqual(0, uncached.ExitCode);

        var second = await CliRunner.RunAsync("read", fixture.Origin, "--disk-cache", fixture.CacheDir, "--ttl", "1h");
        Assert.True(second.ExitCode == 0, second.Error);
        Assert.Equal(first.Output, second.Output);
    }

    [Theory]
    [InlineData("--ttl", "soon")]
    [InlineData("--ttl", "-5m")]
    [InlineData("--disk-size", "lots")]
    [InlineData("--disk-size", "0")]
    [InlineData("--compress", "gzip")]
    public async Task A_bad_cache_option_is_an_error_naming_the_option_and_value(string option, string value)
    {
        using var fixture = await DiskCacheCliFixture.CreateAsync();
        var (code, _, error) = await CliRunner.RunAsync("read", fixture.Origin, "--disk-cache", fixture.CacheDir, option, value);

        Assert.Equal(2, code);
        Assert.Contains(option, error, StringComparison.Ordinal);
        Assert.Contains(value, error, StringComparison.Ordinal);
    }
}
