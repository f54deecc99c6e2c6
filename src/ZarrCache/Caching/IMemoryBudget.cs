namespace ZarrCache;

/// <summary>
/// A cache whose hot part is a memory budget: a memory cache itself, or a tiered cache through its memory tier. A
/// <see cref="CachedStore"/> sizes prefetching by it (the share of memory prefetched bytes may hold, and the largest
/// value worth prefetching). A cache that does not implement it is sized by <see cref="ICache.MaxSize"/>.
/// </summary>
public interface IMemoryBudget
{
    /// <summary>The byte budget of the memory the cache serves hits from.</summary>
    long MemoryMaxSize { get; }

    /// <summary>The largest value that memory holds.</summary>
    long MaxEntrySize { get; }
}
