using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using static System.Numerics.BitOperations;

namespace ZarrCache;

/// <summary>
/// The memory tier's map from key to node: an open-addressing hash table (linear probing) of node references, read
/// without a lock and written only under the owner's lock. Compared with a <c>ConcurrentDictionary</c> it allocates
/// nothing per entry (the slot is a reference in one array; the node keeps its own hash), hashes a key once per
/// operation with no interface dispatch, and takes no lock of its own.
/// </summary>
/// <remarks>
/// <para>
/// Readers see a consistent table: a slot changes only from empty to a node, from a node to its replacement or to the
/// tombstone, and from the tombstone to a node; nodes never move within an array. Growing or purging tombstones builds
/// a new array and publishes it with one write, so a reader on the old array still finds what it held.
/// </para>
/// <para>
/// Keys are hashed under a random per-table seed, so collisions cannot be precomputed, and the table is kept
/// at most half full. Should a probe grow long anyway, the table switches once to the runtime's randomized string hash
/// (as .NET's own dictionaries do); a reader that misses on a table replaced meanwhile looks again in the new one.
/// </para>
/// </remarks>
internal sealed class NodeTable
{
    private const int MinCapacity = 16;
    private const int LongProbe = 64;
    private readonly ulong _seed = (ulong)Random.Shared.NextInt64();

    /// <summary>Marks a removed node's slot (an instance field: a static would cost a class-initialization check).</summary>
    private readonly MemoryTierNode _tombstone = new(default, default, 0);
    private Table _table;
    private int _count;

    public NodeTable() => _table = new Table(MinCapacity, randomized: false, _seed);

    /// <summary>The live entries.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>Finds the node for a key; lock-free.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public MemoryTierNode? Find(string key)
    {
        var table = Volatile.Read(ref _table);
        while (true)
        {
            if (Probe(table, key, table.Hash(key)) is { } node)
            {
                return node;
            }

            // A miss on a table that has since been replaced may come from the switch of hash function: look again.
            var current = Volatile.Read(ref _table);
            if (current == table)
            {
                return null;
            }

            table = current;
        }
    }

