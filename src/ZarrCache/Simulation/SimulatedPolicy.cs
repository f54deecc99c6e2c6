namespace ZarrCache;

/// <summary>An eviction policy the cache simulator replays traces through.</summary>
public enum SimulatedPolicy
{
    /// <summary>Exact least-recently-used order, by bytes (the textbook reference; computed from stack distances).</summary>
    Lru,

    /// <summary>CLOCK (one reference bit, second chance): the policy of <see cref="LruMemoryCache"/>.</summary>
    Clock,

    /// <summary>S3-FIFO (Yang et al., SOSP 2023): the policy of <see cref="S3FifoMemoryCache"/>, the default.</summary>
    S3Fifo,

    /// <summary>Weighted W-TinyLFU (Einziger et al.; Caffeine's policy), a simulator-only reference.</summary>
    WTinyLfu,

    /// <summary>Bélády's offline policy (furthest next use first), size-aware: the floor no online policy beats.</summary>
    Opt,
}
