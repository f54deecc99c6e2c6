namespace ZarrCache;

/// <summary>
/// A thread-safe memory cache bounded by bytes that evicts entries not used recently first, approximating least
/// recently used with CLOCK (second chance), as operating systems and BitFaster's <c>ConcurrentLru</c> do.
/// </summary>
/// <remarks>
/// <para>
/// Entries sit in one FIFO queue, each with a reference bit. Lookups go to an open-addressing hash table read without
/// a lock (written only under the lock): a hit sets the
/// entry's bit unless it is set already (so a hot entry is read without writes), counts itself in a per-thread cell,
/// returns the stored bytes without copying and allocates nothing. Eviction takes the oldest entry; if its bit is set it
/// is cleared and the entry moves to the tail instead (a second chance). Order is therefore approximate: entries not
/// read since the hand last passed leave first, oldest first, but among entries read since, the order of their reads
/// is not kept (exact LRU would need every hit to reorder a shared list, which cost 0.45–0.65x the hit throughput of
/// BitFaster's <c>ConcurrentLru</c>; see docs/benchmarks.md).
/// </para>
/// <para>
/// Inserts, removals and eviction hold one lock and keep <see cref="Size"/> at or under the budget at every instant,
/// whatever the number of concurrent writers. <see cref="Size"/> counts the bytes of the cached values. A value larger
/// than the budget or than the per-entry limit is not cached and is counted as rejected.
/// </para>
/// <para>
/// Each entry keeps its absolute expiry and ETag (<see cref="IExpiringCache"/>); the cache never reads a clock, the
/// caller checks.
/// </para>
/// </remarks>
public sealed class LruMemoryCache : IMemoryTier
{
    private readonly ClockPolicy _policy;
    private readonly MemoryTierCore _core;

    /// <summary>Creates a cache that holds at most <paramref name="maxSizeBytes"/> bytes.</summary>
    /// <param name="maxSizeBytes">The byte budget; positive.</param>
    public LruMemoryCache(long maxSizeBytes)
        : this(maxSizeBytes, maxSizeBytes)
    {
    }

    /// <summary>Creates a cache with a byte budget and a per-entry limit.</summary>
    /// <param name="maxSizeBytes">The byte budget; positive.</param>
    /// <param name="maxEntrySizeBytes">The largest value cached; positive, at most the budget.</param>
    public LruMemoryCache(long maxSizeBytes, long maxEntrySizeBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxSizeBytes);
        _policy = new ClockPolicy();
        _core = new MemoryTierCore(maxSizeBytes, maxEntrySizeBytes, _policy);
    }

    /// <summary>
    /// Raised for each entry evicted to make room (not for removals or overwrites), on the thread that caused the
    /// eviction, after the lock is released; a <see cref="TieredCache"/> demotes such entries to disk. With no handler,
    /// eviction costs nothing extra, and hits never pay for it.
    /// </summary>
    public event EventHandler<CacheEntryEvictedEventArgs>? EntryEvicted;

    /// <inheritdoc />
    public long MaxSize => _core.MaxSize;

    /// <summary>The largest value this cache holds.</summary>
    public long MaxEntrySize => _core.MaxEntrySize;

    /// <inheritdoc />
    public long Size => _core.Size;

    /// <summary>The number of entries held.</summary>
    public int Count => _core.Count;

    /// <inheritdoc />
    public CacheStats Stats => _core.Stats;

    /// <inheritdoc />
    public ValueTask<ReadOnlyMemory<byte>?> GetAsync(StoreKey key, CancellationToken cancellationToken = default) =>
        _core.Find(key) is { } node ? new(node.Value) : new((ReadOnlyMemory<byte>?)null);

    /// <inheritdoc />
    public ValueTask<CacheEntry?> GetEntryAsync(StoreKey key, CancellationToken cancellationToken = default) =>
        _core.Find(key) is { } node ? new(new CacheEntry(node.Value, node.ExpiresAt, node.ETag)) : new((CacheEntry?)null);

    /// <summary>Looks a key up synchronously; the allocation-free, lock-free core of <see cref="GetAsync"/>.</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">The cached bytes on a hit.</param>
    /// <returns>Whether the key was cached.</returns>
    public bool TryGet(StoreKey key, out ReadOnlyMemory<byte> value)
    {
        var node = _core.Find(key);
        value = node is null ? default : node.Value;
        return node is not null;
    }

    /// <summary>Looks a key up synchronously with its expiry (expired or not); allocates nothing.</summary>
    /// <param name="key">The key.</param>
    /// <param name="entry">The entry on a hit.</param>
    /// <returns>Whether the key was cached.</returns>
    public bool TryGetEntry(StoreKey key, out CacheEntry entry)
    {
        var node = _core.Find(key);
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
    public bool Set(StoreKey key, ReadOnlyMemory<byte> value, CacheEntryOptions options) => _core.Set(this, key, value, options, EntryEvicted);

    /// <inheritdoc />
    public ValueTask RemoveAsync(StoreKey key, CancellationToken cancellationToken = default)
    {
        _core.Remove(key);
        return ValueTask.CompletedTask;
    }

    /// <summary>Removes a key synchronously.</summary>
    /// <param name="key">The key.</param>
    /// <returns>Whether the key was cached.</returns>
    public bool Remove(StoreKey key) => _core.Remove(key);

    /// <inheritdoc />
    public ValueTask RemovePrefixAsync(StorePrefix prefix, CancellationToken cancellationToken = default)
    {
        _core.RemovePrefix(prefix);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask ClearAsync(CancellationToken cancellationToken = default)
    {
        _core.Clear();
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// The keys in the order they would be evicted if nothing else happened: entries not read since the clock hand last
    /// passed them, oldest first, then the entries read since, oldest first; for tests and tools.
    /// </summary>
    /// <returns>The keys in eviction order.</returns>
    public IReadOnlyList<StoreKey> KeysInEvictionOrder()
    {
        lock (_core.Sync)
        {
            return _policy.KeysInEvictionOrder();
        }
    }
}
