namespace ZarrCache;

/// <summary>The options of a <see cref="TieredCache"/>.</summary>
public sealed record TieredCacheOptions
{
    /// <summary>When values are written to the disk tier. Default <see cref="DiskWriteMode.WriteThrough"/>.</summary>
    public DiskWriteMode DiskWrites { get; init; } = DiskWriteMode.WriteThrough;

    /// <summary>Copy a disk hit into memory, so the next hit is a memory hit. Default true.</summary>
    public bool PromoteOnDiskHit { get; init; } = true;
}
