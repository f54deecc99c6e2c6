namespace ZarrCache;

/// <summary>What a cache warm-up did.</summary>
public sealed record WarmResult
{
    /// <summary>Keys considered (listed or given), after the key policy.</summary>
    public long Keys { get; init; }

    /// <summary>Keys read from the origin into the cache.</summary>
    public long Warmed { get; init; }

    /// <summary>Keys that were already cached: no origin request.</summary>
    public long AlreadyCached { get; init; }

    /// <summary>Keys the origin did not have.</summary>
    public long Missing { get; init; }

    /// <summary>Keys skipped because the key policy does not cache them.</summary>
    public long Skipped { get; init; }

    /// <summary>Bytes read from the origin.</summary>
    public long BytesWarmed { get; init; }

    /// <summary>Wall time.</summary>
    public TimeSpan Elapsed { get; init; }
}
