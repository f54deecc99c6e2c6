using ZarrCache.Tests.TestSupport;
using ZarrCache.Zarr;
using ZarrCache.Zarr.DataTypes;

namespace ZarrCache.Tests.Zarr;

/// <summary>A cached chunk that does not decode (a body cut short before it was cached, a damaged copy) is dropped and read again once.</summary>
public class ZarrCorruptCachedChunkTests
{
    [Theory]
    [InlineData(null)]
    [InlineData(new[] { 2, 2 })]
    public async Task A_cached_chunk_that_does_not_decode_is_dropped_and_read_again_from_the_origin(int[]? innerChunks)
    {
        var origin = new MemoryStore();
        var array = await ZarrArray.CreateAsync(origin, "a", new ZarrArrayOptions
        {
            Shape = [4, 4],
            ChunkShape = [4, 4],
            InnerChunkShape = innerChunks,
            DataType = ZarrDataTypeKind.Float64,
            Compressor = new ZarrCompressor("zstd", 3),
            Checksum = true,
        });
        var values = Enumerable.Range(0, 16).Select(i => i * 0.5).ToArray();
        await array.WriteAsync<double>(null, values);
        var counting = new CountingStore(origin);
        await using var cached = new CachedStore(counting, new LruMemoryCache(1 << 20));
        var reader = await ZarrArray.OpenAsync(cached, "a");
        Assert.Equal(values, (await reader.ReadAsync<double>()).Data);
        var key = new StoreKey("a/c/0/0");
        var whole = (await origin.GetAsync(key))!.Value;

        // A copy cut short: what a server that closed early would have left, had it been cached.
        await cached.SetCachedAsync(key, whole[..(whole.Length / 2)]);
        var before = counting.Total.Gets + counting.Total.RangeGets;
        var again = await reader.ReadAsync<double>();

        Assert.Equal(values, again.Data);
        Assert.True(counting.Total.Gets + counting.Total.RangeGets > before, "the chunk was read again from the origin");
        if (await cached.GetCachedAsync(key) is { } recached)
        {
            Assert.Equal(whole.ToArray(), recached.ToArray()); // the cut copy is gone; a whole one may be cached again
        }
    }

    [Fact]
    public async Task A_chunk_corrupt_at_the_origin_fails_with_its_key_after_one_retry()
    {
        var probe = new ProbeStore();
        var origin = probe.Inner;
        var array = await ZarrArray.CreateAsync(origin, "a", new ZarrArrayOptions
        {
            Shape = [4],
            ChunkShape = [4],
            DataType = ZarrDataTypeKind.Int32,
            Compressor = new ZarrCompressor("zstd", 3),
            Checksum = true,
        });
        await array.WriteAsync<int>(null, new[] { 1, 2, 3, 4 });
        var whole = (await origin.GetAsync("a/c/0"))!.Value;
        await origin.SetAsync("a/c/0", whole[..(whole.Length - 3)]);
        await using var cached = new CachedStore(probe, new LruMemoryCache(1 << 20));
        var reader = await ZarrArray.OpenAsync(cached, "a");

        var error = await Assert.ThrowsAsync<ZarrFormatException>(() => reader.ReadAsync<int>());

        Assert.Contains("a/c/0", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, probe.CallsFor("a/c/0"));
    }
}
