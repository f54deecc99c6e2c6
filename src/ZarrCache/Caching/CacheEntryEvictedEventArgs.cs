namespace ZarrCache;

/// <summary>An entry a cache removed to make room (not one removed or replaced on request).</summary>
public sealed class CacheEntryEvictedEventArgs : EventArgs
{
    /// <summary>Creates the arguments.</summary>
    /// <param name="key">The evicted key.</param>
    /// <param name="entry">The evicted entry (its bytes are immutable and may be kept).</param>
    public CacheEntryEvictedEventArgs(StoreKey key, CacheEntry entry)
    {
        Key = key;
        Entry = entry;
    }

    /// <summary>The evicted key.</summary>
    public StoreKey Key { get; }

    /// <summary>The evicted entry with its expiry.</summary>
    public CacheEntry Entry { get; }
}
