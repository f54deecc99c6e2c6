using ZarrCache.Cli.Bench;

namespace ZarrCache.Tests.Cli.Bench;

public class BenchReportTests
{
    [Fact]
    public void Ratios_compare_each_pass_with_the_baseline_and_prefetch_on_with_off()
    {
        var report = Report(
            comparePrefetch: true,
            Run("baseline", null, (100, 50), (100, 50)),
            Run("prefetch-off", new CacheConfig(), (80, 51), (10, 0)),
            Run("prefetch-on", new CacheConfig { PrefetchConfig = new PrefetchConfig() }, (40, 51), (10, 0)));

        Assert.Equal(1.25, report.Speedup(report.Runs[1], 0), 6);
        Assert.Equal(10.0, report.Speedup(report.Runs[1], 1), 6);
        Assert.Equal(-1, report.RequestsSaved(report.Runs[1], 0));
        Assert.Equal(50, report.RequestsSaved(report.Runs[2], 1));
        Assert.Equal(2.0, report.PrefetchSpeedup(0)!.Value, 6);
        Assert.Equal(1.0, report.PrefetchSpeedup(1)!.Value, 6);
        Assert.Equal(90.0 / 50, report.PrefetchSpeedupTotal!.Value, 6);
    }

    [Fact]
    public void Repeated_runs_compare_the_median_of_off_with_the_median_of_on()
    {
        var prefetching = new CacheConfig { PrefetchConfig = new PrefetchConfig() };
        var report = Report(
            comparePrefetch: true,
            Run("baseline", null, (100, 5)),
            Run("prefetch-off", new CacheConfig(), (90, 5)),
            Run("prefetch-on", prefetching, (30, 5)),
            Run("prefetch-on", prefetching, (500, 5)),
            Run("prefetch-off", new CacheConfig(), (60, 5)),
            Run("prefetch-off", new CacheConfig(), (1000, 5)),
            Run("prefetch-on", prefetching, (40, 5)));

        Assert.Equal(3, report.PrefetchComparison!.Value.On.Count);
        Assert.Equal(TimeSpan.FromMilliseconds(90), BenchReport.MedianPass(report.PrefetchComparison.Value.Off, 0));
        Assert.Equal(90.0 / 40, report.PrefetchSpeedup(0)!.Value, 6);
        Assert.Equal(90.0 / 40, report.PrefetchSpeedupTotal!.Value, 6);
    }

    [Fact]
    public void Without_compare_prefetch_there_is_no_prefetch_ratio()
    {
        var report = Report(comparePrefetch: false, Run("baseline", null, (100, 5)), Run("cached", new CacheConfig(), (50, 5)));

        Assert.Null(report.PrefetchComparison);
        Assert.Null(report.PrefetchSpeedup(0));
        Assert.Equal(2.0, report.Speedup(report.Runs[1], 0), 6);
    }

    private static BenchReport Report(bool comparePrefetch, params BenchRun[] runs) => new()
    {
        Settings = new BenchSettings { Store = "s", Pattern = AccessPatternKind.Scan, ComparePrefetch = comparePrefetch ? new PrefetchConfig() : null },
        Shape = [1],
        ChunkShape = [1],
        ChunkCount = 1,
        ReadsPerPass = 1,
        Runs = runs,
    };

    private static BenchRun Run(string name, CacheConfig? cache, params (int Ms, long Requests)[] passes) =>
        new(name, cache, passes.Select((p, i) => new BenchPass(
            Pass: i + 1, Reads: 1, BytesRead: 1, Elapsed: TimeSpan.FromMilliseconds(p.Ms), OriginRequests: p.Requests, OriginBytes: 0)).ToArray());
}
