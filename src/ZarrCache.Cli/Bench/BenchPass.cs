namespace ZarrCache.Cli.Bench;

/// <summary>What one pass of a bench run cost: the figures every pass has, and those of a pass through a cache.</summary>
/// <param name="Pass">The pass number, from 1.</param>
/// <param name="Reads">Selections read (all readers).</param>
/// <param name="BytesRead">Bytes of the elements read.</param>
/// <param name="Elapsed">Wall time of the pass: opening the array and every reader's reads.</param>
/// <param name="OriginRequests">Requests that reached the origin (metadata, chunks, prefetches).</param>
/// <param name="OriginBytes">Bytes that came from the origin.</param>
internal sealed record BenchPass(int Pass, long Reads, long BytesRead, TimeSpan Elapsed, long OriginRequests, long OriginBytes)
{
    /// <summary>Cache hits over lookups; null without a cache (or when there was no lookup).</summary>
    public double? HitRatio { get; init; }

    /// <summary>What prefetching did during the pass (all 0 without a cache or without prefetching).</summary>
    public PrefetchFigures Prefetching { get; init; }

    /// <summary>Chunks the run's decoded-chunk cache served during the pass (<see cref="CacheStats.Hits"/>); null without one.</summary>
    public long? DecodedHits { get; init; }

    /// <summary>Chunks the decoded-chunk cache did not hold during the pass (fetched and decoded); null without one.</summary>
    public long? DecodedMisses { get; init; }
}
