using ZarrCache.Tests.Cli;
using ZarrCache.Tests.TestSupport;
using ZarrCache.Zarr;

namespace ZarrCache.Tests.Zarr.Metadata;

/// <summary>
/// A metadata document over the 256 MiB limit is refused from its size, before it is read: a 300 MB zarr.json (a
/// sparse file: it takes no disk space) costs neither 300 MB of reading nor of memory.
/// </summary>
public class MetadataSizeLimitTests
{
    private const long Huge = 300_000_000;

    /// <summary>Bytes allocated on any thread while <paramref name="action"/> runs must stay far below the document's size.</summary>
    private static async Task<Exception> RefusedCheaplyAsync(Func<Task> action)
    {
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var e = await Record.ExceptionAsync(action);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        Assert.True(allocated < 32 << 20, $"refusing the document allocated {allocated:N0} bytes");
        return Assert.IsType<ZarrFormatException>(e);
    }

    private static string HugeDocument(TempDirectory temp, string name)
    {
        var path = Path.Combine(temp.Path, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var file = new FileStream(path, FileMode.Create);
        file.Write("{\"zarr_format\": 3, \"node_type\": \"array\""u8);
        file.SetLength(Huge);
        return path;
    }

    [Theory]
    [InlineData("zarr.json")]
    [InlineData(".zarray")]
    public async Task Opening_an_array_with_a_huge_metadata_document_is_refused_without_reading_it(string name)
    {
        using var temp = new TempDirectory();
        HugeDocument(temp, "a/" + name);

        var e = await RefusedCheaplyAsync(() => ZarrArray.OpenAsync(new FileSystemStore(temp.Path), "a"));

        Assert.Contains("a/" + name, e.Message, StringComparison.Ordinal);
        Assert.Contains("300000000 bytes", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Opening_a_group_with_huge_attributes_is_refused_without_reading_them()
    {
        using var temp = new TempDirectory();
        await File.WriteAllTextAsync(Path.Combine(temp.Path, ".zgroup"), """{"zarr_format": 2}""");
        HugeDocument(temp, ".zattrs");

        var e = await RefusedCheaplyAsync(() => ZarrGroup.OpenAsync(new FileSystemStore(temp.Path)));

        Assert.Contains(".zattrs", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_small_document_is_read_as_before()
    {
        using var temp = new TempDirectory();
        await File.WriteAllTextAsync(Path.Combine(temp.Path, "zarr.json"), """{"zarr_format": 3, "node_type": "group", "attributes": {"a": 1}}""");

        var group = await ZarrGroup.OpenAsync(new FileSystemStore(temp.Path));

        Assert.Equal(1, group.Attributes["a"].GetInt32());
    }

    [Fact]
    public async Task Info_on_a_huge_zarr_json_is_one_error_line_and_reads_nothing_whole()
    {
        using var temp = new TempDirectory();
        HugeDocument(temp, "zarr.json");

        var before = GC.GetTotalAllocatedBytes(precise: true);
        var (code, _, error) = await CliRunner.RunAsync("info", temp.Path);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        Assert.Equal(1, code);
        Assert.Contains("zarr.json", error, StringComparison.Ordinal);
        Assert.Contains("larger than", error, StringComparison.Ordinal);
        Assert.True(allocated < 32 << 20, $"info allocated {allocated:N0} bytes");
    }
}
