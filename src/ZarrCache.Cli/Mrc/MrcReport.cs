using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ZarrCache.Cli.Mrc;

/// <summary>Writes the result of <c>zarr-cache mrc</c>: a table of miss ratios and the recommendation, or one JSON
/// document (schema in docs/mrc.md).</summary>
internal static class MrcReport
{
    /// <summary>The table and the recommendations as text.</summary>
    public static string Text(MissRatioAnalysis analysis, IReadOnlyList<SizingRecommendation> recommendations, string? picture)
    {
        var text = new StringBuilder();
        var recorded = analysis.RecordedHits is { } hits
            ? Invariant($"; the recorded cache hit {(double)hits / analysis.Requests:P1}")
            : string.Empty;
        text.AppendLine(Invariant($"Trace {analysis.TraceName}: {analysis.Requests:N0} requests, {analysis.UniqueKeys:N0} keys, {Sizes.Format(analysis.UniqueBytes)} unique, {Sizes.Format(analysis.TotalBytes)} requested{recorded}."));
        text.AppendLine(analysis.SamplingRate >= 1
            ? Invariant($"Simulated exactly ({analysis.SimulatedRequests:N0} requests).")
            : Invariant($"Simulated on a SHARDS sample at R = {analysis.SamplingRate:0.####} ({analysis.SimulatedRequests:N0} requests): each miss ratio is within ±{analysis.ErrorBound * 100:0.#} points of the exact one."));
        text.AppendLine();
        var headers = analysis.Curves.Select(c => MrcPolicies.Label(c.Policy)).Prepend("cache size").ToArray();
        var rows = analysis.Curves[0].Points.Select((point, i) => analysis.Curves
            .Select(c => Invariant($"{c.Points[i].ByRequest:P1}"))
            .Prepend(Sizes.Format(point.CacheSize))
            .ToArray()).ToList();
        var widths = headers.Select((h, c) => Math.Max(h.Length, rows.Max(r => r[c].Length))).ToArray();
        text.AppendLine("miss ratio by request:");
        text.AppendLine(string.Join("  ", headers.Select((h, c) => h.PadLeft(widths[c]))));
        foreach (var row in rows)
        {
            text.AppendLine(string.Join("  ", row.Select((cell, c) => cell.PadLeft(widths[c]))));
        }

        text.AppendLine();
        foreach (var r in recommendations)
        {
            text.AppendLine(Invariant($"Recommended for {MrcPolicies.Label(r.Policy)}: {Sizes.Format(r.CacheSize)}, the smallest size within one point of its best hit ratio ({r.HitRatio:P1} of {r.BestHitRatio:P1}); it saves {r.RequestsSaved:N0} origin requests ({(double)r.RequestsSaved / analysis.Requests:P1}) and {Sizes.Format(r.BytesSaved)} ({(double)r.BytesSaved / Math.Max(1, analysis.TotalBytes):P1}) of the trace's."));
        }

        if (picture is not null)
        {
            text.AppendLine(Invariant($"Plot written to {picture}."));
        }

        return text.ToString();
    }

    /// <summary>The analysis and the recommendations as one indented JSON document.</summary>
    public static string Json(MissRatioAnalysis analysis, IReadOnlyList<SizingRecommendation> recommendations, string? picture)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("trace", analysis.TraceName);
            w.WriteNumber("requests", analysis.Requests);
            w.WriteNumber("unique_keys", analysis.UniqueKeys);
            w.WriteNumber("unique_bytes", analysis.UniqueBytes);
            w.WriteNumber("total_bytes", analysis.TotalBytes);
            if (analysis.RecordedHits is { } hits)
            {
                w.WriteNumber("recorded_hits", hits);
            }
            else
            {
                w.WriteNull("recorded_hits");
            }

            w.WriteNumber("sampling_rate", analysis.SamplingRate);
            w.WriteNumber("simulated_requests", analysis.SimulatedRequests);
            w.WriteNumber("error_bound", analysis.ErrorBound);
            w.WriteStartArray("curves");
            foreach (var curve in analysis.Curves)
            {
                w.WriteStartObject();
                w.WriteString("policy", MrcPolicies.JsonName(curve.Policy));
                w.WriteStartArray("points");
                foreach (var p in curve.Points)
                {
                    w.WriteStartObject();
                    w.WriteNumber("cache_bytes", p.CacheSize);
                    w.WriteNumber("miss_ratio", Math.Round(p.ByRequest, 6));
                    w.WriteNumber("byte_miss_ratio", Math.Round(p.ByByte, 6));
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("recommendations");
            foreach (var r in recommendations)
            {
                w.WriteStartObject();
                w.WriteString("policy", MrcPolicies.JsonName(r.Policy));
                w.WriteNumber("cache_bytes", r.CacheSize);
                w.WriteNumber("hit_ratio", Math.Round(r.HitRatio, 6));
                w.WriteNumber("best_hit_ratio", Math.Round(r.BestHitRatio, 6));
                w.WriteNumber("origin_requests_saved", r.RequestsSaved);
                w.WriteNumber("origin_bytes_saved", r.BytesSaved);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            if (picture is not null)
            {
                w.WriteString("plot", picture);
            }
            else
            {
                w.WriteNull("plot");
            }

            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
