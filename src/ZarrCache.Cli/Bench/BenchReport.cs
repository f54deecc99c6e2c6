namespace ZarrCache.Cli.Bench;

/// <summary>Everything one <c>zarr-cache bench</c> invocation measured, with the ratios it prints.</summary>
internal sealed record BenchReport
{
    /// <summary>What was measured.</summary>
    public required BenchSettings Settings { get; init; }

    /// <summary>The array's shape.</summary>
    public required IReadOnlyList<long> Shape { get; init; }

    /// <summary>The array's chunk (shard) shape: the grid the pattern walks.</summary>
    public required IReadOnlyList<int> ChunkShape { get; init; }

    /// <summary>Chunks (shards) in the array.</summary>
    public required long ChunkCount { get; init; }

    /// <summary>Selections read per pass, all readers together.</summary>
    public required long ReadsPerPass { get; init; }

    /// <summary>The runs: the baseline first, then the cached run (or prefetch off, then on).</summary>
    public required IReadOnlyList<BenchRun> Runs { get; init; }

    /// <summary>The uncached baseline.</summary>
    public BenchRun Baseline => Runs[0];

    /// <summary>With --compare-prefetch, the prefetch-off and prefetch-on runs; otherwise null.</summary>
    public (BenchRun Off, BenchRun On)? PrefetchComparison =>
        Settings.ComparePrefetch is not null && Runs.Count == 3 ? (Runs[1], Runs[2]) : null;

    /// <summary>Baseline time over <paramref name="run"/>'s time for pass <paramref name="index"/> (0-based): above 1, the run was faster.</summary>
    public double Speedup(BenchRun run, int index) => Ratio(Baseline.Passes[index].Elapsed, run.Passes[index].Elapsed);

    /// <summary>Origin requests of the baseline's pass minus the run's (negative when the run made more).</summary>
    public long RequestsSaved(BenchRun run, int index) => Baseline.Passes[index].OriginRequests - run.Passes[index].OriginRequests;

    /// <summary>Time with prefetching off over time with it on, for pass <paramref name="index"/>; null without --compare-prefetch.</summary>
    public double? PrefetchSpeedup(int index) =>
        PrefetchComparison is var (off, on) ? Ratio(off.Passes[index].Elapsed, on.Passes[index].Elapsed) : null;

    /// <summary>Total time with prefetching off over total time with it on; null without --compare-prefetch.</summary>
    public double? PrefetchSpeedupTotal => PrefetchComparison is var (off, on) ? Ratio(off.TotalElapsed, on.TotalElapsed) : null;

    private static double Ratio(TimeSpan numerator, TimeSpan denominator) =>
        denominator > TimeSpan.Zero ? numerator / denominator : double.PositiveInfinity;
}
