namespace ZarrCache;

/// <summary>When a <see cref="TieredCache"/> writes values to its disk tier.</summary>
public enum DiskWriteMode
{
    /// <summary>
    /// Every value cached goes to memory and to disk at once: the disk tier holds everything, survives a restart
    /// warm, and memory evictions need no write. The default.
    /// </summary>
    WriteThrough = 0,

    /// <summary>
    /// Values go to memory only and are written to disk when memory evicts them (demotion), or at once when too large
    /// for memory. Fewer disk writes; values still only in memory when the process ends are not on disk.
    /// </summary>
    OnEviction = 1,
}
