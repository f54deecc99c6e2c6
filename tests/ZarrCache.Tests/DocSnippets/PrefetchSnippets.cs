using ZarrCache.Tests.TestSupport;
using ZarrCache.Zarr;
using ZarrCache.Zarr.DataTypes;

namespace ZarrCache.Tests.DocSnippets;

/// <summary>The code of docs/prefetch.md: a time-series walk over temperature (365 × 128 × 256 float32 in chunks of
/// 1 × 16 × 16; only the walked column of chunks is written) behind an origin with 2 ms of latency, whose later chunks
/// the prefetcher fetches ahead.</summary>
public sealed class PrefetchSnippets
{
    [Fact]
    public async Task A_time_series_walk_finds_chunks_the_prefetcher_fetched_ahead()
    {
        var memory = new MemoryStore();
        var written = await ZarrArray.CreateAsync(memory, "temperature", new ZarrArrayOptions
        {
            Shape = [365, 128, 256],
            ChunkShape = [1, 16, 16],
            DataType = ZarrDataTypeKind.Float32,
        });
        await written.WriteAsync<float>(ArraySelection.Parse("0:365,96:112,192:208"), Enumerable.Range(0, 365 * 16 * 16).Select(i => (float)(i / 256)).ToArray());
        var origin = new CountingStore(new SlowStore(memory));

        // begin-snippet: time-series-walk
        var config = new CacheConfig
        {
            PrefetchConfig = new PrefetchConfig { NeighborChunks = 4 },   // defaults: Walk, queue 64, 4 workers, 25 % cap
        };
        await using var store = new CachedStore(origin, config);           // disposing stops the prefetch workers
        var array = await ZarrArray.OpenAsync(store, "temperature");
        for (var t = 0; t < 365; t++)
        {
            await array.ReadAsync(ArraySelection.Parse($"{t},100,200"));     // from the 3rd read on, chunks t+1…t+4 are fetched ahead
        }
        // end-snippet

        var last = await array.ReadAsync<float>(ArraySelection.Parse("364,100,200"));
        Assert.Equal(364f, last.Data[0]);
        var stats = store.CacheStats;
        Assert.Equal(365, origin.CountsFor(KeyKind.Chunk).Gets); // each chunk once: prefetch and reader never both read one
        // How many prefetches win the race with the reader depends on timing; with 2 ms of latency some are issued (as in ZarrArrayPrefetchTests).
        Assert.True(stats.PrefetchesIssued > 0, "no prefetch was issued");
        Assert.Equal(0, stats.PrefetchesWasted);
    }
}
