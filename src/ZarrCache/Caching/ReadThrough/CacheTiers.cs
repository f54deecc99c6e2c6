namespace ZarrCache;

/// <summary>
/// The read path's access to the cache: every cache seen as an <see cref="IExpiringCache"/> (one that stores no expiries
/// through <see cref="NonExpiringCache"/>, picked once), lookups that never serve an expired entry, and stores with the
/// expiry of the key's kind.
/// </summary>
internal sealed class CacheTiers
{
    private readonly EntryLifetimes _lifetimes;
    private readonly StaleEntries _stale;
    private readonly StoreCounters _counters;

    public CacheTiers(ICache cache, CacheConfig config, EntryLifetimes lifetimes, StaleEntries stale, StoreCounters counters)
    {
        Cache = cache;
        var hasTtl = config.Ttl is not null || config.ChunkTtl is not null || config.MetadataTtl is not null;
        if (hasTtl && cache is not IExpiringCache)
        {
            var field = config.Ttl is not null ? nameof(CacheConfig.Ttl) : config.ChunkTtl is not null ? nameof(CacheConfig.ChunkTtl) : nameof(CacheConfig.MetadataTtl);
            throw CacheConfigException.ForField(
                field, $"needs a cache that stores expiries (IExpiringCache: S3FifoMemoryCache, LruMemoryCache, DiskCache, TieredCache); {cache.GetType().Name} does not.");
        }

        Entries = cache as IExpiringCache ?? new NonExpiringCache(cache);
        _lifetimes = lifetimes;
        _stale = stale;
        _counters = counters;
    }

    /// <summary>The cache as given.</summary>
    public ICache Cache { get; }

    /// <summary>The cache as entries with expiries.</summary>
    public IExpiringCache Entries { get; }

    /// <summary>Caches a value of a key of <paramref name="kind"/> under <paramref name="cacheKey"/>, with its expiry and ETag.</summary>
    public ValueTask StoreAsync(StoreKey cacheKey, KeyKind kind, ReadOnlyMemory<byte> bytes, string? etag, CancellationToken cancellationToken) =>
        Entries.SetAsync(cacheKey, bytes, _lifetimes.OptionsFor(kind) with { ETag = etag }, cancellationToken);

    public ValueTask RemoveAsync(StoreKey cacheKey, CancellationToken cancellationToken) => Entries.RemoveAsync(cacheKey, cancellationToken);

    /// <summary>
    /// Looks a cache key up, never returning an expired entry (an expired one is counted, and dropped unless a later
    /// whole read can still use it); a hit's expiry is reported to the caller's <see cref="CacheValidity"/> scope.
    /// </summary>
    public ValueTask<ReadOnlyMemory<byte>?> LookupAsync(StoreKey cacheKey, CancellationToken cancellationToken)
    {
        var lookup = LookupEntryAsync(cacheKey, cancellationToken);
        return lookup.IsCompletedSuccessfully ? new(lookup.Result?.Value) : ValueOfAsync(lookup);
    }

    /// <summary>As <see cref="LookupAsync"/>, with the live entry (its tier and expiry) instead of only its bytes.</summary>
    public ValueTask<CacheEntry?> LookupEntryAsync(StoreKey cacheKey, CancellationToken cancellationToken)
    {
        var lookup = Entries.GetEntryAsync(cacheKey, cancellationToken);
        if (!lookup.IsCompletedSuccessfully)
        {
            return LookupSlowAsync(cacheKey, lookup);
        }

        if (lookup.Result is not { } entry)
        {
            return new((CacheEntry?)null);
        }

        return _lifetimes.IsExpired(entry) ? ExpiredAsync(cacheKey, entry) : new(Served(entry));
    }

    private static async ValueTask<ReadOnlyMemory<byte>?> ValueOfAsync(ValueTask<CacheEntry?> lookup) =>
        (await lookup.ConfigureAwait(false))?.Value;

    private async ValueTask<CacheEntry?> LookupSlowAsync(StoreKey cacheKey, ValueTask<CacheEntry?> lookup)
    {
        if (await lookup.ConfigureAwait(false) is not { } entry)
        {
            return null;
        }

        return _lifetimes.IsExpired(entry) ? await ExpiredAsync(cacheKey, entry).ConfigureAwait(false) : Served(entry);
    }

    /// <summary>A live entry a lookup returns: its expiry reported to the caller's <see cref="CacheValidity"/> scope.</summary>
    private static CacheEntry Served(in CacheEntry entry)
    {
        EntryLifetimes.Report(entry.ExpiresAtUtcTicks);
        return entry;
    }

    /// <summary>An entry found expired by a lookup: counted, and dropped unless a whole read can revalidate or serve it stale.</summary>
    private async ValueTask<CacheEntry?> ExpiredAsync(StoreKey cacheKey, CacheEntry stale)
    {
        _counters.Expired();
        if (!_stale.Keeps(stale))
        {
            await Entries.RemoveAsync(cacheKey, CancellationToken.None).ConfigureAwait(false);
        }

        return null;
    }
}
