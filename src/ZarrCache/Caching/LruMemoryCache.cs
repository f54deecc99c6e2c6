using System.Collections.Concurrent;
using System.Diagnostics;

namespace ZarrCache;

/// <summary>
/// A thread-safe memory cache bounded by bytes that evicts the least recently used entry first: the Rust crate's
/// <c>LruMemoryCache</c>.
/// </summary>
/// <remarks>
/// <para>
/// Lookups go to a <see cref="ConcurrentDictionary{TKey, TValue}"/> and take no lock: a hit records its entry in a
/// striped, lossy read buffer (as Caffeine does), returns the stored bytes without copying and allocates nothing.
/// Inserts, removals and eviction hold one lock, replay the read buffer into the recency list first, and keep
/// <see cref="Size"/> at or under the budget at every instant, whatever the number of concurrent writers.
/// </para>
/// <para>
/// <see cref="Size"/> counts the bytes of the cached values. A value larger than the budget or than the per-entry
/// limit is not cached and is counted as rejected.
/// </para>
/// <para>
/// Each entry keeps its absolute expiry (<see cref="IExpiringCache"/>); the cache never reads a clock, the caller
/// checks. <see cref="EntryEvicted"/> reports entries evicted to make room, after the lock is released (a tiered
/// cache demotes them to disk); with no handler attached eviction costs nothing extra, and hits never pay for it.
/// </para>
/// </remarks>
public sealed class LruMemoryCache : IMemoryTier
{
    private readonly ConcurrentDictionary<string, Entry> _map = new();
    private readonly ReadBuffer<Entry> _readBuffer = new();
    private readonly Action<Entry> _applyRead;
    private readonly Lock _sync = new();
    private readonly HitCounter _hits = new();
    private readonly StripedCounter _misses = new();
    private Entry? _lruHead;
    private Entry? _lruTail;
    private long _size;
    private long _inserts;
    private long _rejected;
    private long _evictions;

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
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxEntrySizeBytes);
        MaxSize = maxSizeBytes;
        MaxEntrySize = Math.Min(maxEntrySizeBytes, maxSizeBytes);
        _applyRead = MoveToMostRecent;
    }

    /// <summary>
    /// Raised for each entry evicted to make room (not for removals or replacements), on the thread that caused the
    /// eviction, after the cache's lock is released.
    /// </summary>
    public event EventHandler<CacheEntryEvictedEventArgs>? EntryEvicted;

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

    /// <inheritdoc />
    public ValueTask<ReadOnlyMemory<byte>?> GetAsync(StoreKey key, CancellationToken cancellationToken = default) =>
        new(TryGet(key, out var value) ? value : (ReadOnlyMemory<byte>?)null);

    /// <summary>Looks a key up synchronously; the allocation-free core of <see cref="GetAsync"/>.</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">The cached bytes on a hit.</param>
    /// <returns>Whether the key was cached.</returns>
    public bool TryGet(StoreKey key, out ReadOnlyMemory<byte> value) => TryGet(key, out value, out _, out _);

    private bool TryGet(StoreKey key, out ReadOnlyMemory<byte> value, out long expiresAt, out string? etag)
    {
        if (_map.TryGetValue(key.Value, out var entry))
        {
            if (!_readBuffer.TryRecord(entry) && _sync.TryEnter())
            {
                try
                {
                    _readBuffer.Drain(_applyRead);
                }
                finally
                {
                    _sync.Exit();
                }
            }

            _hits.Record(entry.Value.Length);
            value = entry.Value;
            expiresAt = entry.ExpiresAt;
            etag = entry.ETag;
            return true;
        }

        _misses.Increment();
        value = default;
        expiresAt = CacheEntry.NeverExpires;
        etag = null;
        return false;
    }

    /// <inheritdoc />
    public ValueTask<CacheEntry?> GetEntryAsync(StoreKey key, CancellationToken cancellationToken = default) =>
        new(TryGetEntry(key, out var entry) ? entry : null);

    /// <summary>Looks a key up synchronously with its expiry (expired or not); allocates nothing.</summary>
    /// <param name="key">The key.</param>
    /// <param name="entry">The entry on a hit.</param>
    /// <returns>Whether the key was cached.</returns>
    public bool TryGetEntry(StoreKey key, out CacheEntry entry)
    {
        if (TryGet(key, out var value, out var expiresAt, out var etag))
        {
            entry = new CacheEntry(value, expiresAt, etag);
            return true;
        }

        entry = default;
        return false;
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
    /// <param name="options">The expiry.</param>
    /// <returns>Whether the value was cached (false when it was rejected).</returns>
    public bool Set(StoreKey key, ReadOnlyMemory<byte> value, CacheEntryOptions options)
    {
        List<Entry>? evicted = null;
        var inserted = SetCore(key, value, options, ref evicted);
        if (evicted is not null)
        {
            var handler = EntryEvicted;
            foreach (var victim in evicted)
            {
                handler?.Invoke(this, new CacheEntryEvictedEventArgs(victim.Key, new CacheEntry(victim.Value, victim.ExpiresAt, victim.ETag)));
            }
        }

        return inserted;
    }

    private bool SetCore(StoreKey key, ReadOnlyMemory<byte> value, CacheEntryOptions options, ref List<Entry>? evicted)
    {
        var length = value.Length;
        var reportEvictions = EntryEvicted is not null;
        var copy = length <= MaxEntrySize ? value.ToArray() : null;
        lock (_sync)
        {
            _readBuffer.Drain(_applyRead);
            if (_map.TryRemove(key.Value, out var old))
            {
                Unlink(old);
            }

            if (copy is null)
            {
                _rejected++;
                return false;
            }

            while (_size + length > MaxSize && _lruHead is { } victim)
            {
                _map.TryRemove(victim.Key.Value, out _);
                Unlink(victim);
                _evictions++;
                if (reportEvictions)
                {
                    (evicted ??= []).Add(victim);
                }
            }

            var entry = new Entry(key, copy, options.ExpiresAtUtcTicks, options.ETag);
            Link(entry);
            _map[key.Value] = entry;
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

            Unlink(old);
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
                    Unlink(old);
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
            _readBuffer.Clear();
            _map.Clear();
            for (var e = _lruHead; e is not null;)
            {
                var next = e.Next;
                e.Previous = e.Next = null;
                e.Linked = false;
                e = next;
            }

            _lruHead = _lruTail = null;
            Volatile.Write(ref _size, 0);
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>The keys from least to most recently used (replaying pending reads first); for tests and tools.</summary>
    /// <returns>The keys in eviction order.</returns>
    public IReadOnlyList<StoreKey> KeysInEvictionOrder()
    {
        lock (_sync)
        {
            _readBuffer.Drain(_applyRead);
            var keys = new List<StoreKey>(_map.Count);
            for (var e = _lruHead; e is not null; e = e.Next)
            {
                keys.Add(e.Key);
            }

            return keys;
        }
    }

    private void MoveToMostRecent(Entry entry)
    {
        if (!entry.Linked || entry == _lruTail)
        {
            return;
        }

        Unlink(entry);
        Link(entry);
    }

    private void Link(Entry entry)
    {
        entry.Previous = _lruTail;
        entry.Next = null;
        if (_lruTail is null)
        {
            _lruHead = entry;
        }
        else
        {
            _lruTail.Next = entry;
        }

        _lruTail = entry;
        entry.Linked = true;
        Volatile.Write(ref _size, _size + entry.Value.Length);
    }

    private void Unlink(Entry entry)
    {
        if (!entry.Linked)
        {
            return;
        }

        if (entry.Previous is null)
        {
            _lruHead = entry.Next;
        }
        else
        {
            entry.Previous.Next = entry.Next;
        }

        if (entry.Next is null)
        {
            _lruTail = entry.Previous;
        }
        else
        {
            entry.Next.Previous = entry.Previous;
        }

        entry.Previous = entry.Next = null;
        entry.Linked = false;
        Volatile.Write(ref _size, _size - entry.Value.Length);
    }

    private sealed class Entry(StoreKey key, ReadOnlyMemory<byte> value, long expiresAt, string? etag)
    {
        public readonly StoreKey Key = key;

        /// <summary>The bytes, kept as a memory (not the array) so that a hit returns them without touching the array.</summary>
        public readonly ReadOnlyMemory<byte> Value = value;

        /// <summary>The absolute expiry in UTC ticks; <see cref="long.MaxValue"/> for none.</summary>
        public readonly long ExpiresAt = expiresAt;

        /// <summary>The origin's ETag of the value; null when unknown.</summary>
        public readonly string? ETag = etag;
        public Entry? Previous;
        public Entry? Next;
        public bool Linked;
    }
}
