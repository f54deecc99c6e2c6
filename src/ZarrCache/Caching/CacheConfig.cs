namespace ZarrCache;

/// <summary>
/// The settings of a <see cref="CachedStore"/>: every field of the Rust crate's <c>CacheConfig</c>
/// (<see cref="MaxMemorySize"/>, <see cref="DiskCacheDir"/>, <see cref="MaxDiskSize"/>, <see cref="Ttl"/>,
/// <see cref="EnableCompression"/>, <see cref="PrefetchConfig"/>) and the options of this library.
/// </summary>
/// <remarks>
/// <see cref="Validate"/> throws a <see cref="CacheConfigException"/> naming the field at fault.
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
    /// How the memory tier that <see cref="CachedStore(IReadableStore, CacheConfig?, Microsoft.Extensions.Logging.ILogger?, TimeProvider?)"/> builds evicts: LRU or S3-FIFO.
    /// Default <see cref="EvictionPolicy.S3Fifo"/> (scan-resistant, and faster on hits; see docs/eviction.md).
    /// </summary>
    public EvictionPolicy EvictionPolicy { get; init; } = EvictionPolicy.S3Fifo;

    /// <summary>The default disk budget when <see cref="DiskCacheDir"/> is set and <see cref="MaxDiskSize"/> is not: 10 GiB.</summary>
    public const long DefaultMaxDiskSize = 10L * 1024 * 1024 * 1024;

    /// <summary>
    /// The folder of the disk tier; null for none. When set, the <see cref="CachedStore"/> constructor that takes a config
    /// builds a <see cref="TieredCache"/>: memory over a <see cref="DiskCache"/> in this folder.
    /// </summary>
    public string? DiskCacheDir { get; init; }

    /// <summary>The disk tier's byte budget (file bytes: headers and stored, possibly compressed, payloads); null for <see cref="DefaultMaxDiskSize"/>. Needs <see cref="DiskCacheDir"/>.</summary>
    public long? MaxDiskSize { get; init; }

    /// <summary>How long a cached value may be served, for every key kind without a TTL of its own; null for no expiry.</summary>
    public TimeSpan? Ttl { get; init; }

    /// <summary>The time-to-live of metadata (<c>.zarray</c>, <c>.zattrs</c>, <c>.zgroup</c>, <c>zarr.json</c>, <c>.zmetadata</c>); null for <see cref="Ttl"/>.</summary>
    public TimeSpan? MetadataTtl { get; init; }

    /// <summary>The time-to-live of chunks and shards; null for <see cref="Ttl"/>.</summary>
    public TimeSpan? ChunkTtl { get; init; }

    /// <summary>
    /// How long past its expiry an entry may still be served when the origin fails while revalidating or re-reading it
    /// (stale-if-error); null (the default) never serves an expired entry.
    /// </summary>
    public TimeSpan? StaleIfError { get; init; }

    /// <summary>
    /// Compress cached entries in the disk tier (and in the memory tier when <see cref="CompressMemoryTier"/> is
    /// set), each only when that saves at least <see cref="MinCompressionSavings"/>.
    /// </summary>
    public bool EnableCompression { get; init; }

    /// <summary>The codec of <see cref="EnableCompression"/>. Default <see cref="ZarrCache.CompressionCodec.Lz4"/>.</summary>
    public CompressionCodec CompressionCodec { get; init; } = CompressionCodec.Lz4;

    /// <summary>The codec's level (LZ4 0–12, zstd 1–22); null for the codec's default (LZ4 0, zstd 3).</summary>
    public int? CompressionLevel { get; init; }

    /// <summary>The fraction of its size an entry must shrink by to be stored compressed (0 ≤ x &lt; 1). Default 0.1.</summary>
    public double MinCompressionSavings { get; init; } = 0.1;

    /// <summary>
    /// Compress the memory tier too (with <see cref="EnableCompression"/>). Off by default: a compressed memory
    /// entry is decompressed on every hit, so such hits allocate and copy.
    /// </summary>
    public bool CompressMemoryTier { get; init; }

    /// <summary>Prefetching along the chunk grid for Zarr arrays read through the <see cref="CachedStore"/>; null (the default) for none.</summary>
    public PrefetchConfig? PrefetchConfig { get; init; }

    /// <summary>Which keys are cached, and which missing keys are remembered.</summary>
    public KeyPolicy KeyPolicy { get; init; } = KeyPolicy.Default;

    /// <summary>
    /// Sees every request of a user to the <see cref="CachedStore"/>: hits with the tier that answered, misses with the
    /// size the origin returned (docs/traces.md). A <see cref="TraceWriter"/> records an access trace;
    /// <see cref="NullAccessObserver.Instance"/> (the default) records nothing. The caller owns it (disposes a writer).
    /// </summary>
    public IAccessObserver AccessObserver { get; init; } = NullAccessObserver.Instance;

    /// <summary>
    /// How long a key remembered as missing stays so; <see cref="Timeout.InfiniteTimeSpan"/> for as long as the
    /// cache lives (writes through the <see cref="CachedStore"/> still clear it). Default 5 minutes.
    /// </summary>
    public TimeSpan NegativeCacheTtl { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How many missing keys are remembered at most; past it the oldest half are forgotten. Default 100,000.</summary>
    public int MaxNegativeEntries { get; init; } = 100_000;

    /// <summary>What a write does to the cache. Default <see cref="WritePolicy.Update"/>.</summary>
    public WritePolicy WritePolicy { get; init; } = WritePolicy.Update;

    /// <summary>
    /// A tier shared by processes (such as ZarrCache.Redis's <c>RedisTier</c>), layered below the local tiers; null (the
    /// default) for none. With it, origin misses are coordinated across processes and writes and invalidations reach
    /// the other processes' local tiers (see docs/redis.md).
    /// </summary>
    public ISharedTierFactory? SharedTier { get; init; }

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

        ValidateDisk();
        ValidateTtl(nameof(Ttl), Ttl);
        ValidateTtl(nameof(MetadataTtl), MetadataTtl);
        ValidateTtl(nameof(ChunkTtl), ChunkTtl);
        ValidateTtl(nameof(StaleIfError), StaleIfError);
        ValidateCompression();

        PrefetchConfig?.Validate();
        SharedTier?.Validate();

        if (KeyPolicy is null)
        {
            throw CacheConfigException.ForField(nameof(KeyPolicy), "must not be null.");
        }

        if (AccessObserver is null)
        {
            throw CacheConfigException.ForField(nameof(AccessObserver), "must not be null; NullAccessObserver.Instance records nothing.");
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

    private void ValidateDisk()
    {
        if (DiskCacheDir is not null && string.IsNullOrWhiteSpace(DiskCacheDir))
        {
            throw CacheConfigException.ForField(nameof(DiskCacheDir), "must not be empty; leave it null for no disk tier.");
        }

        if (MaxDiskSize is { } maxDisk)
        {
            if (maxDisk <= 0)
            {
                throw CacheConfigException.ForField(nameof(MaxDiskSize), $"must be positive, was {maxDisk}.");
            }

            if (DiskCacheDir is null)
            {
                throw CacheConfigException.ForField(nameof(MaxDiskSize), "needs DiskCacheDir: there is no disk tier without a folder.");
            }
        }
    }

    private static void ValidateTtl(string field, TimeSpan? ttl)
    {
        if (ttl is { } value && value <= TimeSpan.Zero)
        {
            throw CacheConfigException.ForField(field, $"must be positive (null for no expiry), was {value}.");
        }
    }

    private void ValidateCompression()
    {
        if (!Enum.IsDefined(CompressionCodec))
        {
            throw CacheConfigException.ForField(nameof(CompressionCodec), $"is not a known codec: {(int)CompressionCodec}.");
        }

        if (CompressionLevel is { } level)
        {
            var (min, max) = EntryCodec.LevelRange(CompressionCodec);
            if (level < min || level > max)
            {
                throw CacheConfigException.ForField(nameof(CompressionLevel), $"must be {min}..{max} for {CompressionCodec}, was {level}.");
            }
        }

        if (!(MinCompressionSavings >= 0 && MinCompressionSavings < 1))
        {
            throw CacheConfigException.ForField(nameof(MinCompressionSavings), $"must be at least 0 and below 1, was {MinCompressionSavings}.");
        }

        if (CompressMemoryTier && !EnableCompression)
        {
            throw CacheConfigException.ForField(nameof(CompressMemoryTier), "needs EnableCompression.");
        }

        if (EnableCompression && DiskCacheDir is null && !CompressMemoryTier)
        {
            throw CacheConfigException.ForField(
                nameof(EnableCompression), "has no effect without a disk tier (DiskCacheDir) or CompressMemoryTier: the memory tier is not compressed unless asked for.");
        }
    }
}
