using System.Collections.Concurrent;
using System.Diagnostics;

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
/// Lookups go to a <see cref="ConcurrentDictionary{TKey, TValue}"/> and take no lock: a hit raises the entry's
/// frequency counter (capped at 3, so hot entries are read without writes), returns the stored bytes without copying
/// and allocates nothing. Inserts, removals and eviction hold one lock and keep <see cref="Size"/> at or under the
/// budget at every instant, whatever the number of concurrent writers. <see cref="Size"/> counts the bytes of the
/// cached values. A value larger than the budget or than the per-entry limit is not cached and is counted as rejected.
/// </para>
/// </remarks>
public sealed class S3FifoMemoryCache : IMemoryTier
{
    /// <summary>The small queue's share of the budget, in percent.</summary>
    private const int SmallQueuePercent = 10;

    private readonly ConcurrentDictionary<string, S3FifoNode> _map = new();
    private readonly Lock _sync = new();
    private readonly S3FifoQueue _small = new();
    private readonly S3FifoQueue _main = new();
    private readonly GhostQueue _ghost;
    private readonly long _smallTarget;
    private readonly HitCounter _hits = new();
    private readonly StripedCounter _misses = new();
    private long _size;
    private long _inserts;
    private long _rejected;
    private long _evictions;
    private List<S3FifoNode>? _evictedUnderLock;

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
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxEntrySizeBytes);
        MaxSize = maxSizeBytes;
        MaxEntrySize = Math.Min(maxEntrySizeBytes, maxSizeBytes);
        _smallTarget = Math.Max(1, maxSizeBytes / 100 * SmallQueuePercent);
        var ghostCount = (int)Math.Clamp(maxSizeBytes / 4096, 1024, 1 << 20);
        _ghost = new GhostQueue(maxSizeBytes - _smallTarget, ghostCount);
    }

    /// <inheritdoc />
    public long MaxSize { get; }

    /// <summary>The largest value this cache holds.</summary>
    public long MaxEntrySize { get; }

    /// <inheritdoc />
    public long Size => Volatile.Read(ref _size);

    /// <summary>The number of entries held.</summary>
    public int Count => _map.Count;

    /// <inheritdoc />
    public CacheStats Stats => new()
    {
        Hits = _hits.Hits,
        Misses = _misses.Sum(),
        BytesServed = _hits.Bytes,
        Inserts = Volatile.Read(ref _inserts),
        Rejected = Volatile.Read(ref _rejected),
        Evictions = Volatile.Read(ref _evictions),
        Entries = _map.Count,
        BytesHeld = Size,
    };

    /// <summary>
    /// Raised for each entry evicted to make room (not for removals or overwrites), after the lock is released; a
    /// <see cref="TieredCache"/> demotes such entries to disk. With no handler, eviction costs nothing extra.
    /// </summary>
    public event EventHandler<CacheEntryEvictedEventArgs>? EntryEvicted;

    /// <inheritdoc />
    public ValueTask<CacheEntry?> GetEntryAsync(StoreKey key, CancellationToken cancellationToken = default) =>
        new(TryGetEntry(key, out var entry) ? entry : (CacheEntry?)null);

    /// <inheritdoc />
    public ValueTask SetAsync(StoreKey key, ReadOnlyMemory<byte> value, CacheEntryOptions options, CancellationToken cancellationToken = default)
    {
        Set(key, value, options);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<ReadOnlyMemory<byte>?> GetAsync(StoreKey key, CancellationToken cancellationToken = default) =>
        new(TryGet(key, out var value) ? value : (ReadOnlyMemory<byte>?)null);

    /// <summary>Looks a key up synchronously; the allocation-free, lock-free core of <see cref="GetAsync"/>.</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">The cached bytes on a hit.</param>
    /// <returns>Whether the key was cached.</returns>
    public bool TryGet(StoreKey key, out ReadOnlyMemory<byte> value) => TryGet(key, out value, out _, out _);

    /// <summary>Looks an entry up with its expiry; the allocation-free core of <see cref="GetEntryAsync"/>.</summary>
    /// <param name="key">The key.</param>
    /// <param name="entry">The entry on a hit.</param>
    /// <returns>Whether the key was cached.</returns>
    public bool TryGetEntry(StoreKey key, out CacheEntry entry)
    {
        var found = TryGet(key, out var value, out var expiresAt, out var etag);
        entry = found ? new CacheEntry(value, expiresAt, etag) : default;
        return found;
    }

    private bool TryGet(StoreKey key, out ReadOnlyMemory<byte> value, out long expiresAt, out string? etag)
    {
        if (_map.TryGetValue(key.Value, out var node))
        {
            var frequency = node.Frequency;
            if (frequency < S3FifoNode.MaxFrequency)
            {
                node.Frequency = frequency + 1;
            }

            _hits.Record(node.Value.Length);
            value = node.Value;
            expiresAt = node.ExpiresAt;
            etag = node.ETag;
            return true;
        }

        _misses.Increment();
        value = default;
        expiresAt = default;
        etag = null;
        return false;
    }

    /// <inheritdoc />
    public ValueTask SetAsync(StoreKey key, ReadOnlyMemory<byte> value, CancellationToken cancellationToken = default)
    {
        Set(key, value);
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
    /// <param name="options">The entry's expiry.</param>
    /// <returns>Whether the value was cached (false when it was rejected).</returns>
    public bool Set(StoreKey key, ReadOnlyMemory<byte> value, CacheEntryOptions options)
    {
        List<S3FifoNode>? evicted = null;
        var stored = SetCore(key, value, options, ref evicted);
        if (evicted is not null)
        {
            var handler = EntryEvicted;
            foreach (var victim in evicted)
            {
                handler?.Invoke(this, new CacheEntryEvictedEventArgs(victim.Key, new CacheEntry(victim.Value, victim.ExpiresAt, victim.ETag)));
            }
        }

        return stored;
    }

    private bool SetCore(StoreKey key, ReadOnlyMemory<byte> value, CacheEntryOptions options, ref List<S3FifoNode>? evicted)
    {
        var length = value.Length;
        var copy = length <= MaxEntrySize ? value.ToArray() : null;
        lock (_sync)
        {
            S3FifoQueue? target = null;
            if (_map.TryRemove(key.Value, out var old))
            {
                target = old.Queue;
                Drop(old);
            }

            if (copy is null)
            {
                _rejected++;
                return false;
            }

            _evictedUnderLock = EntryEvicted is null ? null : (evicted ??= []);
            while (_size + length > MaxSize && EvictOne())
            {
                _evictions++;
            }

            _evictedUnderLock = null;
            var node = new S3FifoNode(key, copy, options.ExpiresAtUtcTicks, options.ETag);
            if (old is not null)
            {
                node.Frequency = old.Frequency;
            }

            target ??= _ghost.TryTake(key.GetHashCode()) ? _main : _small;
            target.Enqueue(node);
            Volatile.Write(ref _size, _size + length);
            _map[key.Value] = node;
            _inserts++;
            Debug.Assert(_size <= MaxSize, "the byte budget holds");
            return true;
        }
    }

    /// <inheritdoc />
    public ValueTask RemoveAsync(StoreKey key, CancellationToken cancellationToken = default)
    {
        Remove(key);
        return ValueTask.CompletedTask;
    }

    /// <summary>Removes a key synchronously.</summary>
    /// <param name="key">The key.</param>
    /// <returns>Whether the key was cached.</returns>
    public bool Remove(StoreKey key)
    {
        lock (_sync)
        {
            if (!_map.TryRemove(key.Value, out var old))
            {
                return false;
            }

            Drop(old);
            return true;
        }
    }

    /// <inheritdoc />
    public ValueTask RemovePrefixAsync(StorePrefix prefix, CancellationToken cancellationToken = default)
    {
        lock (_sync)
        {
            foreach (var (text, held) in _map)
            {
                if (held.Key.IsUnder(prefix) && _map.TryRemove(text, out var old))
                {
                    Drop(old);
                }
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask ClearAsync(CancellationToken cancellationToken = default)
    {
        lock (_sync)
        {
            _map.Clear();
            _small.Clear();
            _main.Clear();
            _ghost.Clear();
            Volatile.Write(ref _size, 0);
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Whether a key is held in the main queue (not the small one); for tests and tools.</summary>
    internal bool IsInMainQueue(StoreKey key)
    {
        lock (_sync)
        {
            return _map.TryGetValue(key.Value, out var node) && node.Queue == _main;
        }
    }

    /// <summary>The bytes held by the small and the main queue; for tests and tools.</summary>
    internal (long Small, long Main) QueueBytes()
    {
        lock (_sync)
        {
            return (_small.Bytes, _main.Bytes);
        }
    }

    /// <summary>Evicts one entry (moving entries between queues on the way); false when the cache is empty.</summary>
    private bool EvictOne()
    {
        while (true)
        {
            if (_small.Head is { } candidate && (_small.Bytes > _smallTarget || _main.Head is null))
            {
                _small.Remove(candidate);
                if (candidate.Frequency > 0)
                {
                    candidate.Frequency = 0;
                    _main.Enqueue(candidate);
                    continue;
                }

                _ghost.Add(candidate.Key.GetHashCode(), candidate.Value.Length);
                Evict(candidate);
                return true;
            }

            if (_main.Head is not { } victim)
            {
                return false;
            }

            _main.Remove(victim);
            if (victim.Frequency > 0)
            {
                victim.Frequency--;
                _main.Enqueue(victim);
                continue;
            }

            Evict(victim);
            return true;
        }
    }

    private void Evict(S3FifoNode node)
    {
        _evictedUnderLock?.Add(node);
        _map.TryRemove(new KeyValuePair<string, S3FifoNode>(node.Key.Value, node));
        Volatile.Write(ref _size, _size - node.Value.Length);
    }

    /// <summary>Unlinks a node already taken out of the map and releases its bytes.</summary>
    private void Drop(S3FifoNode node)
    {
        node.Queue?.Remove(node);
        Volatile.Write(ref _size, _size - node.Value.Length);
    }
}
