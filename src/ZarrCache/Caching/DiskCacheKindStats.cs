namespace ZarrCache;

/// <summary>The entries and bytes of one key kind in a disk cache folder.</summary>
/// <param name="Entries">Entry files.</param>
/// <param name="Bytes">Their bytes (whole files).</param>
public readonly record struct DiskCacheKindStats(long Entries, long Bytes);
