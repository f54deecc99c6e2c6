namespace ZarrCache;

/// <summary>
/// A thread-safe memory cache bounded by bytes that evicts with S3-FIFO (Yang et al., SOSP 2023): scan-resistant, so a
/// full pass over an array does not flush the chunks that are read again and again.
/// </summary>
/// <remarks>
/// <para>
/// New entries enter a small FIFO queue holding about 10% of the budget. An entry read again before it leaves the small
/// queue moves to the main FIFO queue; one that was not read is evicted and its key remembered in a ghost queue, so
/// that, if it comes back soon, it goes straight to the main queue. The main queue evicts entries that were not read
/// since they last passed its head and gives the others another round. Entries read once (a scan) thus leave after a
/// pass through the small queue, while the working set stays in the main queue.
/// </para>
/// <para>
/// Lookups go to an open-addressing hash table read without a lock (written only under the lock): a
/// hit raises the entry's frequency counter (capped at 3, so hot entries are read without writes), counts itself in a
/// per-thread cell, returns the stored bytes without copying and allocates nothing. Inserts, removals and eviction hold one lock and keep <see cref="Size"/> at or under the
/// budget at every instant, whatever the number of concurrent writers. <see cref="Size"/> counts the bytes of the
/// cached values. A value larger than the budget or than the per-entry limit is not cached and is counted as rejected.
/// </para>
/// </remarks>
public sealed class S3FifoMemoryCache : IMemoryTier
{
    private readonly S3FifoPolicy _policy;
    private readonly MemoryTierCore _core;

    /// <summary>Creates a cache that holds at most <paramref name="maxSizeBytes"/> bytes.</summary>
    /// <param name="maxSizeBytes">The byte budget; positive.</param>
    public S3FifoMemoryCache(long maxSizeBytes)
        : this(maxSizeBytes, maxSizeBytes)
    {
    }

    /// <summary>Creates a cache with a byte budget and a per-entry limit.</summary>
    /// <param name="maxSizeBytes">The byte budget; positive.</param>
    /// <param name="maxEntrySizeBytes">The largest value cached; positive, at most the budget.</param>
    public S3FifoMemoryCache(long maxSizeBytes, long maxEntrySizeBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxSizeBytes);
        _policy = new S3FifoPolicy(maxSizeBytes);
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

    /// <summary>Whether a key is held in the main queue (not the small one); for tests and tools.</summary>
    internal bool IsInMainQueue(StoreKey key)
    {
        lock (_core.Sync)
        {
            return _core.Peek(key) is { } node && _policy.IsInMain(node);
        }
    }

    /// <summary>The bytes held by the small and the main queue; for tests and tools.</summary>
    internal (long Small, long Main) QueueBytes()
    {
        lock (_core.Sync)
        {
            return (_policy.SmallBytes, _policy.MainBytes);
        }
    }
}
