namespace ZarrCache;

/// <summary>An entry of <see cref="S3FifoMemoryCache"/>: its key, its bytes, its queue links and its access frequency.</summary>
internal sealed class S3FifoNode(StoreKey key, ReadOnlyMemory<byte> value, long expiresAt, string? etag = null)
{
    /// <summary>The highest frequency counted; hits past it change nothing, so hot entries are read without writes.</summary>
    public const int MaxFrequency = 3;

    public readonly StoreKey Key = key;
    /// <summary>The bytes, kept as a memory (not the array) so that a hit returns them without touching the array.</summary>
    public readonly ReadOnlyMemory<byte> Value = value;

    /// <summary>The absolute expiry in UTC ticks; <see cref="CacheEntry.NeverExpires"/> for none. The cache never reads a clock.</summary>
    public readonly long ExpiresAt = expiresAt;

    /// <summary>The origin\'s ETag of the value; null when unknown.</summary>
    public readonly string? ETag = etag;
    public S3FifoNode? Previous;
    public S3FifoNode? Next;
    public S3FifoQueue? Queue;

    /// <summary>Hits since the node entered its queue or was last passed over, capped at <see cref="MaxFrequency"/>.
    /// Readers raise it without a lock; a lost update only makes the count approximate.</summary>
    public int Frequency;
}
