using ZarrCache.Zarr.Sharding;

namespace ZarrCache.Zarr;

/// <summary>Prefetching: a read through a <see cref="CachedStore"/> with a <see cref="PrefetchConfig"/> queues the chunks its reader will likely read next.</summary>
public sealed partial class ZarrArray
{
    private ChunkAccessPredictor? _predictor;

    /// <summary>Whether shards are read by byte ranges (index, then inner chunks) rather than whole.</summary>
    private bool ReadsShardsByRange => Sharding is not null && _metadata.Codecs.ArrayToArray.Count == 0 && _metadata.Codecs.BytesToBytes.Count == 0;

    /// <summary>
    /// Tells the store's prefetcher which box of the chunk grid a read covers, and queues the chunks predicted next.
    /// For a sharded array the grid is that of the inner chunks, and only reads touching one inner chunk are followed
    /// (a larger box is read with merged byte ranges that per-chunk prefetches would not meet).
    /// </summary>
    private void PrefetchAfter(long[] start, long[] count)
    {
        if (Store is not CachedStore { Config.PrefetchConfig: { } config } cached || (Sharding is not null && !ReadsShardsByRange))
        {
            return;
        }

        var grid = Sharding is { } sharding ? sharding.ChunkShape : ChunkShape;
        var (first, extent) = ChunkBox(start, count, grid);

        if (Sharding is not null && extent.Any(e => e != 1))
        {
            return;
        }

        var predictor = _predictor ?? Interlocked.CompareExchange(ref _predictor, NewPredictor(grid, config), null) ?? _predictor;
        foreach (var coords in predictor.Observe(first, extent))
        {
            if (!(Sharding is null ? cached.TryPrefetch(ChunkKey(coords)) : TryPrefetchInnerChunk(cached, coords)))
            {
                break;
            }
        }
    }

    private ChunkAccessPredictor NewPredictor(IReadOnlyList<int> grid, PrefetchConfig config) =>
        new(Shape.Select((s, d) => (s + grid[d] - 1) / grid[d]).ToArray(), config);

    /// <summary>Queues the byte-range reads (shard index, then the inner chunk) that a read of one inner chunk makes.</summary>
    private bool TryPrefetchInnerChunk(CachedStore cached, long[] inner)
    {
        var sharding = Sharding!;
        var rank = inner.Length;
        var shard = new long[rank];
        var regionStart = new long[rank];
        var regionCount = new long[rank];
        for (var d = 0; d < rank; d++)
        {
            var element = inner[d] * sharding.ChunkShape[d];
            shard[d] = element / ChunkShape[d];
            regionStart[d] = element - (shard[d] * ChunkShape[d]);
            regionCount[d] = sharding.ChunkShape[d];
        }

        var key = ChunkKey(shard);
        var repr = _metadata.ChunkRepresentation;
        return cached.TryPrefetch(key, token => new ValueTask(ShardReader.ReadAsync(cached, key, sharding, repr, regionStart, regionCount, sink: null, token)));
    }
}
