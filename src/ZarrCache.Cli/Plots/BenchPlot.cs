using ScottPlot;
using ZarrCache.Cli.Bench;

namespace ZarrCache.Cli.Plots;

/// <summary>Draws a <c>zarr-cache bench</c> run: per pass, each run's wall time (left axis, solid) and origin requests
/// (right axis, thin), so the baseline against the cache (or prefetching off against on) reads at a glance.</summary>
internal static class BenchPlot
{
    /// <summary>The plot of <paramref name="report"/>.</summary>
    public static Plot Create(BenchReport report)
    {
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        var runs = report.Runs;
        for (var r = 0; r < runs.Count; r++)
        {
            var run = runs[r];
            var name = report.Settings.Repeat > 1 && run.Name != BenchRun.BaselineName ? $"{run.Name} #{run.Repeat}" : run.Name;
            var passes = run.Passes.Select(p => (double)p.Pass).ToArray();
            var color = palette.GetColor(r);
            var time = plot.Add.Scatter(passes, [.. run.Passes.Select(p => p.Elapsed.TotalMilliseconds)]);
            time.LegendText = $"{name}: time (ms)";
            time.Color = color;
            time.LineWidth = 2;
            var requests = plot.Add.Scatter(passes, [.. run.Passes.Select(p => (double)p.OriginRequests)]);
            requests.LegendText = $"{name}: origin requests";
            requests.Color = color.WithAlpha(0.6);
            requests.LineWidth = 1;
            requests.MarkerShape = MarkerShape.OpenSquare;
            requests.Axes.YAxis = plot.Axes.Right;
        }

        var passCount = runs.Max(r => r.Passes.Count);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            [.. Enumerable.Range(1, passCount).Select(p => (double)p)],
            [.. Enumerable.Range(1, passCount).Select(p => p == 1 ? "1 (cold)" : p.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        plot.Axes.SetLimitsX(0.5, passCount + 0.5);
        var maxTime = runs.SelectMany(r => r.Passes).Max(p => p.Elapsed.TotalMilliseconds);
        var maxRequests = runs.SelectMany(r => r.Passes).Max(p => (double)p.OriginRequests);
        plot.Axes.SetLimitsY(0, Math.Max(1, maxTime) * 1.15, plot.Axes.Left);
        plot.Axes.SetLimitsY(0, Math.Max(1, maxRequests) * 1.15, plot.Axes.Right);
        plot.XLabel("Pass");
        plot.YLabel("Wall time (ms)");
        plot.Axes.Right.Label.Text = "Origin requests";
        plot.Title($"zarr-cache bench: {AccessPattern.Name(report.Settings.Pattern)} over {report.ChunkCount:N0} chunks, {report.ReadsPerPass:N0} reads per pass");
        plot.ShowLegend(Alignment.UpperRight);
        return plot;
    }
}
