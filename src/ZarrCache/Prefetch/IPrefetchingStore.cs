namespace ZarrCache;

/// <summary>
/// A store that can read keys into its cache in the background (as <see cref="CachedStore"/> does when
/// <see cref="CacheConfig.PrefetchConfig"/> is set). A reader that predicts what it will read next (the Zarr layer's
/// chunk-grid predictor) queues those reads through this interface.
/// </summary>
public interface IPrefetchingStore : IReadableStore
{
    /// <summary>The prefetch settings; null when prefetching is off (then every <c>TryPrefetch</c> returns false).</summary>
    PrefetchConfig? PrefetchConfig { get; }

    /// <summary>
    /// Queues a background read of <paramref name="key"/> into the cache. A foreground read of the key while the
    /// prefetch runs awaits it instead of reading again; keys not cached by policy, already cached or known missing are skipped.
    /// </summary>
    /// <param name="key">The key.</param>
    /// <returns>
    /// Whether the key was queued: false when prefetching is off, the store is disposed, or prefetched-but-unused bytes
    /// are at their cap (<see cref="PrefetchConfig.MaxUnusedFraction"/>). A full queue drops its oldest key instead.
    /// </returns>
    bool TryPrefetch(StoreKey key);

    /// <summary>
    /// Queues a background read that reads through this store itself, such as the byte ranges of a shard's inner
    /// chunks: its hits and misses are not counted as the user's, and what it caches counts as prefetched.
    /// </summary>
    /// <param name="key">The key it reads, for logs.</param>
    /// <param name="fetch">The reads.</param>
    /// <returns>As <see cref="TryPrefetch(StoreKey)"/>.</returns>
    bool TryPrefetch(StoreKey key, Func<CancellationToken, ValueTask> fetch);
}
