namespace ZarrCache.Benchmarks.Adapters;

/// <summary>The caches compared by the memory-tier benchmarks.</summary>
public enum CacheKind
{
    /// <summary>ZarrCache's <see cref="LruMemoryCache"/>, called through <see cref="ICache"/>.</summary>
    Lru,

    /// <summary>ZarrCache's <see cref="S3FifoMemoryCache"/>, called through <see cref="ICache"/>.</summary>
    S3Fifo,

    /// <summary>BitFaster.Caching <c>ConcurrentLru</c> (entry-count bound).</summary>
    BitFasterLru,

    /// <summary>BitFaster.Caching <c>ConcurrentLfu</c> (W-TinyLFU, entry-count bound).</summary>
    BitFasterLfu,

    /// <summary>Microsoft.Extensions.Caching.Memory <c>MemoryCache</c> with <c>SizeLimit</c> in bytes.</summary>
    MemoryCache,

    /// <summary>ZiggyCreatures FusionCache over a <c>MemoryCache</c> with <c>SizeLimit</c> in bytes.</summary>
    FusionCache,
}
