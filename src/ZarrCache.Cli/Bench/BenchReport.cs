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

    /// <summary>With --compare-prefetch, the prefetch-off and prefetch-on runs (one each per repeat); otherwise null.</summary>
    public (IReadOnlyList<BenchRun> Off, IReadOnlyList<BenchRun> On)? PrefetchComparison =>
        Settings.ComparePrefetch is null
            ? null
            : (Runs.Where(r => r.Name == "prefetch-off").ToArray(), Runs.Where(r => r.Name == "prefetch-on").ToArray());

    /// <summary>Baseline time over <paramref name="run"/>'s time for pass <paramref name="index"/> (0-based): above 1, the run was faster.</summary>
    public double Speedup(BenchRun run, int index) => Ratio(Baseline.Passes[index].Elapsed, run.Passes[index].Elapsed);

    /// <summary>Origin requests of the baseline's pass minus the run's (negative when the run made more).</summary>
    public long RequestsSaved(BenchRun run, int index) => Baseline.Passes[index].OriginRequests - run.Passes[index].OriginRequests;

    /// <summary>The median time of pass <paramref name="index"/> over <paramref name="runs"/>.</summary>
    public static TimeSpan MedianPass(IReadOnlyList<BenchRun> runs, int index) => Median(runs.Select(r => r.Passes[index].Elapsed));

    /// <summary>The median total time of <paramref name="runs"/>.</summary>
    public static TimeSpan MedianTotal(IReadOnlyList<BenchRun> runs) => Median(runs.Select(r => r.TotalElapsed));

    /// <summary>
    /// The median time of pass <paramref name="index"/> with prefetching off over the median with it on: above 1,
    /// prefetching was faster; null without --compare-prefetch.
    /// </summary>
    public double? PrefetchSpeedup(int index) =>
        PrefetchComparison is var (off, on) ? Ratio(MedianPass(off, index), MedianPass(on, index)) : null;

    /// <summary>The median total time with prefetching off over the median total with it on; null without --compare-prefetch.</summary>
    public double? PrefetchSpeedupTotal => PrefetchComparison is var (off, on) ? Ratio(MedianTotal(off), MedianTotal(on)) : null;

    private static TimeSpan Median(IEnumerable<TimeSpan> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return TimeSpan.Zero;
        }

        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private static double Ratio(TimeSpan numerator, TimeSpan denominator) =>
        denominator > TimeSpan.Zero ? numerator / denominator : double.PositiveInfinity;
}
