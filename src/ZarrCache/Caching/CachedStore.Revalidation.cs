namespace ZarrCache;

/// <summary>
/// Revalidation: when the origin is an <see cref="IVersionedStore"/>, whole values are read with their ETag and cached
/// with it. An expired entry that has one is revalidated with a conditional read (If-None-Match): "not modified"
/// re-caches the same bytes with a new expiry and serves them (<see cref="CacheStats.Revalidated"/>), a changed value
/// replaces it, a missing key drops it. With <see cref="CacheConfig.StaleIfError"/>, an origin failure serves the
/// expired bytes when they expired no longer ago than that (<see cref="CacheStats.StaleServed"/>). Concurrent reads of
/// one expired key share one origin request, like misses.
/// </summary>
public sealed partial class CachedStore
{
    private long _revalidated;
    private long _staleServed;

    private IVersionedStore? Versioned => _store as IVersionedStore;

    /// <summary>Whether an expired entry stays cached for a later read: to revalidate it, or to serve it on an origin failure.</summary>
    private bool KeepsExpired(in CacheEntry stale) =>
        (stale.ETag is not null && Versioned is not null) || Config.StaleIfError is not null;

    /// <summary>A whole read that found <paramref name="stale"/> expired: revalidates or re-reads it through the coalescing load.</summary>
    private ValueTask<ReadOnlyMemory<byte>?> ReadExpiredAsync(StoreKey key, CacheEntry stale, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _expired);
        return KeepsExpired(stale) ? ReadKeptExpiredAsync(key, stale, cancellationToken) : ReadDroppedExpiredAsync(key, cancellationToken);
    }

    private ValueTask<ReadOnlyMemory<byte>?> ReadKeptExpiredAsync(StoreKey key, CacheEntry stale, CancellationToken cancellationToken)
    {
        _misses.Increment();
        return LoadAsync(key, key, cacheable: true, new OriginRead(_store, key, null, stale), cancellationToken);
    }

    private async ValueTask<ReadOnlyMemory<byte>?> ReadDroppedExpiredAsync(StoreKey key, CancellationToken cancellationToken)
    {
        await Cache.RemoveAsync(key, CancellationToken.None).ConfigureAwait(false);
        return await ReadMissAsync(key, cacheable: true, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs one origin read: conditional when it replaces an entry with an ETag, versioned for whole values.</summary>
    private async ValueTask<OriginOutcome> ExecuteAsync(StoreKey key, bool cacheable, OriginRead read, CancellationToken cancellationToken)
    {
        if (read.Range is not null || !cacheable || Versioned is not { } versioned)
        {
            return new OriginOutcome(false, await read.ExecuteAsync(cancellationToken).ConfigureAwait(false), null);
        }

        if (read.Stale is { ETag: { } etag })
        {
            var result = await versioned.GetIfNoneMatchAsync(key, etag, cancellationToken).ConfigureAwait(false);
            if (result.IsNotModified)
            {
                return new OriginOutcome(true, null, etag);
            }

            return result.Value is { } changed ? new OriginOutcome(false, changed.Bytes, changed.ETag) : default;
        }

        return await versioned.GetWithVersionAsync(key, cancellationToken).ConfigureAwait(false) is { } value
            ? new OriginOutcome(false, value.Bytes, value.ETag)
            : default;
    }

    /// <summary>The origin said "not modified": cache the same bytes with a new expiry, and serve them.</summary>
    private async ValueTask<ReadOnlyMemory<byte>?> RefreshAsync(StoreKey cacheKey, StoreKey key, CacheEntry stale, long version)
    {
        Interlocked.Increment(ref _revalidated);
        await CacheUnlessRacedAsync(cacheKey, key, stale.Value, stale.ETag, version).ConfigureAwait(false);
        return stale.Value;
    }

    /// <summary>Whether an expired entry may be served because the origin failed: within <see cref="CacheConfig.StaleIfError"/> of its expiry.</summary>
    private bool CanServeStale(in CacheEntry stale)
    {
        if (Config.StaleIfError is not { } window || stale.ExpiresAtUtcTicks == CacheEntry.NeverExpires)
        {
            return false;
        }

        var now = _time.GetUtcNow().UtcTicks;
        return now - stale.ExpiresAtUtcTicks <= window.Ticks;
    }

    /// <summary>What one origin read gave: "not modified", or the value (null when missing) with its ETag.</summary>
    private readonly record struct OriginOutcome(bool NotModified, ReadOnlyMemory<byte>? Value, string? ETag);
}
