namespace ZarrCache;

/// <summary>The cache-only calls: the Rust crate's <c>get_cached</c>, <c>set_cached</c>, <c>remove_cached</c>, <c>clear_cache</c>.</summary>
public sealed partial class CachedStore
{
    /// <summary>Looks a key up in the cache only, never reading the origin (the Rust crate's <c>get_cached</c>).</summary>
    /// <param name="key">The key (a string converts implicitly).</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <returns>The cached bytes, or <see langword="null"/> when the key is not cached.</returns>
    public ValueTask<ReadOnlyMemory<byte>?> GetCachedAsync(StoreKey key, CancellationToken cancellationToken = default) =>
        LookupAsync(key, cancellationToken);

    /// <summary>Puts a value into the cache only, not the origin (the Rust crate's <c>set_cached</c>).</summary>
    /// <param name="key">The key (a string converts implicitly).</param>
    /// <param name="value">The bytes; the cache keeps its own copy.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the value is cached or rejected.</returns>
    /// <remarks>
    /// The old value is dropped and the new one cached inside one write of the key (see <see cref="VersionOf"/>): a read
    /// that began before cannot cache over it, and a value derived from the old bytes is outdated by the write.
    /// </remarks>
    public async ValueTask SetCachedAsync(StoreKey key, ReadOnlyMemory<byte> value, CancellationToken cancellationToken = default)
    {
        await _fence.BeginWriteAsync(key).ConfigureAwait(false);
        try
        {
            await InvalidateCoreAsync(key, cancellationToken).ConfigureAwait(false);
            await CacheValueAsync(key, key, value, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _fence.EndWrite(key);
        }
    }

    /// <summary>Drops a key, its cached ranges and its missing mark from the cache only (the Rust crate's <c>remove_cached</c>).</summary>
    /// <param name="key">The key (a string converts implicitly).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the key is gone from the cache.</returns>
    public ValueTask RemoveCachedAsync(StoreKey key, CancellationToken cancellationToken = default) =>
        InvalidateAsync(key, cancellationToken);

    /// <summary>Empties the cache and forgets every missing key (the Rust crate's <c>clear_cache</c>).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the cache is empty.</returns>
    public async ValueTask ClearCacheAsync(CancellationToken cancellationToken = default)
    {
        await _fence.BeginWriteAllAsync().ConfigureAwait(false);
        try
        {
            _inflight.Clear();
            _rangeKeys.Clear();
            _negative.Clear();
            await Cache.ClearAsync(cancellationToken).ConfigureAwait(false);
            _prefetcher?.OnCleared();
        }
        finally
        {
            _fence.EndWriteAll();
        }
    }
}
