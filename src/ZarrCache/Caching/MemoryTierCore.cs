using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace ZarrCache;

/// <summary>
/// What <see cref="S3FifoMemoryCache"/> and <see cref="LruMemoryCache"/> share: the map (a <see cref="NodeTable"/>), the
/// byte budget, the statistics, the lock-free hit path, and insert, removal and eviction under one lock; a
/// <see cref="MemoryTierPolicy"/> decides which entry leaves. An insert allocates the value's copy and its node only.
/// </summary>
internal sealed class MemoryTierCore
{
    private readonly NodeTable _map = new();
    private readonly Lock _sync = new();
    private readonly MemoryTierPolicy _policy;
    private readonly int _maxFrequency;
    private readonly HitCounter _hits = new();
    private readonly StripedCounter _misses = new();
    private long _size;
    private long _inserts;
    private long _rejected;
    private long _evictions;

    public MemoryTierCore(long maxSizeBytes, long maxEntrySizeBytes, MemoryTierPolicy policy)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxSizeBytes);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxEntrySizeBytes);
        MaxSize = maxSizeBytes;
        MaxEntrySize = Math.Min(maxEntrySizeBytes, maxSizeBytes);
        _policy = policy;
        _maxFrequency = policy.MaxFrequency;
    }

    public long MaxSize { get; }

    public long MaxEntrySize { get; }

    public long Size => Volatile.Read(ref _size);

    public int Count => _map.Count;

    /// <summary>The lock every insert, removal and eviction holds; policies' queries for tests take it too.</summary>
    public Lock Sync => _sync;

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
    /// The hit path: one dictionary read, a count raised only while below the policy's cap (a hot entry is not written),
    /// and the hit counted in this thread's own cell; no lock, no atomic instruction, no allocation. It returns the node
    /// (in a register) rather than filling out-parameters, whose object fields would each cost a write barrier.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public MemoryTierNode? Find(StoreKey key)
    {
        if (_map.Find(key.Value) is { } node)
        {
            var frequency = node.Frequency;
            if (frequency < _maxFrequency)
            {
                node.Frequency = frequency + 1;
            }

            _hits.Record(node.Value.Length);
            return node;
        }

        _misses.Increment();
        return null;
    }

    /// <summary>Caches a copy of <paramref name="value"/>; reports entries evicted for room to <paramref name="handler"/>
    /// after the lock is released. Returns false when the value was rejected for its size.</summary>
    public bool Set(object sender, StoreKey key, ReadOnlyMemory<byte> value, CacheEntryOptions options, EventHandler<CacheEntryEvictedEventArgs>? handler, bool copy = true)
    {
        List<MemoryTierNode>? evicted = null;
        var stored = SetCore(key, value, options, copy, handler is not null, ref evicted);
        if (evicted is not null)
        {
            foreach (var victim in evicted)
            {
                handler!.Invoke(sender, new CacheEntryEvictedEventArgs(victim.Key, new CacheEntry(victim.Value, victim.ExpiresAt, victim.ETag)));
            }
        }

        return stored;
    }

    private bool SetCore(StoreKey key, ReadOnlyMemory<byte> value, CacheEntryOptions options, bool copyValue, bool reportEvictions, ref List<MemoryTierNode>? evicted)
    {
        var length = value.Length;
        var text = key.Value;
        ReadOnlyMemory<byte>? copy = null;
        if (length <= MaxEntrySize && !copyValue)
        {
            copy = value;
        }
        else if (length <= MaxEntrySize)
        {
            // Not zeroed first: the copy overwrites every byte (zeroing a 4 KiB array cost as much as the rest of an insert).
            var bytes = GC.AllocateUninitializedArray<byte>(length);
            value.Span.CopyTo(bytes);
            copy = bytes;
        }

        lock (_sync)
        {
            if (copy is null)
            {
                if (_map.Find(text) is { } stale)
                {
                    _map.Remove(stale);
                    Unlink(stale);
                }

                _rejected++;
                return false;
            }

            // An old node stays in the map (readers may still get it) until the new one replaces it in its slot.
            // Unlinked from its queue first, so it is never its own victim.
            var old = _map.FindForUpdate(text, out var hash);
            var oldQueue = old?.Queue;
            if (old is not null)
            {
                Unlink(old);
            }

            while (_size + length > MaxSize && _policy.TakeVictim() is { } victim)
            {
                _map.Remove(victim);
                Volatile.Write(ref _size, _size - victim.Value.Length);
                _evictions++;
                if (reportEvictions)
                {
                    (evicted ??= []).Add(victim);
                }
            }

            var node = new MemoryTierNode(key, copy.Value, options.ExpiresAtUtcTicks, options.ETag) { Hash = hash };
            if (old is not null)
            {
                node.Frequency = old.Frequency;
            }

            _policy.Admit(node, oldQueue);
            Volatile.Write(ref _size, _size + length);
            _map.Set(node);
            _inserts++;
            Debug.Assert(_size <= MaxSize, "the byte budget holds");
            return true;
        }
    }

    public bool Remove(StoreKey key)
    {
        lock (_sync)
        {
            if (_map.Find(key.Value) is not { } old)
            {
                return false;
            }

            _map.Remove(old);
            Unlink(old);
            return true;
        }
    }

    public void RemovePrefix(StorePrefix prefix)
    {
        lock (_sync)
        {
            foreach (var held in _map.Snapshot())
            {
                if (held.Key.IsUnder(prefix))
                {
                    _map.Remove(held);
                    Unlink(held);
                }
            }
        }
    }

    public void Clear()
    {
        lock (_sync)
        {
            _map.Clear();
            _policy.Clear();
            Volatile.Write(ref _size, 0);
        }
    }

    /// <summary>The node held for a key, without counting a hit; call under <see cref="Sync"/>.</summary>
    public MemoryTierNode? Peek(StoreKey key) => _map.Find(key.Value);

    /// <summary>Takes a node out of its queue and releases its bytes; the caller took it out of the map.</summary>
    private void Unlink(MemoryTierNode node)
    {
        if (node.Queue is { } queue)
        {
            queue.Remove(node);
            Volatile.Write(ref _size, _size - node.Value.Length);
        }
    }
}
