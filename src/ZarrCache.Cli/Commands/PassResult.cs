namespace ZarrCache.Cli.Commands;

/// <summary>What one pass of reads through a <see cref="CachedStore"/> cost.</summary>
internal sealed record PassResult(string Name, long Reads, long OriginReads, long OriginBytes, long BytesRead, double HitRatio, TimeSpan Elapsed)
{
    /// <summary>Measures a pass: the statistics difference across <paramref name="pass"/>.</summary>
    public static async Task<PassResult> MeasureAsync(string name, CachedStore store, Func<Task<(long Reads, long Bytes)>> pass)
    {
        var before = store.CacheStats;
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var (reads, bytes) = await pass();
        var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started);
        var after = store.CacheStats;
        var hits = after.Hits - before.Hits + after.NegativeHits - before.NegativeHits;
        var lookups = hits + after.Misses - before.Misses;
        return new PassResult(
            name,
            reads,
            after.OriginReads - before.OriginReads,
            after.OriginBytes - before.OriginBytes,
            bytes,
            lookups == 0 ? 0 : (double)hits / lookups,
            elapsed);
    }
}
