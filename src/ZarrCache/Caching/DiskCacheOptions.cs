namespace ZarrCache;

/// <summary>The options of a <see cref="DiskCache"/> beyond its folder and byte budget.</summary>
public sealed record DiskCacheOptions
{
    /// <summary>Compress entries with this codec (each only when that saves at least <see cref="MinCompressionSavings"/>); null for none.</summary>
    public CompressionCodec? Compression { get; init; }

    /// <summary>The codec's level (LZ4 0–12, zstd 1–22); null for its default.</summary>
    public int? CompressionLevel { get; init; }

    /// <summary>The fraction an entry must shrink by to be stored compressed (0 ≤ x &lt; 1). Default 0.1.</summary>
    public double MinCompressionSavings { get; init; } = 0.1;

    /// <summary>
    /// Flush each entry file to the device (fsync) before renaming it into place. Off by default: a killed process
    /// cannot tear an entry either way, and an entry torn by a power loss fails its checksum and is read again from
    /// the origin; turn it on to keep entries across power loss at the cost of a device flush per write.
    /// </summary>
    public bool FlushToDisk { get; init; }

    /// <summary>The largest value cached (before compression); null for the whole budget.</summary>
    public long? MaxEntrySize { get; init; }

    /// <summary>
    /// How often, at most, a hit updates its file's modification time, which orders eviction across processes and
    /// restarts (within one process the order is exact LRU regardless). Default one minute.
    /// </summary>
    public TimeSpan AccessTimeResolution { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>The clock for access times; null for the system clock.</summary>
    public TimeProvider? TimeProvider { get; init; }
}
