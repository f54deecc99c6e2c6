namespace ZarrCache;

/// <summary>Prefetching: background reads into the cache of what a reader will likely read next.</summary>
public sealed partial class CachedStore
{
    private readonly Prefetcher? _prefetcher;

    /// <summary>
    /// Queues a background read of <paramref name="key"/> into the cache, when <see cref="CacheConfig.PrefetchConfig"/>
    /// is set. A foreground read of the key while the prefetch runs awaits it instead of reading again. Keys the
    /// <see cref="KeyPolicy"/> does not cache, keys already cached or known missing are skipped. A Zarr array read
    /// through this store calls this itself with the chunks its reader will likely read next.
    /// </summary>
    /// <param name="key">The key.</param>
    /// <returns>
    /// Whether the key was queued: false when prefetching is off, the store is disposed, or prefetched-but-unused bytes
    /// are at their cap (<see cref="PrefetchConfig.MaxUnusedFraction"/>). A full queue drops its oldest key instead.
    /// </returns>
    public bool TryPrefetch(StoreKey key) => _prefetcher?.TryEnqueue(key) ?? false;

    /// <summary>Queues a prefetch that reads through this store itself (used for the byte ranges of a shard's inner chunks).</summary>
    /// <param name="key">The key it reads, for logs.</param>
    /// <param name="fetch">The reads; their hits and misses are not counted as the user's, and what they cache counts as prefetched.</param>
    /// <returns>As <see cref="TryPrefetch(StoreKey)"/>.</returns>
    internal bool TryPrefetch(StoreKey key, Func<CancellationToken, ValueTask> fetch) => _prefetcher?.TryEnqueue(key, fetch) ?? false;

    /// <summary>Stops prefetching: queued prefetches are dropped and running ones cancelled (unless a foreground read waits on them).</summary>
    /// <returns>A task that completes when the prefetch workers have stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        if (_prefetcher is { } prefetcher)
        {
            if (Cache is IEvictionSource source)
            {
                source.EntryEvicted -= OnEntryEvicted;
            }

            await prefetcher.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Stops prefetching, as <see cref="DisposeAsync"/> does.</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private Prefetcher? CreatePrefetcher()
    {
        if (Config.PrefetchConfig is not { } config)
        {
            return null;
        }

        var budget = Cache is TieredCache tiered ? tiered.Memory.MaxSize : Cache.MaxSize;
        var prefetcher = new Prefetcher(config, (long)(budget * config.MaxUnusedFraction), PrefetchKeyAsync, _logger);
        if (Cache is IEvictionSource source)
        {
            source.EntryEvicted += OnEntryEvicted;
        }

        return prefetcher;
    }

    private void OnEntryEvicted(object? sender, CacheEntryEvictedEventArgs e) => _prefetcher?.OnGone(e.Key);

    /// <summary>One prefetch: reads <paramref name="key"/> into the cache unless it is there, missing, or being read.</summary>
    private async ValueTask PrefetchKeyAsync(StoreKey key, CancellationToken cancellationToken)
    {
        if (!_policy.ShouldCache(key) || _negative.IsMissing(key) || _inflight.ContainsKey(key)
            || await LookupAsync(key, cancellationToken).ConfigureAwait(false) is not null)
        {
            return;
        }

        await LoadAsync(key, key, cacheable: true, new OriginRead(_store, key, null, null), cancellationToken, prefetch: true).ConfigureAwait(false);
    }

    /// <summary>After a prefetch read: counts it issued and, when its value was cached, remembers it as not yet used.</summary>
    private void RecordPrefetch(InflightRead<ReadOnlyMemory<byte>?> inflight, StoreKey cacheKey, StoreKey key, bool cacheable, long version)
    {
        var prefetcher = _prefetcher!;
        prefetcher.CountIssued();
        if (!inflight.Task.IsCompletedSuccessfully || inflight.Task.Result is not { } value || !cacheable
            || _fence.VersionOf(key) != version || value.Length > MaxCachedEntrySize)
        {
            return;
        }

        prefetcher.RecordPrefetched(cacheKey, value.Length, () => inflight.Claimed);
    }

    private long MaxCachedEntrySize => Cache switch
    {
        IMemoryTier tier => tier.MaxEntrySize,
        TieredCache tiered => tiered.Memory is IMemoryTier memory ? memory.MaxEntrySize : tiered.Memory.MaxSize,
        _ => Cache.MaxSize,
    };
}
