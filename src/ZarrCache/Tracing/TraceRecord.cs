namespace ZarrCache;

/// <summary>One request read back from an access trace.</summary>
/// <param name="Time">When the request was recorded, from the start of the trace (microsecond resolution).</param>
/// <param name="KeyId">The key's number in this trace: 0 for the first distinct key recorded, 1 for the next, and so on.</param>
/// <param name="Key">The key requested (one string per distinct key, shared by its records).</param>
/// <param name="Size">The value's length in bytes.</param>
/// <param name="Outcome">Whether a cache tier held the value.</param>
/// <param name="Tier">The tier that served the value, or <see cref="AccessTier.Origin"/> on a miss.</param>
public readonly record struct TraceRecord(TimeSpan Time, int KeyId, string Key, long Size, AccessOutcome Outcome, AccessTier Tier);
