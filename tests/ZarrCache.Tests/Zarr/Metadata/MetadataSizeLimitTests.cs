using ZarrCache.Tests.Cli;
using ZarrCache.Tests.TestSupport;
using ZarrCache.Zarr;

namespace ZarrCache.Tests.Zarr.Metadata;

/// <summary>
/// A metadata document over the 256 MiB limit is refused from its size, before it is read: a 300 MB zarr.json (a
/// sparse file: it takes no disk space) costs neither 300 MB of reading nor of memory, and no extra request.
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
        return Assert.IsAssignableFrom<ZarrCacheException>(e);
    }

    private static void HugeDocument(TempDirectory temp, string name)
    {
        var path = Path.Combine(temp.Path, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var file = new FileStream(path, FileMode.Create);
        file.Write("{\"zarr_format\": 3, \"node_type\": \"array\""u8);
        file.SetLength(Huge);
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
    public async Task Opening_a_group_with_huge_attributes_through_a_cache_is_refused_without_reading_them()
    {
        using var temp = new TempDirectory();
        await File.WriteAllTextAsync(Path.Combine(temp.Path, ".zgroup"), """{"zarr_format": 2}""");
        HugeDocument(temp, ".zattrs");
        await using var cached = new CachedStore(new FileSystemStore(temp.Path), new S3FifoMemoryCache(1 << 30));

        var e = await RefusedCheaplyAsync(() => ZarrGroup.OpenAsync(cached));

        Assert.Contains(".zattrs", e.Message, StringComparison.Ordinal);
        Assert.Null(await cached.GetCachedAsync(".zattrs"));
    }

    [Fact]
    public async Task A_small_document_is_read_as_before_and_the_bound_ends_with_the_read()
    {
        using var temp = new TempDirectory();
        await File.WriteAllTextAsync(Path.Combine(temp.Path, "zarr.json"), """{"zarr_format": 3, "node_type": "group", "attributes": {"a": 1}}""");

        var group = await ZarrGroup.OpenAsync(new FileSystemStore(temp.Path));

        Assert.Equal(1, group.Attributes["a"].GetInt32());
        Assert.Null(ValueSizeLimit.Current);
    }

    [Fact]
    public async Task An_origin_announcing_a_body_over_the_bound_is_refused_before_its_body_is_read()
    {
        using var scope = ValueSizeLimit.Enter(10);
        using var body = new MemoryStream(new byte[11]);

        var e = await Assert.ThrowsAsync<StoreException>(async () => await BodyReaderAccess.ReadAsync(body, "k", 11));

        Assert.Contains("11 bytes", e.Message, StringComparison.Ordinal);
        Assert.Equal(0, body.Position);
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
        Assert.Contains("300000000 bytes", error, StringComparison.Ordinal);
        Assert.True(allocated < 32 << 20, $"info allocated {allocated:N0} bytes");
    }

    /// <summary>The origins' body reader (internal to the core; the tests see it).</summary>
    private static class BodyReaderAccess
    {
        public static ValueTask<byte[]> ReadAsync(Stream body, StoreKey key, long announced) =>
            BodyReader.ReadAsync(body, key, announced, long.MaxValue, CancellationToken.None);
    }
}
