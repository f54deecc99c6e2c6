namespace ZarrCache;

/// <summary>
/// Where a traced request was served from: the tier that hit, or the origin on a miss. A cache tier names itself through
/// <see cref="CacheEntry.Tier"/> on the entries it hands out (memory caches leave the default, <see cref="Memory"/>).
/// </summary>
public enum AccessTier : byte
{
    /// <summary>The memory tier.</summary>
    Memory = 0,

    /// <summary>The disk tier.</summary>
    Disk = 1,

    /// <summary>The origin store (a miss in every tier).</summary>
    Origin = 2,

    /// <summary>A shared cache reached over the network (such as Redis), below or beside the local tiers.</summary>
    Remote = 3,
}
