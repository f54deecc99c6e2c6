namespace ZarrCache;

/// <summary>Where a traced request was served from: the tier that hit, or the origin on a miss.</summary>
public enum AccessTier : byte
{
    /// <summary>The memory tier.</summary>
    Memory = 0,

    /// <summary>The disk tier.</summary>
    Disk = 1,

    /// <summary>The origin store (a miss in every tier).</summary>
    Origin = 2,
}
