namespace ZarrCache.Zarr;

/// <summary>Cache warming for Zarr arrays: pay the origin's latency for a region in advance.</summary>
public static class ZarrWarming
{
    /// <summary>
    /// Reads every chunk (or shard) a selection of <paramref name="array"/> touches into the cache of
    /// <paramref name="store"/>, with bounded concurrency; a later read of the selection through the same store makes
    /// no origin request. Open <paramref name="array"/> on <paramref name="store"/> (or on the store it wraps).
    /// </summary>
    /// <param name="store">The cached store.</param>
    /// <param name="array">The array.</param>
    /// <param name="selection">The region (null: the whole array).</param>
    /// <param name="options">Concurrency and progress settings; null for the defaults.</param>
    /// <param name="progress">Receives progress; null for none.</param>
    /// <param name="cancellationToken">Stops the warm-up; what was read stays cached.</param>
    /// <returns>What the warm-up did; chunks missing at the origin count as <see cref="WarmResult.Missing"/>.</returns>
    public static Task<WarmResult> WarmAsync(
        this CachedStore store,
        ZarrArray array,
        ArraySelection? selection = null,
        WarmOptions? options = null,
        IProgress<WarmProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(array);
        return store.WarmAsync(array.ChunkKeysFor(selection), options, progress, cancellationToken);
    }
}
