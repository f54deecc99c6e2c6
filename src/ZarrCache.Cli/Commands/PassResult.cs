using ZarrCache.Zarr;

namespace ZarrCache.Cli.Commands;

/// <summary>What one pass of reads through a <see cref="CachedStore"/> (and a <see cref="DecodedChunkCache"/>, if any) cost.</summary>
/// <param name="Name">The pass's name (cold, warm).</param>
/// <param name="Reads">Selections read.</param>
/// <param name="OriginReads">Requests that reached the origin.</param>
/// <param name="OriginBytes">Bytes that came from the origin.</param>
/// <param name="BytesRead">Bytes of the elements read.</param>
/// <param name="HitRatio">The store cache's hits over lookups; null when the pass looked nothing up there (every chunk came from the decoded-chunk cache).</param>
/// <param name="Elapsed">Wall time of the pass.</param>
/// <param name="DecodedHits">Chunks the decoded-chunk cache served during the pass; null without one.</param>
/// <param name="DecodedMisses">Chunks it did not hold (fetched and decoded); null without one.</param>
internal sealed record PassResult(
    string Name, long Reads, long OriginReads, long OriginBytes, long BytesRead, double? HitRatio, TimeSpan Elapsed, long? DecodedHits = null, long? DecodedMisses = null)
{
    /// <summary>Measures a pass: the statistics difference across <paramref name="pass"/>.</summary>
    public static async Task<PassResult> MeasureAsync(string name, CachedStore store, Func<Task<(long Reads, long Bytes)>> pass, DecodedChunkCache? chunkCache = null)
    {
        var before = store.CacheStats;
        var decodedBefore = chunkCache?.Stats;
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var (reads, bytes) = await pass();
        var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started);
        var after = store.CacheStats;
        var decodedAfter = chunkCache?.Stats;
        var hits = after.Hits - before.Hits + after.NegativeHits - before.NegativeHits;
        var lookups = hits + after.Misses - before.Misses;
        return new PassResult(
            name,
            reads,
            after.OriginReads - before.OriginReads,
            after.OriginBytes - before.OriginBytes,
            bytes,
            lookups == 0 ? null : (double)hits / lookups,
            elapsed,
            decodedAfter?.Hits - decodedBefore?.Hits,
            decodedAfter?.Misses - decodedBefore?.Misses);
    }
}
