namespace ZarrCache;

/// <summary>
/// Prefetching settings, the Rust crate's <c>PrefetchConfig</c>. Prefetching is not built yet: a
/// <see cref="CacheConfig"/> that sets one is refused by <see cref="CacheConfig.Validate"/>.
/// </summary>
public sealed record PrefetchConfig
{
    /// <summary>How many neighbouring chunks to fetch ahead.</summary>
    public int NeighborChunks { get; init; } = 2;

    /// <summary>How many prefetches may wait at once.</summary>
    public int MaxQueueSize { get; init; } = 64;
}
