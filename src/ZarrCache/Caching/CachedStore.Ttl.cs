namespace ZarrCache;

/// <summary>
/// Time-to-live: each cached entry carries its absolute expiry (set from <see cref="CacheConfig.Ttl"/>,
/// <see cref="CacheConfig.MetadataTtl"/> or <see cref="CacheConfig.ChunkTtl"/> by the key's kind when cached), and
/// every read compares it with the clock: O(1), no scan. An expired entry is never served.
/// </summary>
public sealed partial class CachedStore
{
    private IExpiringCache? _expiring;
    private TimeProvider _time = TimeProvider.System;
    private long _chunkTtlTicks;
    private long _metadataTtlTicks;
    private long _otherTtlTicks;
    private long _expired;

    private void InitializeTtl(TimeProvider time)
    {
        _time = time;
        _expiring = Cache as IExpiringCache;
        _otherTtlTicks = TicksOf(Config.Ttl);
        _chunkTtlTicks = TicksOf(Config.ChunkTtl ?? Config.Ttl);
        _metadataTtlTicks = TicksOf(Config.MetadataTtl ?? Config.Ttl);
        var hasTtl = Config.Ttl is not null || Config.ChunkTtl is not null || Config.MetadataTtl is not null;
        if (hasTtl && _expiring is null)
        {
            var field = Config.Ttl is not null ? nameof(CacheConfig.Ttl) : Config.ChunkTtl is not null ? nameof(CacheConfig.ChunkTtl) : nameof(CacheConfig.MetadataTtl);
            throw CacheConfigException.ForField(
                field, $"needs a cache that stores expiries (IExpiringCache: S3FifoMemoryCache, LruMemoryCache, DiskCache, TieredCache); {Cache.GetType().Name} does not.");
        }
    }

    private static long TicksOf(TimeSpan? ttl) => ttl is { } value ? value.Ticks : 0;

    /// <summary>Whether an entry must not be served; reads the clock only for entries that expire.</summary>
    private bool IsExpired(in CacheEntry entry) =>
        entry.ExpiresAtUtcTicks != CacheEntry.NeverExpires && _time.GetUtcNow().UtcTicks >= entry.ExpiresAtUtcTicks;

    /// <summary>The options to cache a value of <paramref name="key"/> with: its expiry by the key's kind.</summary>
    private CacheEntryOptions OptionsFor(StoreKey key)
    {
        var ttl = KeyPolicy.Classify(key) switch
        {
            KeyKind.Chunk => _chunkTtlTicks,
            KeyKind.Other => _otherTtlTicks,
            _ => _metadataTtlTicks,
        };
        if (ttl == 0)
        {
            return CacheEntryOptions.None;
        }

        var now = _time.GetUtcNow().UtcTicks;
        return new CacheEntryOptions { ExpiresAtUtcTicks = now > long.MaxValue - ttl ? CacheEntry.NeverExpires : now + ttl };
    }

    /// <summary>Caches a value of <paramref name="key"/> (or of one of its ranges) under <paramref name="cacheKey"/>, with its expiry.</summary>
    private ValueTask CacheValueAsync(StoreKey cacheKey, StoreKey key, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken) =>
        CacheValueAsync(cacheKey, key, bytes, null, cancellationToken);

    /// <summary>Caches a value with its expiry and the origin's ETag (kept only by an <see cref="IExpiringCache"/>).</summary>
    private ValueTask CacheValueAsync(StoreKey cacheKey, StoreKey key, ReadOnlyMemory<byte> bytes, string? etag, CancellationToken cancellationToken) =>
        _expiring is { } expiring
            ? expiring.SetAsync(cacheKey, bytes, OptionsFor(key) with { ETag = etag }, cancellationToken)
            : Cache.SetAsync(cacheKey, bytes, cancellationToken);

    /// <summary>
    /// Looks a cache key up, never returning an expired entry (an expired one is dropped and counted); a hit's expiry is
    /// reported to the caller's <see cref="CacheValidity"/> scope.
    /// </summary>
    private ValueTask<ReadOnlyMemory<byte>?> LookupAsync(StoreKey cacheKey, CancellationToken cancellationToken)
    {
        if (_expiring is null)
        {
            return Cache.GetAsync(cacheKey, cancellationToken);
        }

        var lookup = _expiring.GetEntryAsync(cacheKey, cancellationToken);
        if (!lookup.IsCompletedSuccessfully)
        {
            return LookupSlowAsync(cacheKey, lookup, cancellationToken);
        }

        if (lookup.Result is not { } entry)
        {
            return new((ReadOnlyMemory<byte>?)null);
        }

        return IsExpired(entry) ? ExpiredAsync(cacheKey, entry) : new(Served(entry));
    }

    private async ValueTask<ReadOnlyMemory<byte>?> LookupSlowAsync(StoreKey cacheKey, ValueTask<CacheEntry?> lookup, CancellationToken cancellationToken)
    {
        _ = cancellationToken;
        if (await lookup.ConfigureAwait(false) is not { } entry)
        {
            return null;
        }

        return IsExpired(entry) ? await ExpiredAsync(cacheKey, entry).ConfigureAwait(false) : Served(entry);
    }

    /// <summary>A live entry a lookup returns: its expiry reported to the caller's <see cref="CacheValidity"/> scope.</summary>
    private static ReadOnlyMemory<byte> Served(in CacheEntry entry)
    {
        ReportExpiry(entry.ExpiresAtUtcTicks);
        return entry.Value;
    }

    /// <summary>
    /// An entry found expired by a cache-only lookup (or a range read): counted and reported as a miss. It is dropped
    /// unless a later whole read can still use it (to revalidate it by its ETag, or to serve it under stale-if-error).
    /// </summary>
    private async ValueTask<ReadOnlyMemory<byte>?> ExpiredAsync(StoreKey cacheKey, CacheEntry stale)
    {
        Interlocked.Increment(ref _expired);
        if (!KeepsExpired(stale))
        {
            await Cache.RemoveAsync(cacheKey, CancellationToken.None).ConfigureAwait(false);
        }

        return null;
    }
}
