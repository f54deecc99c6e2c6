namespace ZarrCache;

/// <summary>An entry of a memory tier: its key, its bytes, its queue links and its access count.</summary>
internal sealed class MemoryTierNode(StoreKey key, ReadOnlyMemory<byte> value, long expiresAt, string? etag = null) : LinkedNode<MemoryTierNode>
{
    public readonly StoreKey Key = key;

    /// <summary>The bytes, kept as a memory (not the array) so that a hit returns them without touching the array.</summary>
    public readonly ReadOnlyMemory<byte> Value = value;

    /// <summary>The absolute expiry in UTC ticks; <see cref="CacheEntry.NeverExpires"/> for none. The cache never reads a clock.</summary>
    public readonly long ExpiresAt = expiresAt;

    /// <summary>The origin's ETag of the value; null when unknown.</summary>
    public readonly string? ETag = etag;

    /// <summary>The queue holding the node; null once it left the cache.</summary>
    public MemoryTierQueue? Queue;

    /// <summary>
    /// Hits since the node entered its queue or was last passed over, capped at the policy's maximum (3 for S3-FIFO, 1
    /// for CLOCK). Readers raise it without a lock and only while below the cap, so a hot entry is read without writes;
    /// a lost update only makes the count approximate.
    /// </summary>
    public int Frequency;

    /// <summary>The key's hash in the <see cref="NodeTable"/> holding the node.</summary>
    public int Hash;
}
