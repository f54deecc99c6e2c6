using ZarrCache.IntegrationTests.Infrastructure;
using ZarrCache.S3;
using ZarrCache.Zarr;

namespace ZarrCache.IntegrationTests.Zarr;

/// <summary>
/// Reading Zarr arrays (through <see cref="ZarrArray"/>) from s3rver through <see cref="CachedStore"/>, counted in
/// s3rver's own request log.
/// </summary>
public sealed class ZarrArrayOverS3Tests
{
    private const string Array = "3d.chunked.i2";

    private static S3Store Open(S3Server server) =>
        new(server.Bucket, "v2/data.zarr/", new S3StoreOptions { Endpoint = server.Endpoint, Anonymous = true });

    private static List<string> ChunkUrls(IReadOnlyList<LogLine> lines, S3Server server) =>
        lines.Where(l => l.Method == "GET" && l.Url.Contains($"/{server.Bucket}/v2/data.zarr/{Array}/", StringComparison.Ordinal)
                && !l.Url.Contains("/.z", StringComparison.Ordinal) && !l.Url.Contains("zarr.json", StringComparison.Ordinal))
            .Select(l => l.Url)
            .ToList();

    private static int ChunkCount => Directory.EnumerateFiles(Path.Combine(Fixtures.Root, "v2", "data.zarr", Array))
        .Count(f => !Path.GetFileName(f).StartsWith('.'));

    private static async Task<byte[]> ReadLocalAsync()
    {
        var local = await ZarrArray.OpenAsync(new FileSystemStore(Path.Combine(Fixtures.Root, "v2", "data.zarr")), Array);
        return (await local.ReadAsync()).Bytes;
    }

    [Fact]
    public async Task The_second_pass_over_an_array_makes_no_request_to_s3rver()
    {
        var server = OriginServers.S3();
        using var origin = Open(server);
        var cached = new CachedStore(origin, new CacheConfig { MaxMemorySize = 64L << 20 });
        var expected = await ReadLocalAsync();

        var mark = server.Log.Mark();
        var first = await (await ZarrArray.OpenAsync(cached, Array)).ReadAsync();
        var firstLines = await server.Log.LinesSince(mark, l => ChunkUrls(l, server).Count >= ChunkCount);
        var originReadsAfterFirst = cached.CacheStats.OriginReads;

        mark = server.Log.Mark();
        var second = await (await ZarrArray.OpenAsync(cached, Array)).ReadAsync();
        var secondLines = (await server.Log.LinesSince(mark))
            .Where(l => l.Url.Contains($"/{server.Bucket}/v2/data.zarr/{Array}/", StringComparison.Ordinal)).ToList();

        Assert.Equal(expected, first.Bytes);
        Assert.Equal(expected, second.Bytes);
        Assert.Equal(ChunkCount, ChunkUrls(firstLines, server).Count);
        Assert.Empty(secondLines);
        Assert.Equal(originReadsAfterFirst, cached.CacheStats.OriginReads);
    }

    [Fact]
    public async Task Eight_concurrent_readers_of_the_same_chunks_make_one_get_per_chunk()
    {
        var server = OriginServers.S3();
        using var origin = Open(server);
        var cached = new CachedStore(origin, new CacheConfig { MaxMemorySize = 64L << 20 });
        var expected = await ReadLocalAsync();
        var mark = server.Log.Mark();
        using var start = new ManualResetEventSlim();

        var readers = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            start.Wait();
            var array = await ZarrArray.OpenAsync(cached, Array);
            return (await array.ReadAsync()).Bytes;
        })).ToList();
        start.Set();
        var results = await Task.WhenAll(readers);

        var lines = await server.Log.LinesSince(mark, l => ChunkUrls(l, server).Count >= ChunkCount);
        var chunkGets = ChunkUrls(lines, server);
        Assert.All(results, r => Assert.Equal(expected, r));
        Assert.Equal(ChunkCount, chunkGets.Count);
        Assert.Equal(ChunkCount, chunkGets.Distinct().Count());
    }
}
