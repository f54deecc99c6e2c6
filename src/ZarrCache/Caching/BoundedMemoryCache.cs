namespace ZarrCache;

/// <summary>
/// What the memory caches (<see cref="S3FifoMemoryCache"/>, <see cref="LruMemoryCache"/>) share: a thread-safe cache
/// bounded by bytes, with a lock-free, allocation-free hit path and an exact byte budget; the eviction policy is the
/// derived class's.
/// </summary>
/// <remarks>
/// Lookups go to an open-addressing hash table read without a lock; inserts, removals and eviction hold one lock and
/// keep <see cref="Size"/> at or under the budget at every instant, whatever the number of concurrent writers.
/// <see cref="Size"/> counts the bytes of the cached values. A value larger than the budget or than the per-entry limit
/// is not cached and is counted as rejected. Each entry keeps its absolute expiry and ETag
/// (<see cref="IExpiringCache"/>); the cache never reads a clock, the caller checks.
/// </remarks>
public abstract class BoundedMemoryCache : IMemoryTier, IMemoryBudget
{
    private protected BoundedMemoryCache(long maxSizeBytes, long maxEntrySizeBytes, MemoryTierPolicy policy) =>
        Core = new MemoryTierCore(maxSizeBytes, maxEntrySizeBytes, policy);

    /// <summary>The map, budget, statistics and lock.</summary>
    private protected MemoryTierCore Core { get; }

    /// <inheritdoc />
    public long MaxSize => Core.MaxSize;

    /// <summary>The largest value this cache holds.</summary>
    public long MaxEntrySize => Core.MaxEntrySize;

    /// <inheritdoc />
    /// <remarks>The whole budget: <see cref="MaxSize"/>.</remarks>
    public long MemoryMaxSize => MaxSize;

    /// <inheritdoc />
    public long Size => Core.Size;

    /// <summary>The number of entries held.</summary>
    public int Count => Core.Count;

    /// <inheritdoc />
    public CacheStats Stats => Core.Stats;

    /// <summary>
    /// Raised for each entry evicted to make room (not for removals or overwrites), on the thread that caused the
    /// eviction, after the lock is released; a <see cref="TieredCache"/> demotes such entries to disk. With no handler,
    /// eviction costs nothing extra, and hits never pay for it.
    /// </summary>
    public event EventHandler<CacheEntryEvictedEventArgs>? EntryEvicted;

    /// <inheritdoc />
    public ValueTask<ReadOnlyMemory<byte>?> GetAsync(StoreKey key, CancellationToken cancellationToken = default) =>
        Core.Find(key) is { } node ? new(node.Value) : new((ReadOnlyMemory<byte>?)null);

    /// <inheritdoc />
    public ValueTask<CacheEntry?> GetEntryAsync(StoreKey key, CancellationToken cancellationToken = default) =>
        Core.Find(key) is { } node ? new(new CacheEntry(node.Value, node.ExpiresAt, node.ETag)) : new((CacheEntry?)null);

    /// <summary>Looks a key up synchronously; the allocation-free, lock-free core of <see cref="GetAsync"/>.</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">The cached bytes on a hit.</param>
    /// <returns>Whether the key was cached.</returns>
    public bool TryGet(StoreKey key, out ReadOnlyMemory<byte> value)
    {
        var node = Core.Find(key);
        value = node is null ? default : node.Value;
        return node is not null;
    }

    /// <summary>Looks a key up synchronously with its expiry (expired or not); allocates nothing.</summary>
    /// <param name="key">The key.</param>
    /// <param name="entry">The entry on a hit.</param>
    /// <returns>Whether the key was cached.</returns>
    public bool TryGetEntry(StoreKey key, out CacheEntry entry)
    {
        var node = Core.Find(key);
        entry = node is null ? default : new CacheEntry(node.Value, node.ExpiresAt, node.ETag);
        return node is not null;
    }

    /// <inheritdoc />
    public ValueTask SetAsync(StoreKey key, ReadOnlyMemory<byte> value, CancellationToken cancellationToken = default)
    {
        Set(key, value);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask SetAsync(StoreKey key, ReadOnlyMemory<byte> value, CacheEntryOptions options, CancellationToken cancellationToken = default)
    {
        Set(key, value, options);
        return ValueTask.CompletedTask;
    }

    /// <summary>Caches a value synchronously; see <see cref="ICache.SetAsync"/>.</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">The bytes; copied.</param>
    /// <returns>Whether the value was cached (false when it was rejected).</returns>
    public bool Set(StoreKey key, ReadOnlyMemory<byte> value) => Set(key, value, CacheEntryOptions.None);

    /// <summary>Caches a value with its expiry synchronously; see <see cref="IExpiringCache.SetAsync"/>.</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">The bytes; copied.</param>
    /// <param name="options">The entry's expiry and ETag.</param>
    /// <returns>Whether the value was cached (false when it was rejected).</returns>
    public bool Set(StoreKey key, ReadOnlyMemory<byte> value, CacheEntryOptions options) => Core.Set(this, key, value, options, EntryEvicted);

    /// <summary>
    /// Caches <paramref name="value"/> itself, not a copy: for a caller that made the bytes for the cache alone (a
    /// decoded chunk) and never changes them afterwards. Budget, policy and eviction are those of <see cref="Set(StoreKey, ReadOnlyMemory{byte}, CacheEntryOptions)"/>.
    /// </summary>
    /// <param name="key">The key.</param>
    /// <param name="value">The bytes, handed over: neither the caller nor anyone else may change them afterwards.</param>
    /// <param name="options">The entry's expiry and ETag.</param>
    /// <returns>Whether the value was cached (false when it was rejected).</returns>
    public bool SetWithoutCopy(StoreKey key, ReadOnlyMemory<byte> value, CacheEntryOptions options) =>
        Core.Set(this, key, value, options, EntryEvicted, copy: false);

    /// <inheritdoc />
    public ValueTask RemoveAsync(StoreKey key, CancellationToken cancellationToken = default)
    {
        Core.Remove(key);
        return ValueTask.CompletedTask;
    }

    /// <summary>Removes a key synchronously.</summary>
    /// <param name="key">The key.</param>
    /// <returns>Whether the key was cached.</returns>
    public bool Remove(StoreKey key) => Core.Remove(key);

    /// <inheritdoc />
    public ValueTask RemovePrefixAsync(StorePrefix prefix, CancellationToken cancellationToken = default)
    {
        Core.RemovePrefix(prefix);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask ClearAsync(CancellationToken cancellationToken = default)
    {
        Core.Clear();
        return ValueTask.CompletedTask;
    }
}
