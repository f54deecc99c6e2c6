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
/// Lookups take no lock: a hit raises the entry's frequency counter (capped at 3, so hot entries are read without
/// writes), counts itself in a per-thread cell, returns the stored bytes without copying and allocates nothing. The
/// byte budget, inserts and removals are those of <see cref="BoundedMemoryCache"/>.
/// </para>
/// </remarks>
public sealed class S3FifoMemoryCache : BoundedMemoryCache
{
    private readonly S3FifoPolicy _policy;

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
        : this(maxSizeBytes, maxEntrySizeBytes, new S3FifoPolicy(maxSizeBytes))
    {
    }

    private S3FifoMemoryCache(long maxSizeBytes, long maxEntrySizeBytes, S3FifoPolicy policy)
        : base(maxSizeBytes, maxEntrySizeBytes, policy) => _policy = policy;

    /// <summary>Whether a key is held in the main queue (not the small one); for tests and tools.</summary>
    internal bool IsInMainQueue(StoreKey key)
    {
        lock (Core.Sync)
        {
            return Core.Peek(key) is { } node && _policy.IsInMain(node);
        }
    }

    /// <summary>The bytes held by the small and the main queue; for tests and tools.</summary>
    internal (long Small, long Main) QueueBytes()
    {
        lock (Core.Sync)
        {
            return (_policy.SmallBytes, _policy.MainBytes);
        }
    }
}
