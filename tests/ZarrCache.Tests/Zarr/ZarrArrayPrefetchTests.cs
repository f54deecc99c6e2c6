using ZarrCache.Tests.TestSupport;
using ZarrCache.Zarr;
using ZarrCache.Zarr.DataTypes;

namespace ZarrCache.Tests.Zarr;

public class ZarrArrayPrefetchTests
{
    private const int Steps = 40;

    private static async Task<(CountingStore Origin, float[] Values)> CreateAsync(bool sharded = false)
    {
        var memory = new MemoryStore();
        var created = await ZarrArray.CreateAsync(memory, "t", new ZarrArrayOptions
        {
            Shape = [Steps * 4, 8, 8],
            ChunkShape = sharded ? [8, 4, 4] : [4, 4, 4],
            InnerChunkShape = sharded ? [4, 4, 4] : null,
            DataType = ZarrDataTypeKind.Float32,
            Compressor = ZarrCompressor.Zstd(1),
        });
        var values = Enumerable.Range(0, Steps * 4 * 64).Select(i => (float)i).ToArray();
        await created.WriteAsync<float>(null, values);
        return (new CountingStore(new SlowStore(memory)), values);
    }

    private static async Task<float[]> WalkAsync(ZarrArray array, int y, int x)
    {
        var seen = new float[Steps];
        for (var t = 0; t < Steps; t++)
        {
            var selection = new ArraySelection([DimensionSelection.Index(t * 4), DimensionSelection.Index(y), DimensionSelection.Index(x)]);
            seen[t] = (await array.ReadAsync<float>(selection)).Data[0];
        }

        return seen;
    }

    [Fact]
    public async Task A_time_series_walk_is_prefetched_and_every_chunk_is_read_from_the_origin_once()
    {
        var (origin, values) = await CreateAsync();
        await using var store = new CachedStore(origin, new CacheConfig { PrefetchConfig = new PrefetchConfig { NeighborChunks = 4 } });
        var array = await ZarrArray.OpenAsync(store, "t");
        var metadataReads = origin.Total.Gets;

        var seen = await WalkAsync(array, y: 5, x: 2);

        Assert.Equal(Enumerable.Range(0, Steps).Select(t => values[(t * 4 * 64) + (5 * 8) + 2]), seen);
        var stats = store.CacheStats;
        Assert.Equal(Steps, origin.Total.Gets - metadataReads); // one read per chunk: prefetch and foreground never both read one
        // How many prefetches win the race with the reader depends on timing; that none is wasted or doubled does not.
        Assert.InRange(stats.PrefetchesIssued, 1, Steps - 2);
        Assert.InRange(stats.PrefetchesUsed, 0, stats.PrefetchesIssued);
        Assert.Equal(0, stats.PrefetchesWasted);
    }

    [Fact]
    public async Task Random_reads_issue_almost_no_prefetch()
    {
        var (origin, _) = await CreateAsync();
        await using var store = new CachedStore(origin, new CacheConfig { PrefetchConfig = new PrefetchConfig() });
        var array = await ZarrArray.OpenAsync(store, "t");
        var random = new Random(7);

        for (var i = 0; i < 200; i++)
        {
            var selection = new ArraySelection([DimensionSelection.Index(random.Next(Steps * 4)), DimensionSelection.Index(random.Next(8)), DimensionSelection.Index(random.Next(8))]);
            await array.ReadAsync(selection);
        }

        // Only a chance run of three reads one equal step apart starts a walk: in this 160-chunk grid that is rare.
        Assert.InRange(store.CacheStats.PrefetchesIssued, 0, 10);
    }

    [Fact]
    public async Task A_time_series_walk_over_a_sharded_array_prefetches_inner_chunks_and_reads_each_range_once()
    {
        var (origin, values) = await CreateAsync(sharded: true);
        await using var store = new CachedStore(origin, new CacheConfig { PrefetchConfig = new PrefetchConfig() });
        var array = await ZarrArray.OpenAsync(store, "t");
        var before = origin.Total;

        var seen = await WalkAsync(array, y: 1, x: 6);

        Assert.Equal(Enumerable.Range(0, Steps).Select(t => values[(t * 4 * 64) + (1 * 8) + 6]), seen);
        var after = origin.Total;
        Assert.Equal(before.Gets, after.Gets);
        Assert.Equal((Steps / 2) + Steps, after.RangeGets - before.RangeGets); // each shard's index once, each inner chunk once
        var stats = store.CacheStats;
        Assert.True(stats.PrefetchesIssued > 0, $"issued {stats.PrefetchesIssued}");
        Assert.InRange(stats.PrefetchesUsed, 0, stats.PrefetchesIssued);
    }

    [Fact]
    public async Task Reads_of_several_inner_chunks_of_a_sharded_array_are_not_prefetched()
    {
        var (origin, values) = await CreateAsync(sharded: true);
        await using var store = new CachedStore(origin, new CacheConfig { PrefetchConfig = new PrefetchConfig() });
        var array = await ZarrArray.OpenAsync(store, "t");

        for (var t = 0; t < 10; t++)
        {
            var data = await array.ReadAsync<float>(ArraySelection.Parse($"{t * 4},:,:"));
            Assert.Equal(values[t * 4 * 64], data.Data[0]);
        }

        Assert.Equal(0, store.CacheStats.PrefetchesIssued);
    }

    [Fact]
    public async Task A_store_without_prefetch_config_is_read_as_before()
    {
        var (origin, values) = await CreateAsync();
        await using var store = new CachedStore(origin, new CacheConfig());
        var array = await ZarrArray.OpenAsync(store, "t");
        var metadataReads = origin.Total.Gets;

        var seen = await WalkAsync(array, y: 0, x: 0);

        Assert.Equal(Enumerable.Range(0, Steps).Select(t => values[t * 4 * 64]), seen);
        Assert.Equal(Steps, origin.Total.Gets - metadataReads);
        Assert.Equal(0, store.CacheStats.PrefetchesIssued);
    }
}
