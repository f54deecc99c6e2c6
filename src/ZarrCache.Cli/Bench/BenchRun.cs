namespace ZarrCache.Cli.Bench;

/// <summary>The passes of one configuration: the uncached baseline, or the cache with prefetching off or on.</summary>
/// <param name="Name">baseline, cached, prefetch-off or prefetch-on.</param>
/// <param name="Cache">The cache settings; null for the baseline.</param>
/// <param name="Passes">One entry per pass, in order.</param>
/// <param name="Repeat">Which repetition of its configuration this run is, from 1 (<c>--repeat</c>).</param>
internal sealed record BenchRun(string Name, CacheConfig? Cache, IReadOnlyList<BenchPass> Passes, int Repeat = 1)
{
    /// <summary>The baseline's name.</summary>
    public const string BaselineName = "baseline";

    /// <summary>The byte budget of the run's decoded-chunk cache; 0 when it has none (the baseline, --decoded-cache 0).</summary>
    public long DecodedCacheBytes { get; init; }

    /// <summary>The prefetch settings of the run; null when it does not prefetch.</summary>
    public PrefetchConfig? Prefetch => Cache?.PrefetchConfig;

    /// <summary>
    /// Prefetched values that no read used and that had not left the cache by the end of the run (issued minus used
    /// minus wasted over all passes): waste the cache still holds.
    /// </summary>
    public long PrefetchesUnusedAtEnd => Prefetching.Unused;

    /// <summary>What prefetching did over every pass together.</summary>
    public PrefetchFigures Prefetching => PrefetchFigures.Sum(Passes.Select(p => p.Prefetching));

    /// <summary>The wall time of every pass together.</summary>
    public TimeSpan TotalElapsed => Passes.Aggregate(TimeSpan.Zero, (sum, p) => sum + p.Elapsed);
}
