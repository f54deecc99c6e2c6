namespace ZarrCache;

/// <summary>
/// A store that keeps copies of its origin's values (as <see cref="CachedStore"/> does). A reader that finds a value
/// unusable, such as a Zarr chunk that does not decode, drops the copy with <see cref="RemoveCachedAsync"/> so that its
/// next read goes to the origin instead of failing on the same bytes forever.
/// </summary>
public interface ICachingStore : IReadableStore
{
    /// <summary>Drops a key, its cached ranges and its missing mark from the cache only (the Rust crate's <c>remove_cached</c>).</summary>
    /// <param name="key">The key.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the key is gone from the cache.</returns>
    ValueTask RemoveCachedAsync(StoreKey key, CancellationToken cancellationToken = default);

    /// <summary>TEMPORARY (validity branch).</summary>
    /// <param name="key">The key.</param>
    /// <returns>The version.</returns>
    long VersionOf(StoreKey key) => 0;

    /// <summary>TEMPORARY (validity branch).</summary>
    TimeProvider TimeProvider => TimeProvider.System;
}
