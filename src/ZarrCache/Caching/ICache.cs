namespace ZarrCache;

/// <summary>
/// A cache of store values by key: the Rust crate's <c>Cache</c> trait. Implementations are thread-safe and hold
/// at most their byte budget.
/// </summary>
public interface ICache
{
    /// <summary>Looks a key up.</summary>
    /// <param name="key">The key.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <returns>The cached bytes (immutable, not copied), or <see langword="null"/> on a miss.</returns>
    ValueTask<ReadOnlyMemory<byte>?> GetAsync(StoreKey key, CancellationToken cancellationToken = default);

    /// <summary>
    /// Caches a value, replacing any older one for the key. A value the cache will not hold (larger than its budget
    /// or its per-entry limit) is not cached, removes any older value for the key, and is counted as rejected.
    /// </summary>
    /// <param name="key">The key.</param>
    /// <param name="value">The bytes; the cache keeps its own copy.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the value is cached or rejected.</returns>
    ValueTask SetAsync(StoreKey key, ReadOnlyMemory<byte> value, CancellationToken cancellationToken = default);

    /// <summary>Removes a key; removing a missing key is not an error.</summary>
    /// <param name="key">The key.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the key is gone.</returns>
    ValueTask RemoveAsync(StoreKey key, CancellationToken cancellationToken = default);

    /// <summary>Removes every key under a prefix (and every entry derived from such a key).</summary>
    /// <param name="prefix">The prefix.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the keys are gone.</returns>
    ValueTask RemovePrefixAsync(StorePrefix prefix, CancellationToken cancellationToken = default);

    /// <summary>Removes everything.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the cache is empty.</returns>
    ValueTask ClearAsync(CancellationToken cancellationToken = default);

    /// <summary>The bytes held now.</summary>
    long Size { get; }

    /// <summary>The byte budget: <see cref="Size"/> never exceeds it.</summary>
    long MaxSize { get; }

    /// <summary>A snapshot of the statistics.</summary>
    CacheStats Stats { get; }
}
