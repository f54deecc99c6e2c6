namespace ZarrCache.Cli.Bench;

/// <summary>What one pass of a bench run cost.</summary>
internal sealed record BenchPass
{
    /// <summary>The pass number, from 1.</summary>
    public required int Pass { get; init; }

    /// <summary>Selections read (all readers).</summary>
    public required long Reads { get; init; }

    /// <summary>Bytes of the elements read.</summary>
    public required long BytesRead { get; init; }

    /// <summary>Wall time of the pass: opening the array and every reader's reads.</summary>
    public required TimeSpan Elapsed { get; init; }

    /// <summary>Requests that reached the origin (metadata, chunks, prefetches).</summary>
    public required long OriginRequests { get; init; }

    /// <summary>Bytes that came from the origin.</summary>
    public required long OriginBytes { get; init; }

    /// <summary>Cache hits over lookups; null without a cache (or when there was no lookup).</summary>
    public double? HitRatio { get; init; }

    /// <summary>What prefetching did during the pass (all 0 without a cache or without prefetching).</summary>
    public PrefetchFigures Prefetching { get; init; }

    /// <summary>Chunks the run's decoded-chunk cache served during the pass (<see cref="CacheStats.Hits"/>); null without one.</summary>
    public long? DecodedHits { get; init; }

    /// <summary>Chunks the decoded-chunk cache did not hold during the pass (fetched and decoded); null without one.</summary>
    public long? DecodedMisses { get; init; }
}
