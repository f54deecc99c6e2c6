using ZarrCache.Zarr;
using ZarrCache.Zarr.DataTypes;

namespace ZarrCache.Tests.Zarr;

public class ZarrWarmingTests
{
    private static async Task<(CountingStore Origin, CachedStore Store, ZarrArray Array, float[] Values)> CreateAsync(bool sharded)
    {
        var memory = new MemoryStore();
        var created = await ZarrArray.CreateAsync(memory, "t", new ZarrArrayOptions
        {
            Shape = [64, 64],
            ChunkShape = sharded ? [32, 32] : [16, 16],
            InnerChunkShape = sharded ? [8, 8] : null,
            DataType = ZarrDataTypeKind.Float32,
            Compressor = ZarrCompressor.Zstd(1),
        });
        var values = Enumerable.Range(0, 64 * 64).Select(i => (float)i).ToArray();
        await created.WriteAsync<float>(null, values);
        var origin = new CountingStore(memory);
        var store = new CachedStore(origin, new CacheConfig { MaxMemorySize = 16L << 20 });
        return (origin, store, await ZarrArray.OpenAsync(store, "t"), values);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Warming_a_region_then_reading_it_makes_no_origin_request(bool sharded)
    {
        var (_, store, array, values) = await CreateAsync(sharded);
        var region = ArraySelection.Parse("10:40,0:20");

        var result = await store.WarmAsync(array, region);
        var readsAfterWarm = store.CacheStats.OriginReads;
        var data = await array.ReadAsync<float>(region);

        Assert.True(result.Warmed > 0);
        Assert.Equal(readsAfterWarm, store.CacheStats.OriginReads);
        Assert.Equal(new long[] { 30, 20 }, data.Shape);
        Assert.Equal(values[(10 * 64) + 0], data.Data[0]);
        Assert.Equal(values[(39 * 64) + 19], data.Data[^1]);
    }

    [Fact]
    public async Task Chunk_keys_of_a_selection_are_the_chunks_it_touches()
    {
        var (_, _, array, _) = await CreateAsync(sharded: false);

        var keys = array.ChunkKeysFor(ArraySelection.Parse("10:20,0:17")).Select(k => k.Value).ToArray();

        Assert.Equal(new[] { "t/c/0/0", "t/c/0/1", "t/c/1/0", "t/c/1/1" }, keys);
        Assert.Equal(16, array.ChunkKeysFor().Count);
        Assert.Empty(array.ChunkKeysFor(ArraySelection.Parse("5:5")));
    }
}
