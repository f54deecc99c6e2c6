namespace ZarrCache;

/// <summary>How the memory tier built by <see cref="CachedStore(IReadableStore, CacheConfig?, Microsoft.Extensions.Logging.ILogger?, TimeProvider?)"/> chooses what to evict.</summary>
public enum EvictionPolicy
{
    /// <summary>Least recently used first: <see cref="LruMemoryCache"/>.</summary>
    Lru = 0,

    /// <summary>
    /// S3-FIFO, scan-resistant: new entries pass through a small probationary queue and only those read again reach the
    /// main queue; <see cref="S3FifoMemoryCache"/>. The default.
    /// </summary>
    S3Fifo,
}
