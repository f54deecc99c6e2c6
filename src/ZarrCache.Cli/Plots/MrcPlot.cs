using System.Globalization;
using ScottPlot;
using ZarrCache.Cli.Mrc;

namespace ZarrCache.Cli.Plots;

/// <summary>Draws the miss-ratio curves of <c>zarr-cache mrc</c>: cache size in bytes (log scale) against the miss
/// ratio in percent, one line per policy, OPT as the floor, and the recommended size marked.</summary>
internal static class MrcPlot
{
    /// <summary>The plot of <paramref name="analysis"/>, with <paramref name="recommendation"/> marked.</summary>
    public static Plot Create(MissRatioAnalysis analysis, SizingRecommendation recommendation)
    {
        var plot = new Plot();
        foreach (var curve in analysis.Curves)
        {
            var xs = curve.Points.Select(p => Math.Log2(p.CacheSize)).ToArray();
            var ys = curve.Points.Select(p => p.ByRequest * 100).ToArray();
            var line = plot.Add.Scatter(xs, ys);
            line.LegendText = MrcPolicies.Label(curve.Policy);
            line.LineWidth = 2;
            if (curve.Policy == SimulatedPolicy.Opt)
            {
                line.Color = Colors.Black;
                line.MarkerSize = 0;
            }
        }

        var marker = plot.Add.VerticalLine(Math.Log2(recommendation.CacheSize));
        marker.LegendText = $"recommended for {MrcPolicies.Label(recommendation.Policy)}: {Sizes.Format(recommendation.CacheSize)}";
        marker.Color = Colors.Gray;
        marker.LineWidth = 2;
        var sizes = analysis.Curves[0].Points;
        PlotFile.ByteTicks(plot.Axes.Bottom, Math.Log2(sizes[0].CacheSize), Math.Log2(sizes[^1].CacheSize));
        var (left, right) = (Math.Log2(sizes[0].CacheSize), Math.Log2(sizes[^1].CacheSize));
        var pad = Math.Max(0.25, (right - left) * 0.03);
        plot.Axes.SetLimits(left - pad, right + pad, 0, 100);
        plot.XLabel("Cache size (bytes, log scale)");
        plot.YLabel("Miss ratio (% of requests)");
        var sampling = analysis.SamplingRate >= 1
            ? "exact"
            : string.Create(CultureInfo.InvariantCulture, $"SHARDS R={analysis.SamplingRate:0.####}, ±{analysis.ErrorBound * 100:0.#} points");
        plot.Title(string.Create(CultureInfo.InvariantCulture, $"Miss-ratio curve of {analysis.TraceName} ({analysis.Requests:N0} requests, {sampling})"));
        plot.ShowLegend(Alignment.UpperRight);
        return plot;
    }
}
