namespace ZarrCache;

/// <summary>
/// Builds the tiers a <see cref="CacheConfig"/> describes: memory (S3-FIFO or LRU, compressed if asked), and a
/// <see cref="DiskCache"/> when <see cref="CacheConfig.DiskCacheDir"/> is set. Hosts that add tiers of their own (an
/// <c>IDistributedCache</c>, a shared tier) build the local ones here and layer theirs below with <see cref="TieredCache"/>.
/// </summary>
public static class CacheFactory
{
    /// <summary>The cache the config describes: the memory tier, over the disk tier (a <see cref="TieredCache"/>) when there is one.</summary>
    /// <param name="config">The settings; validated here.</param>
    /// <param name="timeProvider">The disk tier's clock; null for the system clock.</param>
    /// <returns>The cache.</returns>
    /// <exception cref="CacheConfigException">The config has a bad or unsupported field.</exception>
    public static ICache Create(CacheConfig config, TimeProvider? timeProvider = null)
    {
        var memory = CreateMemoryTier(config);
        return CreateDiskTier(config, timeProvider) is { } disk ? new TieredCache(memory, disk) : memory;
    }

    /// <summary>The memory tier the config describes.</summary>
    /// <param name="config">The settings; validated here.</param>
    /// <returns>The memory tier (an <see cref="IExpiringCache"/> that reports evictions).</returns>
    /// <exception cref="CacheConfigException">The config has a bad or unsupported field.</exception>
    public static ICache CreateMemoryTier(CacheConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        var maxEntry = config.MaxEntrySize ?? config.MaxMemorySize;
        IMemoryTier plain = config.EvictionPolicy == EvictionPolicy.S3Fifo
            ? new S3FifoMemoryCache(config.MaxMemorySize, maxEntry)
            : new LruMemoryCache(config.MaxMemorySize, maxEntry);
        var codec = EntryCodec.FromConfig(config);
        return config.CompressMemoryTier && codec is not null ? new CompressedMemoryCache(plain, codec, maxEntry) : (ICache)plain;
    }

    /// <summary>The disk tier the config describes, or null when <see cref="CacheConfig.DiskCacheDir"/> is not set.</summary>
    /// <param name="config">The settings; validated here.</param>
    /// <param name="timeProvider">The disk tier's clock; null for the system clock.</param>
    /// <returns>The disk tier, or null.</returns>
    /// <exception cref="CacheConfigException">The config has a bad or unsupported field.</exception>
    public static DiskCache? CreateDiskTier(CacheConfig config, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        if (config.DiskCacheDir is not { } directory)
        {
            return null;
        }

        var codec = EntryCodec.FromConfig(config);
        return new DiskCache(directory, config.MaxDiskSize ?? CacheConfig.DefaultMaxDiskSize, new DiskCacheOptions
        {
            Compression = codec?.Codec,
            CompressionLevel = config.CompressionLevel,
            MinCompressionSavings = config.MinCompressionSavings,
            TimeProvider = timeProvider,
        });
    }
}
