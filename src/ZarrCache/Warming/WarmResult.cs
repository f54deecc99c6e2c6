namespace ZarrCache;

/// <summary>What a cache warm-up did.</summary>
/// <param name="Keys">Keys considered (listed or given), after the key policy.</param>
/// <param name="Warmed">Keys read from the origin into the cache.</param>
/// <param name="AlreadyCached">Keys that were already cached: no origin request.</param>
/// <param name="Missing">Keys the origin did not have.</param>
/// <param name="Skipped">Keys skipped because the key policy does not cache them.</param>
/// <param name="BytesWarmed">Bytes read from the origin.</param>
/// <param name="Elapsed">Wall time.</param>
public sealed record WarmResult(long Keys, long Warmed, long AlreadyCached, long Missing, long Skipped, long BytesWarmed, TimeSpan Elapsed);
