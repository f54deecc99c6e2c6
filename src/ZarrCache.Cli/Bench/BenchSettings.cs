namespace ZarrCache.Cli.Bench;

/// <summary>What <c>zarr-cache bench</c> measures: the array, the pattern and how it is read.</summary>
internal sealed record BenchSettings
{
    /// <summary>The store location as the user gave it (for the report).</summary>
    public required string Store { get; init; }

    /// <summary>The array's path in the store ("" for the root).</summary>
    public string ArrayPath { get; init; } = string.Empty;

    /// <summary>The access pattern.</summary>
    public required AccessPatternKind Pattern { get; init; }

    /// <summary>Passes per run (at least 1): the first cached pass is cold, later ones warm.</summary>
    public int Passes { get; init; } = 2;

    /// <summary>Parallel readers (at least 1), each reading its own share of the pattern.</summary>
    public int Concurrency { get; init; } = 1;

    /// <summary>The seed of the pattern.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Reads per pass of the tiles and random patterns; null for the array's chunk count (at most 2,000).</summary>
    public int? Reads { get; init; }

    /// <summary>
    /// How many times each cached configuration runs, each time with a fresh cache (with --compare-prefetch, off and
    /// on alternate, and the ratio is taken between medians): repeats tame the noise of a shared machine.
    /// </summary>
    public int Repeat { get; init; } = 1;

    /// <summary>
    /// The byte budget of the <see cref="Zarr.DecodedChunkCache"/> each cached run reads through (a new one per run,
    /// living across its passes and shared by its readers; never for the baseline); 0 for none (--decoded-cache 0).
    /// </summary>
    public long DecodedCacheBytes { get; init; }

    /// <summary>The cache of the cached run; null for the baseline only (--no-cache).</summary>
    public CacheConfig? Cache { get; init; }

    /// <summary>
    /// Non-null to run the cache twice, with prefetching off (<see cref="Cache"/> without prefetching) and on (with
    /// these settings), instead of once as <see cref="Cache"/> says.
    /// </summary>
    public PrefetchConfig? ComparePrefetch { get; init; }
}
