using System.Text.Json;

namespace ZarrCache.Cli.Bench;

/// <summary>Writes a <see cref="BenchReport"/> as the one JSON document of <c>zarr-cache bench --json</c> (schema in docs/cli.md).</summary>
internal static class BenchJson
{
    /// <summary>The report as indented JSON.</summary>
    public static string Write(BenchReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            var s = report.Settings;
            w.WriteStartObject();
            w.WriteString("store", UrlRedaction.Redact(s.Store));
            w.WriteString("array", s.ArrayPath);
            w.WriteString("pattern", AccessPattern.Name(s.Pattern));
            w.WriteNumber("passes", s.Passes);
            w.WriteNumber("concurrency", s.Concurrency);
            w.WriteNumber("seed", s.Seed);
            w.WriteNumber("repeat", s.Repeat);
            w.WriteNumber("decoded_cache_bytes", s.DecodedCacheBytes);
            Numbers(w, "shape", report.Shape);
            Numbers(w, "chunk_shape", report.ChunkShape.Select(x => (long)x));
            w.WriteNumber("chunk_count", report.ChunkCount);
            w.WriteNumber("reads_per_pass", report.ReadsPerPass);
            w.WriteStartArray("runs");
            foreach (var run in report.Runs)
            {
                WriteRun(w, report, run);
            }

            w.WriteEndArray();
            WriteComparison(w, report);
            w.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteRun(Utf8JsonWriter w, BenchReport report, BenchRun run)
    {
        w.WriteStartObject();
        w.WriteString("name", run.Name);
        w.WriteNumber("repeat", run.Repeat);
        w.WriteBoolean("cached", run.Cache is not null);
        if (run.Cache is { } cache)
        {
            w.WriteNumber("memory_bytes", cache.MaxMemorySize);
            NullableString(w, "disk_cache", cache.DiskCacheDir);
        }

        w.WriteNumber("decoded_cache_bytes", run.DecodedCacheBytes);

        if (run.Prefetch is { } p)
        {
            w.WriteStartObject("prefetch");
            w.WriteNumber("neighbor_chunks", p.NeighborChunks);
            w.WriteString("strategy", PrefetchCliOptions.Name(p.Strategy));
            w.WriteNumber("max_concurrency", p.MaxConcurrency);
            w.WriteNumber("max_queue_size", p.MaxQueueSize);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("prefetch");
        }

        w.WriteNumber("total_ms", Ms(run.TotalElapsed));
        w.WriteNumber("prefetches_unused_at_end", run.PrefetchesUnusedAtEnd);
        w.WriteStartArray("passes");
        for (var i = 0; i < run.Passes.Count; i++)
        {
            var pass = run.Passes[i];
            w.WriteStartObject();
            w.WriteNumber("pass", pass.Pass);
            w.WriteNumber("reads", pass.Reads);
            w.WriteNumber("bytes_read", pass.BytesRead);
            w.WriteNumber("elapsed_ms", Ms(pass.Elapsed));
            w.WriteNumber("origin_requests", pass.OriginRequests);
            w.WriteNumber("origin_bytes", pass.OriginBytes);
            NullableNumber(w, "hit_ratio", pass.HitRatio);
            WritePrefetching(w, pass.Prefetching, withUnusedAtEnd: false);
            NullableNumber(w, "decoded_hits", pass.DecodedHits);
            NullableNumber(w, "decoded_misses", pass.DecodedMisses);
            NullableNumber(w, "speedup_vs_baseline", Finite(report.Speedup(run, i)));
            w.WriteNumber("origin_requests_saved", report.RequestsSaved(run, i));
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteComparison(Utf8JsonWriter w, BenchReport report)
    {
        if (report.PrefetchComparison is not var (off, on))
        {
            w.WriteNull("prefetch_comparison");
            return;
        }

        w.WriteStartObject("prefetch_comparison");
        w.WriteNumber("runs_each", off.Count);
        w.WriteNumber("off_total_ms", Ms(BenchReport.MedianTotal(off)));
        w.WriteNumber("on_total_ms", Ms(BenchReport.MedianTotal(on)));
        NullableNumber(w, "off_over_on", Finite(report.PrefetchSpeedupTotal));
        WritePrefetching(w, PrefetchFigures.Sum(on.Select(r => r.Prefetching)), withUnusedAtEnd: true);
        w.WriteStartArray("passes");
        for (var i = 0; i < report.Settings.Passes; i++)
        {
            w.WriteStartObject();
            w.WriteNumber("pass", i + 1);
            w.WriteNumber("off_ms", Ms(BenchReport.MedianPass(off, i)));
            w.WriteNumber("on_ms", Ms(BenchReport.MedianPass(on, i)));
            NullableNumber(w, "off_over_on", Finite(report.PrefetchSpeedup(i)));
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>The prefetch figures of a pass, or of the prefetch-on runs together (which also name those unused at the end).</summary>
    private static void WritePrefetching(Utf8JsonWriter w, PrefetchFigures p, bool withUnusedAtEnd)
    {
        w.WriteNumber("prefetches_issued", p.Issued);
        w.WriteNumber("prefetches_used", p.Used);
        w.WriteNumber("prefetches_wasted", p.Wasted);
        w.WriteNumber("prefetch_bytes_wasted", p.BytesWasted);
        if (withUnusedAtEnd)
        {
            w.WriteNumber("prefetches_unused_at_end", p.Unused);
        }

        w.WriteNumber("prefetches_dropped", p.Dropped);
    }

    private static double Ms(TimeSpan time) => Math.Round(time.TotalMilliseconds, 3);

    private static double? Finite(double? value) => value is { } v && double.IsFinite(v) ? Math.Round(v, 4) : null;

    private static void Numbers(Utf8JsonWriter w, string name, IEnumerable<long> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values)
        {
            w.WriteNumberValue(v);
        }

        w.WriteEndArray();
    }

    private static void NullableNumber(Utf8JsonWriter w, string name, double? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }

    private static void NullableString(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }
}
