namespace ZarrCache;

/// <summary>
/// A store that keeps copies of its origin's values (as <see cref="CachedStore"/> does). A reader that finds a value
/// unusable, such as a Zarr chunk that does not decode, drops the copy with <see cref="RemoveCachedAsync"/> so that its
/// next read goes to the origin instead of failing on the same bytes forever. A reader that keeps values derived from
/// its reads (decoded chunks) keeps them only while <see cref="VersionOf"/> is unchanged and, as
/// <see cref="CacheValidity"/> reports, the copies they came from have not expired by <see cref="TimeProvider"/>.
/// </summary>
public interface ICachingStore : IReadableStore
{
    /// <summary>Drops a key, its cached ranges and its missing mark from the cache only (the Rust crate's <c>remove_cached</c>).</summary>
    /// <param name="key">The key.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the key is gone from the cache.</returns>
    ValueTask RemoveCachedAsync(StoreKey key, CancellationToken cancellationToken = default);

    /// <summary>
    /// A number that changes when a write, delete, invalidation or clear of <paramref name="key"/> begins and again when
    /// it ends (it may also change for other keys' writes). A value derived from a read is current only while the number
    /// taken before that read is unchanged. The default, for stores that keep nothing a write could outdate, is 0.
    /// </summary>
    /// <param name="key">The key.</param>
    /// <returns>The key's version; compare it for equality only.</returns>
    long VersionOf(StoreKey key) => 0;

    /// <summary>The clock the store's expiries (those <see cref="CacheValidity"/> reports) are measured by.</summary>
    TimeProvider TimeProvider => TimeProvider.System;
}
