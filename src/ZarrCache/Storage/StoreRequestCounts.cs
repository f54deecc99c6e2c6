namespace ZarrCache;

/// <summary>Requests a <see cref="CountingStore"/> passed on, for one key kind or for all.</summary>
public sealed record StoreRequestCounts
{
    /// <summary>Whole-value reads.</summary>
    public long Gets { get; init; }

    /// <summary>Range reads: one per <see cref="IReadableStore.GetRangeAsync"/> call and one per range of a <see cref="IReadableStore.GetRangesAsync"/> call.</summary>
    public long RangeGets { get; init; }

    /// <summary>Size calls.</summary>
    public long SizeCalls { get; init; }

    /// <summary>Reads (whole or range) that found the key missing.</summary>
    public long Misses { get; init; }

    /// <summary>Bytes returned by reads.</summary>
    public long Bytes { get; init; }

    /// <summary>Reads of any kind: gets, range gets and size calls.</summary>
    public long Requests => Gets + RangeGets + SizeCalls;
}
