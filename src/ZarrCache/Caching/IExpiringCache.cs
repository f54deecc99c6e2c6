namespace ZarrCache;

/// <summary>
/// A cache that stores an absolute expiry beside each value (in memory, or in the header of a disk entry) and hands
/// entries out with it. <see cref="CachedStore"/> uses it for time-to-live: the check is O(1) per access.
/// </summary>
/// <remarks>
/// <see cref="ICache.SetAsync"/> stores an entry that never expires; <see cref="ICache.GetAsync"/> of an
/// <see cref="IExpiringCache"/> returns the value whatever its expiry (the caller that cares reads the entry).
/// </remarks>
public interface IExpiringCache : ICache
{
    /// <summary>Looks a key up and returns the entry with its expiry, expired or not.</summary>
    /// <param name="key">The key.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <returns>The entry, or <see langword="null"/> on a miss.</returns>
    ValueTask<CacheEntry?> GetEntryAsync(StoreKey key, CancellationToken cancellationToken = default);

    /// <summary>Caches a value with its options (expiry), replacing any older entry for the key.</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">The bytes; the cache keeps its own copy.</param>
    /// <param name="options">The expiry.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the value is cached or rejected.</returns>
    ValueTask SetAsync(StoreKey key, ReadOnlyMemory<byte> value, CacheEntryOptions options, CancellationToken cancellationToken = default);
}
