namespace ZarrCache;

/// <summary>
/// A thread-safe memory cache bounded by bytes that evicts entries not used recently first, approximating least
/// recently used with CLOCK (second chance), as operating systems and BitFaster's <c>ConcurrentLru</c> do.
/// </summary>
/// <remarks>
/// <para>
/// Entries sit in one FIFO queue, each with a reference bit. Lookups take no lock: a hit sets the entry's bit unless
/// it is set already (so a hot entry is read without writes), counts itself in a per-thread cell, returns the stored
/// bytes without copying and allocates nothing. Eviction takes the oldest entry; if its bit is set it
/// is cleared and the entry moves to the tail instead (a second chance). Order is therefore approximate: entries not
/// read since the hand last passed leave first, oldest first, but among entries read since, the order of their reads
/// is not kept (exact LRU would need every hit to reorder a shared list, which cost 0.45–0.65x the hit throughput of
/// BitFaster's <c>ConcurrentLru</c>; see docs/benchmarks.md).
/// </para>
/// <para>
/// The byte budget, inserts and removals are those of <see cref="BoundedMemoryCache"/>.
/// </para>
/// </remarks>
public sealed class LruMemoryCache : BoundedMemoryCache
{
    private readonly ClockPolicy _policy;

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
        : this(maxSizeBytes, maxEntrySizeBytes, new ClockPolicy())
    {
    }

    private LruMemoryCache(long maxSizeBytes, long maxEntrySizeBytes, ClockPolicy policy)
        : base(maxSizeBytes, maxEntrySizeBytes, policy) => _policy = policy;

    /// <summary>
    /// The keys in the order they would be evicted if nothing else happened: entries not read since the clock hand last
    /// passed them, oldest first, then the entries read since, oldest first; for tests and tools.
    /// </summary>
    /// <returns>The keys in eviction order.</returns>
    public IReadOnlyList<StoreKey> KeysInEvictionOrder()
    {
        lock (Core.Sync)
        {
            return _policy.KeysInEvictionOrder();
        }
    }
}
