namespace ZarrCache;

/// <summary>
/// The queue discipline of a memory tier (S3-FIFO or CLOCK), called by <see cref="MemoryTierCore"/> only while it holds
/// its lock. The core owns the map, the byte count and the statistics; the policy owns the queues.
/// </summary>
internal abstract class MemoryTierPolicy
{
    /// <summary>The cap of <see cref="MemoryTierNode.Frequency"/>: hits past it write nothing.</summary>
    public abstract int MaxFrequency { get; }

    /// <summary>Queues a new node; <paramref name="replacedFrom"/> is the queue of the node it replaces (already
    /// unlinked, its count copied to the new node), or null for a new key.</summary>
    public abstract void Admit(MemoryTierNode node, MemoryTierQueue? replacedFrom);

    /// <summary>Unlinks and returns the next node to evict (moving others between queues on the way); null when empty.</summary>
    public abstract MemoryTierNode? TakeVictim();

    /// <summary>Unlinks every node and forgets any history.</summary>
    public abstract void Clear();
}
