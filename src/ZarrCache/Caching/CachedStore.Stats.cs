namespace ZarrCache;

/// <summary>Statistics: the counters of this store, and the snapshot that adds the cache's and the prefetcher's.</summary>
public sealed partial class CachedStore
{
    /// <summary>The statistics of this store and its cache, as of now.</summary>
    public CacheStats CacheStats
    {
        get
        {
            var cache = Cache.Stats;
            var stats = new CacheStats
            {
                Hits = _hits.Sum(),
                Misses = _misses.Sum(),
                BytesServed = _bytesServed.Sum(),
                NegativeHits = _negativeHits.Sum(),
                NegativeEntries = _negative.Count,
                OriginReads = Volatile.Read(ref _originReads),
                OriginBytes = Volatile.Read(ref _originBytes),
                OriginMisses = Volatile.Read(ref _originMisses),
                CoalescedWaits = Volatile.Read(ref _coalesced),
                ExpiredEntries = Volatile.Read(ref _expired),
                Revalidated = Volatile.Read(ref _revalidated),
                StaleServed = Volatile.Read(ref _staleServed),
                CorruptEntries = cache.CorruptEntries,
                Inserts = cache.Inserts,
                Rejected = cache.Rejected,
                Evictions = cache.Evictions,
                Entries = cache.Entries,
                BytesHeld = cache.BytesHeld,
            };
            return _prefetcher is { } prefetcher ? prefetcher.AddTo(stats) : stats;
        }
    }

    private void CountHit(StoreKey cacheKey, int bytes)
    {
        if (_prefetcher is { } prefetcher)
        {
            if (Prefetcher.InScope)
            {
                return; // A prefetch's own lookups are not reads of the user.
            }

            prefetcher.OnUsed(cacheKey);
        }

        _hits.Increment();
        _bytesServed.Add(bytes);
    }

    private void CountMiss()
    {
        if (_prefetcher is null || !Prefetcher.InScope)
        {
            _misses.Increment();
        }
    }
}
