namespace ZarrCache;

/// <summary>What a prefetcher predicts a Zarr array reader will read next.</summary>
public enum PrefetchStrategy
{
    /// <summary>
    /// The next chunks along the dimension the reader is walking: once two successive reads moved the same step along
    /// one dimension of the chunk grid (a time-series walk, a row scan), the next <see cref="PrefetchConfig.NeighborChunks"/>
    /// steps are fetched. Random reads predict nothing, so they cost nothing.
    /// </summary>
    Walk,

    /// <summary>The neighbours of every chunk read: up to <see cref="PrefetchConfig.NeighborChunks"/> chunks on each side along every dimension.</summary>
    Neighbors,
}
