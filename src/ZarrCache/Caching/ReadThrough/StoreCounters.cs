namespace ZarrCache;

/// <summary>
/// The counters of one <see cref="CachedStore"/>: the user's hits and misses (a prefetch's own reads are not theirs),
/// origin reads and bytes, coalesced waits, expiries, revalidations, stale serves; and the snapshot that adds the cache's.
/// </summary>
internal sealed class StoreCounters(IPrefetchHook prefetch)
{
    private readonly StripedCounter _hits = new();
    private readonly StripedCounter _misses = new();
    private readonly StripedCounter _bytesServed = new();
    private readonly StripedCounter _negativeHits = new();
    private long _originReads;
    private long _originBytes;
    private long _originMisses;
    private long _coalesced;
    private long _expired;
    private long _revalidated;
    private long _staleServed;

    /// <summary>A read of the user served <paramref name="bytes"/> from the cache (counted as the prefetch's use too).</summary>
    public void Hit(StoreKey cacheKey, int bytes)
    {
        if (prefetch.InScope)
        {
            return; // A prefetch's own lookups are not reads of the user.
        }

        prefetch.OnUsed(cacheKey);
        _hits.Increment();
        _bytesServed.Add(bytes);
    }

    /// <summary>A read of the user missed the cache.</summary>
    public void Miss()
    {
        if (!prefetch.InScope)
        {
            _misses.Increment();
        }
    }

    /// <summary>A read of an expired entry that stays for revalidation: a miss even inside a prefetch.</summary>
    public void ExpiredMiss() => _misses.Increment();

    public void NegativeHit() => _negativeHits.Increment();

    public void OriginRead() => Interlocked.Increment(ref _originReads);

    public void OriginBytes(long bytes) => Interlocked.Add(ref _originBytes, bytes);

    public void OriginMissing() => Interlocked.Increment(ref _originMisses);

    public void Coalesced() => Interlocked.Increment(ref _coalesced);

    public void Expired() => Interlocked.Increment(ref _expired);

    public void Revalidated() => Interlocked.Increment(ref _revalidated);

    public void StaleServed() => Interlocked.Increment(ref _staleServed);

    /// <summary>The snapshot: these counters, the cache's, the missing keys remembered and the prefetcher's.</summary>
    public CacheStats Snapshot(CacheStats cache, int negativeEntries) => prefetch.AddTo(new CacheStats
    {
        Hits = _hits.Sum(),
        Misses = _misses.Sum(),
        BytesServed = _bytesServed.Sum(),
        NegativeHits = _negativeHits.Sum(),
        NegativeEntries = negativeEntries,
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
    });
}
