namespace ZarrCache;

/// <summary>
/// The counters of one <see cref="CachedStore"/>: the user's hits and misses (a prefetch's own reads are not theirs),
/// origin reads and bytes, coalesced waits, expiries, revalidations, stale serves; and the snapshot that adds the cache's.
/// Every hit and miss it counts it also reports to the store's <see cref="IAccessObserver"/> (the access trace), so a
/// trace holds exactly the requests these counters count.
/// </summary>
internal sealed class StoreCounters(IPrefetchHook prefetch, IAccessObserver observer)
{
    private static readonly Func<ReadOnlyMemory<byte>?, long> ValueSize = static value => value?.Length ?? 0;
    private readonly StripedCounter _hits = new();
    private readonly StripedCounter _misses = new();
    private readonly StripedCounter _bytesServed = new();
    private readonly StripedCounter _negativeHits = new();
    private readonly AtomicCounter _originReads = new();
    private readonly AtomicCounter _originBytes = new();
    private readonly AtomicCounter _originMisses = new();
    private readonly AtomicCounter _coalesced = new();
    private readonly AtomicCounter _expired = new();
    private readonly AtomicCounter _revalidated = new();
    private readonly AtomicCounter _staleServed = new();

    /// <summary>
    /// A read of the user served <paramref name="bytes"/> from <paramref name="entry"/>, cached under
    /// <paramref name="cacheKey"/> (counted as the prefetch's use too, and traced with the entry's size and tier).
    /// </summary>
    public void Hit(StoreKey cacheKey, int bytes, in CacheEntry entry)
    {
        if (prefetch.InScope)
        {
            return; // A prefetch's own lookups are not reads of the user.
        }

        prefetch.OnUsed(cacheKey);
        _hits.Increment();
        _bytesServed.Add(bytes);
        observer.OnAccess(cacheKey, entry.Value.Length, AccessOutcome.Hit, entry.Tier);
    }

    /// <summary>
    /// A read of the user missed the cache and <paramref name="load"/> reads <paramref name="cacheKey"/> from the origin:
    /// counted now, traced when the load ends, with the size it returned (0 when the key is missing or the read failed).
    /// </summary>
    public ValueTask<ReadOnlyMemory<byte>?> Miss(StoreKey cacheKey, ValueTask<ReadOnlyMemory<byte>?> load) =>
        Missed(!prefetch.InScope, cacheKey, load, ValueSize);

    /// <summary>As <see cref="Miss(StoreKey, ValueTask{ReadOnlyMemory{byte}?})"/>, for a load of several values traced as one request of their total size.</summary>
    public ValueTask<IReadOnlyList<ReadOnlyMemory<byte>>?> Miss(StoreKey cacheKey, ValueTask<IReadOnlyList<ReadOnlyMemory<byte>>?> load) =>
        Missed(!prefetch.InScope, cacheKey, load, static values => values?.Sum(static v => (long)v.Length) ?? 0);

    /// <summary>A read of an expired entry that stays for revalidation: a miss even inside a prefetch, counted and traced as <see cref="Miss(StoreKey, ValueTask{ReadOnlyMemory{byte}?})"/>.</summary>
    public ValueTask<ReadOnlyMemory<byte>?> ExpiredMiss(StoreKey cacheKey, ValueTask<ReadOnlyMemory<byte>?> load) =>
        Missed(true, cacheKey, load, ValueSize);

    public void NegativeHit() => _negativeHits.Increment();

    public void OriginRead() => _originReads.Increment();

    public void OriginBytes(long bytes) => _originBytes.Add(bytes);

    public void OriginMissing() => _originMisses.Increment();

    public void Coalesced() => _coalesced.Increment();

    public void Expired() => _expired.Increment();

    public void Revalidated() => _revalidated.Increment();

    public void StaleServed() => _staleServed.Increment();

    /// <summary>The snapshot: these counters, the cache's, the missing keys remembered and the prefetcher's.</summary>
    public CacheStats Snapshot(CacheStats cache, int negativeEntries) => prefetch.AddTo(new CacheStats
    {
        Hits = _hits.Sum(),
        Misses = _misses.Sum(),
        BytesServed = _bytesServed.Sum(),
        NegativeHits = _negativeHits.Sum(),
        NegativeEntries = negativeEntries,
        OriginReads = _originReads.Value,
        OriginBytes = _originBytes.Value,
        OriginMisses = _originMisses.Value,
        CoalescedWaits = _coalesced.Value,
        ExpiredEntries = _expired.Value,
        Revalidated = _revalidated.Value,
        StaleServed = _staleServed.Value,
        CorruptEntries = cache.CorruptEntries,
        Inserts = cache.Inserts,
        Rejected = cache.Rejected,
        Evictions = cache.Evictions,
        Entries = cache.Entries,
        BytesHeld = cache.BytesHeld,
    });

    private ValueTask<T> Missed<T>(bool user, StoreKey cacheKey, ValueTask<T> load, Func<T, long> size)
    {
        if (!user)
        {
            return load;
        }

        _misses.Increment();
        if (load.IsCompletedSuccessfully)
        {
            var value = load.Result;
            observer.OnAccess(cacheKey, size(value), AccessOutcome.Miss, AccessTier.Origin);
            return new(value);
        }

        return TraceWhenLoadedAsync(cacheKey, load, size);
    }

    private async ValueTask<T> TraceWhenLoadedAsync<T>(StoreKey cacheKey, ValueTask<T> load, Func<T, long> size)
    {
        long bytes = 0;
        try
        {
            var value = await load.ConfigureAwait(false);
            bytes = size(value);
            return value;
        }
        finally
        {
            observer.OnAccess(cacheKey, bytes, AccessOutcome.Miss, AccessTier.Origin);
        }
    }
}