    /// <summary>Finds the node for a key under the owner's lock, and gives the key's hash for <see cref="Set"/>.</summary>
    public MemoryTierNode? FindForUpdate(string key, out int hash)
    {
        var table = _table;
        hash = table.Hash(key);
        return Probe(table, key, hash);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private MemoryTierNode? Probe(Table table, string key, int hash)
    {
        var slots = table.Slots;
        var mask = slots.Length - 1;
        for (var i = hash & mask; ; i = (i + 1) & mask)
        {
            var node = Volatile.Read(ref slots[i]);
            if (node is null)
            {
                return null;
            }

            // The randomized table compares keys only: node hashes are rewritten after it is published.
            if ((node.Hash == hash || table.Randomized) && node != _tombstone && string.Equals(node.Key.Value, key))
            {
                return node;
            }
        }
    }

    /// <summary>
    /// Adds a node, or replaces the node held for its key in place; call under the owner's lock, with
    /// <see cref="MemoryTierNode.Hash"/> set from <see cref="FindForUpdate"/> under the same hold of the lock.
    /// </summary>
    public void Set(MemoryTierNode node)
    {
        var table = _table;
        var key = node.Key.Value;
        var hash = node.Hash;
        System.Diagnostics.Debug.Assert(hash == table.Hash(key), "Set takes the hash FindForUpdate gave");
        var slots = table.Slots;
        var mask = slots.Length - 1;
        var free = -1;
        var probe = 0;
        var i = hash & mask;
        for (; slots[i] is { } held; i = (i + 1) & mask, probe++)
        {
            if (held == _tombstone)
            {
                free = free < 0 ? i : free;
            }
            else if (held.Hash == hash && string.Equals(held.Key.Value, key))
            {
                Volatile.Write(ref slots[i], node);
                return;
            }
        }

        if (free < 0)
        {
            free = i;
            table.Used++;
        }

        Volatile.Write(ref slots[free], node);
        Volatile.Write(ref _count, _count + 1);
        if (probe > LongProbe && !table.Randomized)
        {
            Rebuild(slots.Length, randomized: true);
        }
        else if (table.Used > slots.Length / 2)
        {
            // At most half full (probes stay short); rebuilt to at most a third full, so rebuilds are amortized.
            Rebuild((int)Math.Max(MinCapacity, RoundUpToPowerOf2((uint)_count * 3)), table.Randomized);
        }
    }

    /// <summary>Removes a node held in the table (found by reference); call under the owner's lock.</summary>
    public bool Remove(MemoryTierNode node)
    {
        var slots = _table.Slots;
        var mask = slots.Length - 1;
        for (var i = node.Hash & mask; slots[i] is { } held; i = (i + 1) & mask)
        {
            if (held == node)
            {
                Volatile.Write(ref slots[i], _tombstone);
                Volatile.Write(ref _count, _count - 1);
                return true;
            }
        }

        return false;
    }

    /// <summary>The live nodes, in slot order; call under the owner's lock (a snapshot, safe to modify the table after).</summary>
    public List<MemoryTierNode> Snapshot()
    {
        var nodes = new List<MemoryTierNode>(_count);
        foreach (var node in _table.Slots)
        {
            if (node is not null && node != _tombstone)
            {
                nodes.Add(node);
            }
        }

        return nodes;
    }

    /// <summary>Forgets every node; call under the owner's lock.</summary>
    public void Clear()
    {
        Volatile.Write(ref _table, new Table(MinCapacity, _table.Randomized, _seed));
        Volatile.Write(ref _count, 0);
    }

    private void Rebuild(int capacity, bool randomized)
    {
        var old = _table;
        var table = new Table(capacity, randomized, _seed);
        var slots = table.Slots;
        var mask = capacity - 1;
        var switched = randomized != old.Randomized;
        foreach (var node in old.Slots)
        {
            if (node is null || node == _tombstone)
            {
                continue;
            }

            var i = (switched ? table.Hash(node.Key.Value) : node.Hash) & mask;
            while (slots[i] is not null)
            {
                i = (i + 1) & mask;
            }

            slots[i] = node;
            table.Used++;
        }

        Volatile.Write(ref _table, table);
        if (switched)
        {
            // Only now: readers of the old table that miss because a hash changed under them find the new table.
            foreach (var node in slots)
            {
                if (node is not null)
                {
                    node.Hash = table.Hash(node.Key.Value);
                }
            }
        }
    }

    /// <summary>One array of slots with its hash function (the seed is the table's for life, so a rebuild keeps the
    /// nodes' hashes unless it switches to the randomized string hash).</summary>
    private sealed class Table(int capacity, bool randomized, ulong seed)
    {
        public readonly MemoryTierNode?[] Slots = new MemoryTierNode?[capacity];
        public readonly bool Randomized = randomized;
        private readonly ulong _seed = seed;

        /// <summary>Slots that are not empty: live nodes and tombstones.</summary>
        public int Used;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public int Hash(string key) => Randomized ? key.GetHashCode() : SeededHash(key, _seed);

        /// <summary>
        /// A keyed multiply-xorshift hash of the key's UTF-16 bytes, 8 at a time (the last 8 overlapping), finished with
        /// a 64-bit mixer: a few instructions per 4 characters, where XXH3's setup alone cost more than the whole hash
        /// for chunk-key lengths. Its job is spreading keys over a table with an unknown seed; the long-probe guard
        /// above covers the rest.
        /// </summary>
        private static int SeededHash(string key, ulong seed)
        {
            // Reads through a reference without bounds checks: every read below stays inside the string's bytes.
            ref var start = ref Unsafe.As<char, byte>(ref MemoryMarshal.GetReference(key.AsSpan()));
            var length = (nuint)key.Length * 2;
            var hash = seed ^ (length * 0x9E3779B97F4A7C15);
            if (length >= 8)
            {
                var last = length - 8;
                for (nuint i = 0; i < last; i += 8)
                {
                    hash = RotateLeft((hash ^ Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref start, i))) * 0x9E3779B97F4A7C15, 29);
                }

                hash = RotateLeft((hash ^ Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref start, last))) * 0x9E3779B97F4A7C15, 29);
            }
            else
            {
                for (nuint i = 0; i < length; i += 2)
                {
                    hash = (hash ^ Unsafe.ReadUnaligned<ushort>(ref Unsafe.Add(ref start, i))) * 0x9E3779B97F4A7C15;
                }
            }

            hash ^= hash >> 32;
            hash *= 0xD6E8FEB86659FD93;
            hash ^= hash >> 32;
            return (int)hash;
        }
    }
}
