using System.Globalization;
using Spectre.Console;

namespace ZarrCache.Cli.Bench;

/// <summary>Prints a <see cref="BenchReport"/> as <c>zarr-cache bench</c> does without --json: a heading, one table row per pass, and the ratios.</summary>
internal static class BenchTable
{
    /// <summary>Writes the report.</summary>
    public static void Write(IAnsiConsole console, BenchReport report)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(report);
        var s = report.Settings;
        console.MarkupLine(Markup.Escape(Invariant(
            $"zarr-cache bench: {AccessPattern.Name(s.Pattern)} over {Where(s)} [{string.Join(',', report.Shape)}] chunks [{string.Join(',', report.ChunkShape)}] ({report.ChunkCount:N0} chunks), {report.ReadsPerPass:N0} reads a pass by {s.Concurrency} reader(s), seed {s.Seed}, decoded cache {DecodedCacheCliOptions.Describe(s.DecodedCacheBytes)}")));

        var table = new Table().AddColumns(
            "run", "pass", "time", "vs baseline", "origin requests", "saved", "origin bytes", "hit ratio", "decoded hits", "prefetch used", "prefetch wasted", "bytes read");
        foreach (var run in report.Runs)
        {
            for (var i = 0; i < run.Passes.Count; i++)
            {
                var pass = run.Passes[i];
                var baseline = run == report.Baseline;
                table.AddRow(
                    Markup.Escape(RunLabel(run)),
                    Invariant($"{pass.Pass}"),
                    Invariant($"{pass.Elapsed.TotalMilliseconds:F1} ms"),
                    baseline ? "-" : Ratio(report.Speedup(run, i)),
                    Invariant($"{pass.OriginRequests:N0}"),
                    baseline ? "-" : Invariant($"{report.RequestsSaved(run, i):N0}"),
                    Sizes.Format(pass.OriginBytes),
                    pass.HitRatio is { } h ? h.ToString("P1", CultureInfo.InvariantCulture) : "-",
                    pass.DecodedHits is { } dh ? Invariant($"{dh:N0} of {dh + (pass.DecodedMisses ?? 0):N0}") : "-",
                    run.Prefetch is null ? "-" : Invariant($"{pass.Prefetching.Used:N0} of {pass.Prefetching.Issued:N0}"),
                    run.Prefetch is null ? "-" : Invariant($"{pass.Prefetching.Wasted:N0} ({Sizes.Format(pass.Prefetching.BytesWasted)})"),
                    Sizes.Format(pass.BytesRead));
            }
        }

        console.Write(table);
        console.WriteLine(Invariant($"vs baseline: baseline time / cached time for the same pass (above 1: the cache is faster). saved: origin requests the cache did not make."));
        console.WriteLine("decoded hits: chunks the run's decoded-chunk cache served of those it was asked for (--decoded-cache; the baseline has none).");
        if (report.PrefetchComparison is var (off, on))
        {
            var perPass = string.Join(", ", Enumerable.Range(0, s.Passes).Select(i => Invariant($"pass {i + 1} {Ratio(report.PrefetchSpeedup(i) ?? double.NaN)}")));
            var medians = off.Count > 1 ? Invariant($"medians of {off.Count} runs each, alternating which goes first; ") : string.Empty;
            console.WriteLine(Invariant(
                $"prefetch on/off ({medians}above 1: prefetching is faster): off {BenchReport.MedianTotal(off).TotalMilliseconds:F1} ms / on {BenchReport.MedianTotal(on).TotalMilliseconds:F1} ms = {Ratio(report.PrefetchSpeedupTotal ?? double.NaN)} ({perPass})"));
            var prefetching = PrefetchFigures.Sum(on.Select(r => r.Prefetching));
            console.WriteLine(Invariant(
                $"prefetch waste over {on.Count} run(s): {prefetching.Wasted:N0} wasted ({Sizes.Format(prefetching.BytesWasted)}), {prefetching.Unused:N0} unused at the end, {prefetching.Dropped:N0} dropped, of {prefetching.Issued:N0} issued."));
        }
    }

    private static string Where(BenchSettings s) => UrlRedaction.Redact(s.ArrayPath.Length == 0 ? s.Store : s.Store + " array " + s.ArrayPath);

    private static string RunLabel(BenchRun run)
    {
        var name = run.Repeat > 1 ? Invariant($"{run.Name} #{run.Repeat}") : run.Name;
        return run.Prefetch is { } p ? Invariant($"{name} ({PrefetchCliOptions.Name(p.Strategy)} {p.NeighborChunks})") : name;
    }

    private static string Ratio(double value) => double.IsFinite(value) ? Invariant($"x{value:F2}") : "-";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
