namespace ZarrCache;

/// <summary>Requests a <see cref="CountingStore"/> passed on, for one key kind or for all.</summary>
/// <param name="Gets">Whole-value reads.</param>
/// <param name="RangeGets">Range reads: one per <see cref="IReadableStore.GetRangeAsync"/> call and one per range of a <see cref="IReadableStore.GetRangesAsync"/> call.</param>
/// <param name="SizeCalls">Size calls.</param>
/// <param name="Misses">Reads (whole or range) that found the key missing.</param>
/// <param name="Bytes">Bytes returned by reads.</param>
public sealed record StoreRequestCounts(long Gets, long RangeGets, long SizeCalls, long Misses, long Bytes)
{
    /// <summary>Reads of any kind: gets, range gets and size calls.</summary>
    public long Requests => Gets + RangeGets + SizeCalls;
}
