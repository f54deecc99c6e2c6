namespace ZarrCache;

/// <summary>Builds the cache a <see cref="CacheConfig"/> describes: memory (S3-FIFO or LRU, compressed if asked), over disk when set.</summary>
internal static class CacheFactory
{
    public static ICache Create(CacheConfig config, TimeProvider? timeProvider)
    {
        config.Validate();
        var maxEntry = config.MaxEntrySize ?? config.MaxMemorySize;
        IMemoryTier plain = config.EvictionPolicy == EvictionPolicy.S3Fifo
            ? new S3FifoMemoryCache(config.MaxMemorySize, maxEntry)
            : new LruMemoryCache(config.MaxMemorySize, maxEntry);
        var codec = EntryCodec.FromConfig(config);
        ICache memory = config.CompressMemoryTier && codec is not null ? new CompressedMemoryCache(plain, codec, maxEntry) : plain;
        if (config.DiskCacheDir is not { } directory)
        {
            return memory;
        }

        var disk = new DiskCache(directory, config.MaxDiskSize ?? CacheConfig.DefaultMaxDiskSize, new DiskCacheOptions
        {
            Compression = codec?.Codec,
            CompressionLevel = config.CompressionLevel,
            MinCompressionSavings = config.MinCompressionSavings,
            TimeProvider = timeProvider,
        });
        return new TieredCache(memory, disk);
    }
}
