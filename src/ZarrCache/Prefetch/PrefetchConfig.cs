namespace ZarrCache;

/// <summary>
/// Prefetching along the chunk grid, the Rust crate's <c>PrefetchConfig</c> (<see cref="NeighborChunks"/>,
/// <see cref="MaxQueueSize"/>) with a <see cref="Strategy"/> and the bounds that keep prefetching from competing with
/// foreground reads. Set it as <see cref="CacheConfig.PrefetchConfig"/>; a Zarr array read through that
/// <see cref="CachedStore"/> then fetches the chunks it predicts in the background.
/// </summary>
/// <remarks>
/// Predictions go to a bounded queue served by at most <see cref="MaxConcurrency"/> background reads. A foreground read
/// of a chunk that is being prefetched awaits that read instead of starting another. Prefetched bytes that no read has
/// used yet are capped at <see cref="MaxUnusedFraction"/> of the cache's budget, so prefetching cannot flush the hot set.
/// Dispose the <see cref="CachedStore"/> when done with it: that stops its prefetch workers.
/// </remarks>
public sealed record PrefetchConfig
{
    /// <summary>How many chunks (for <see cref="PrefetchStrategy.Walk"/>: steps of the walk) to fetch ahead. Default 4.</summary>
    public int NeighborChunks { get; init; } = 4;

    /// <summary>How many predicted chunks may wait at once; past it the oldest predictions are dropped. Default 64.</summary>
    public int MaxQueueSize { get; init; } = 64;

    /// <summary>What to predict. Default <see cref="PrefetchStrategy.Walk"/>.</summary>
    public PrefetchStrategy Strategy { get; init; } = PrefetchStrategy.Walk;

    /// <summary>How many prefetch reads may run at once. Default 4.</summary>
    public int MaxConcurrency { get; init; } = 4;

    /// <summary>
    /// The share of the cache's byte budget that prefetched-but-not-yet-read entries may hold (0 &lt; x ≤ 1); while it is
    /// full, new predictions are dropped. Default 0.25.
    /// </summary>
    public double MaxUnusedFraction { get; init; } = 0.25;

    /// <summary>Checks every field.</summary>
    /// <exception cref="CacheConfigException">A field is out of range; the message names it as <c>PrefetchConfig.Field</c>.</exception>
    public void Validate()
    {
        if (NeighborChunks is < 1 or > 1024)
        {
            throw Field(nameof(NeighborChunks), $"must be 1..1024, was {NeighborChunks}.");
        }

        if (MaxQueueSize is < 1 or > 65_536)
        {
            throw Field(nameof(MaxQueueSize), $"must be 1..65536, was {MaxQueueSize}.");
        }

        if (!Enum.IsDefined(Strategy))
        {
            throw Field(nameof(Strategy), $"is not a known strategy: {(int)Strategy}.");
        }

        if (MaxConcurrency is < 1 or > 256)
        {
            throw Field(nameof(MaxConcurrency), $"must be 1..256, was {MaxConcurrency}.");
        }

        if (!(MaxUnusedFraction > 0 && MaxUnusedFraction <= 1))
        {
            throw Field(nameof(MaxUnusedFraction), $"must be above 0 and at most 1, was {MaxUnusedFraction}.");
        }
    }

    private static CacheConfigException Field(string name, string message) =>
        CacheConfigException.ForField($"{nameof(CacheConfig.PrefetchConfig)}.{name}", message);
}
