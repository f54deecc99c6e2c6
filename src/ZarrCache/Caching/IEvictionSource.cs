namespace ZarrCache;

/// <summary>A cache that reports the entries it evicts to make room (so a tiered cache can demote them).</summary>
internal interface IEvictionSource
{
    /// <summary>Raised for each entry evicted to make room, after the cache's lock is released.</summary>
    event EventHandler<CacheEntryEvictedEventArgs>? EntryEvicted;
}
