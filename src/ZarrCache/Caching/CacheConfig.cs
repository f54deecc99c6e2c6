namespace ZarrCache;

/// <summary>
/// The settings of a <see cref="CachedStore"/>: every field of the Rust crate's <c>CacheConfig</c>
/// (<see cref="MaxMemorySize"/>, <see cref="DiskCacheDir"/>, <see cref="MaxDiskSize"/>, <see cref="Ttl"/>,
/// <see cref="EnableCompression"/>, <see cref="PrefetchConfig"/>) and the options of this library.
/// </summary>
/// <remarks>
/// <see cref="Validate"/> throws a <see cref="CacheConfigException"/> naming the field at fault. A field whose
/// feature is not built yet (disk tier, time-to-live, compression, prefetching) is refused when set, never ignored.
/// </remarks>
public sealed record CacheConfig
{
    /// <summary>The default memory budget: 256 MiB.</summary>
    public const long DefaultMaxMemorySize = 256L * 1024 * 1024;

    /// <summary>The memory tier's byte budget. Default 256 MiB.</summary>
    public long MaxMemorySize { get; init; } = DefaultMaxMemorySize;

    /// <summary>The largest single value the memory tier caches; null means the whole budget.</summary>
    public long? MaxEntrySize { get; init; }

    /// <summary>
    /// How the memory tier that <see cref="CachedStore(IReadableStore, CacheConfig?)"/> builds evicts: LRU or S3-FIFO.
    /// Default <see cref="EvictionPolicy.S3Fifo"/> (scan-resistant, and faster on hits; see docs/eviction.md).
    /// </summary>
    public EvictionPolicy EvictionPolicy { get; init; } = EvictionPolicy.S3Fifo;

    /// <summary>The folder of the disk tier; null for none. Not supported yet.</summary>
    public string? DiskCacheDir { get; init; }

    /// <summary>The disk tier's byte budget. Not supported yet.</summary>
    public long? MaxDiskSize { get; init; }

    /// <summary>How long a cached value may be served; null for no expiry. Not supported yet.</summary>
    public TimeSpan? Ttl { get; init; }

    /// <summary>Compress cached entries. Not supported yet.</summary>
    public bool EnableCompression { get; init; }

    /// <summary>Prefetching along the chunk grid; null for none. Not supported yet.</summary>
    public PrefetchConfig? PrefetchConfig { get; init; }

    /// <summary>Which keys are cached, and which missing keys are remembered.</summary>
    public KeyPolicy KeyPolicy { get; init; } = KeyPolicy.Default;

    /// <summary>
    /// How long a key remembered as missing stays so; <see cref="Timeout.InfiniteTimeSpan"/> for as long as the
    /// cache lives (writes through the <see cref="CachedStore"/> still clear it). Default 5 minutes.
    /// </summary>
    public TimeSpan NegativeCacheTtl { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How many missing keys are remembered at most; past it the oldest half are forgotten. Default 100,000.</summary>
    public int MaxNegativeEntries { get; init; } = 100_000;

    /// <summary>What a write does to the cache. Default <see cref="WritePolicy.Update"/>.</summary>
    public WritePolicy WritePolicy { get; init; } = WritePolicy.Update;

    /// <summary>A name for this cache in metrics (the <c>zarrcache.cache</c> tag). Default <c>default</c>.</summary>
    public string Name { get; init; } = "default";

    /// <summary>Checks every field.</summary>
    /// <exception cref="CacheConfigException">A field has a bad or unsupported value; the message names it.</exception>
    public void Validate()
    {
        if (MaxMemorySize <= 0)
        {
            throw CacheConfigException.ForField(nameof(MaxMemorySize), $"must be positive, was {MaxMemorySize}.");
        }

        if (MaxEntrySize is { } maxEntry && (maxEntry <= 0 || maxEntry > MaxMemorySize))
        {
            throw CacheConfigException.ForField(nameof(MaxEntrySize), $"must be positive and at most MaxMemorySize ({MaxMemorySize}), was {maxEntry}.");
        }

        if (!Enum.IsDefined(EvictionPolicy))
        {
            throw CacheConfigException.ForField(nameof(EvictionPolicy), $"is not a known policy: {(int)EvictionPolicy}.");
        }

        if (DiskCacheDir is not null)
        {
            throw NotYet(nameof(DiskCacheDir), "the disk tier");
        }

        if (MaxDiskSize is not null)
        {
            throw NotYet(nameof(MaxDiskSize), "the disk tier");
        }

        if (Ttl is not null)
        {
            throw NotYet(nameof(Ttl), "time-to-live");
        }

        if (EnableCompression)
        {
            throw NotYet(nameof(EnableCompression), "compression of cached entries");
        }

        if (PrefetchConfig is not null)
        {
            throw NotYet(nameof(PrefetchConfig), "prefetching");
        }

        if (KeyPolicy is null)
        {
            throw CacheConfigException.ForField(nameof(KeyPolicy), "must not be null.");
        }

        if (NegativeCacheTtl <= TimeSpan.Zero && NegativeCacheTtl != Timeout.InfiniteTimeSpan)
        {
            throw CacheConfigException.ForField(nameof(NegativeCacheTtl), $"must be positive or Timeout.InfiniteTimeSpan, was {NegativeCacheTtl}.");
        }

        if (MaxNegativeEntries < 0)
        {
            throw CacheConfigException.ForField(nameof(MaxNegativeEntries), $"must not be negative, was {MaxNegativeEntries}.");
        }

        if (!Enum.IsDefined(WritePolicy))
        {
            throw CacheConfigException.ForField(nameof(WritePolicy), $"is not a known policy: {(int)WritePolicy}.");
        }

        if (string.IsNullOrWhiteSpace(Name))
        {
            throw CacheConfigException.ForField(nameof(Name), "must not be empty.");
        }
    }

    private static CacheConfigException NotYet(string field, string feature) =>
        CacheConfigException.ForField(field, $"{feature} is not supported yet in this version of ZarrCache; leave it unset.");
}
