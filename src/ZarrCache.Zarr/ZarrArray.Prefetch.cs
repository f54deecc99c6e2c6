namespace ZarrCache.Zarr;

/// <summary>Prefetching: a read through a <see cref="CachedStore"/> with a <see cref="PrefetchConfig"/> queues the chunks its reader will likely read next.</summary>
public sealed partial class ZarrArray
{
    private ChunkAccessPredictor? _predictor;

    /// <summary>
    /// Tells the store's prefetcher which box of the chunk grid a read covers, and queues the chunks predicted next.
    /// Sharded arrays are not prefetched (a shard is read by ranges; see docs/zarr.md).
    /// </summary>
    private void PrefetchAfter(long[] start, long[] count)
    {
        if (Store is not CachedStore { Config.PrefetchConfig: { } config } cached || Sharding is not null)
        {
            return;
        }

        var predictor = _predictor ?? Interlocked.CompareExchange(ref _predictor, new ChunkAccessPredictor(ChunkGridShape, config), null) ?? _predictor;
        var rank = start.Length;
        var first = new long[rank];
        var extent = new long[rank];
        for (var d = 0; d < rank; d++)
        {
            first[d] = start[d] / ChunkShape[d];
            extent[d] = ((start[d] + count[d] - 1) / ChunkShape[d]) - first[d] + 1;
        }

        foreach (var coords in predictor.Observe(first, extent))
        {
            if (!cached.TryPrefetch(ChunkKey(coords)))
            {
                break;
            }
        }
    }
}
