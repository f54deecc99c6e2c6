namespace ZarrCache;

/// <summary>Whether a request to the cache was served by a cache tier or had to go to the origin.</summary>
public enum AccessOutcome : byte
{
    /// <summary>No cache tier held the value; the origin was read.</summary>
    Miss = 0,

    /// <summary>A cache tier held the value.</summary>
    Hit = 1,
}
