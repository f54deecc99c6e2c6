namespace ZarrCache.Tests.Caching;

public class CacheConfigTests
{
    [Fact]
    public void The_defaults_are_valid()
    {
        var config = new CacheConfig();
        config.Validate();
        Assert.Equal(256L * 1024 * 1024, config.MaxMemorySize);
        Assert.Same(KeyPolicy.Default, config.KeyPolicy);
        Assert.Equal(WritePolicy.Update, config.WritePolicy);
    }

    public static TheoryData<CacheConfig, string> BadConfigs => new()
    {
        { new CacheConfig { MaxMemorySize = 0 }, nameof(CacheConfig.MaxMemorySize) },
        { new CacheConfig { MaxMemorySize = -5 }, nameof(CacheConfig.MaxMemorySize) },
        { new CacheConfig { MaxEntrySize = 0 }, nameof(CacheConfig.MaxEntrySize) },
        { new CacheConfig { MaxMemorySize = 100, MaxEntrySize = 101 }, nameof(CacheConfig.MaxEntrySize) },
        { new CacheConfig { NegativeCacheTtl = TimeSpan.Zero }, nameof(CacheConfig.NegativeCacheTtl) },
        { new CacheConfig { MaxNegativeEntries = -1 }, nameof(CacheConfig.MaxNegativeEntries) },
        { new CacheConfig { WritePolicy = (WritePolicy)42 }, nameof(CacheConfig.WritePolicy) },
        { new CacheConfig { Name = " " }, nameof(CacheConfig.Name) },
        { new CacheConfig { KeyPolicy = null! }, nameof(CacheConfig.KeyPolicy) },
        { new CacheConfig { DiskCacheDir = " " }, nameof(CacheConfig.DiskCacheDir) },
        { new CacheConfig { DiskCacheDir = "/tmp/cache", MaxDiskSize = 0 }, nameof(CacheConfig.MaxDiskSize) },
        { new CacheConfig { MaxDiskSize = 1 << 30 }, nameof(CacheConfig.MaxDiskSize) },
        { new CacheConfig { Ttl = TimeSpan.Zero }, nameof(CacheConfig.Ttl) },
        { new CacheConfig { ChunkTtl = TimeSpan.FromSeconds(-1) }, nameof(CacheConfig.ChunkTtl) },
        { new CacheConfig { MetadataTtl = TimeSpan.Zero }, nameof(CacheConfig.MetadataTtl) },
        { new CacheConfig { StaleIfError = TimeSpan.FromSeconds(-5) }, nameof(CacheConfig.StaleIfError) },
        { new CacheConfig { EnableCompression = true }, nameof(CacheConfig.EnableCompression) },
        { new CacheConfig { CompressMemoryTier = true }, nameof(CacheConfig.CompressMemoryTier) },
        { new CacheConfig { EnableCompression = true, CompressMemoryTier = true, MinCompressionSavings = 1 }, nameof(CacheConfig.MinCompressionSavings) },
        { new CacheConfig { EnableCompression = true, CompressMemoryTier = true, CompressionCodec = CompressionCodec.Zstd, CompressionLevel = 0 }, nameof(CacheConfig.CompressionLevel) },
        { new CacheConfig { CompressionCodec = (CompressionCodec)9 }, nameof(CacheConfig.CompressionCodec) },
    };

    [Theory]
    [MemberData(nameof(BadConfigs))]
    public void A_bad_value_is_rejected_with_the_field_named(CacheConfig config, string field)
    {
        var e = Assert.Throws<CacheConfigException>(config.Validate);

        Assert.Equal(field, e.FieldName);
        Assert.StartsWith(field + ":", e.Message, StringComparison.Ordinal);
    }

    public static TheoryData<CacheConfig, string> BadPrefetchConfigs => new()
    {
        { new CacheConfig { PrefetchConfig = new PrefetchConfig { NeighborChunks = 0 } }, "PrefetchConfig.NeighborChunks" },
        { new CacheConfig { PrefetchConfig = new PrefetchConfig { MaxQueueSize = 0 } }, "PrefetchConfig.MaxQueueSize" },
        { new CacheConfig { PrefetchConfig = new PrefetchConfig { MaxConcurrency = 0 } }, "PrefetchConfig.MaxConcurrency" },
        { new CacheConfig { PrefetchConfig = new PrefetchConfig { MaxUnusedFraction = 0 } }, "PrefetchConfig.MaxUnusedFraction" },
        { new CacheConfig { PrefetchConfig = new PrefetchConfig { MaxUnusedFraction = double.NaN } }, "PrefetchConfig.MaxUnusedFraction" },
        { new CacheConfig { PrefetchConfig = new PrefetchConfig { Strategy = (PrefetchStrategy)7 } }, "PrefetchConfig.Strategy" },
    };

    [Theory]
    [MemberData(nameof(BadPrefetchConfigs))]
    public void A_bad_prefetch_setting_is_rejected_with_the_field_named(CacheConfig config, string field)
    {
        var e = Assert.Throws<CacheConfigException>(config.Validate);

        Assert.Equal(field, e.FieldName);
    }

    [Fact]
    public void The_default_prefetch_config_is_accepted()
    {
        new CacheConfig { PrefetchConfig = new PrefetchConfig() }.Validate();
    }

    [Fact]
    public void The_disk_tier_ttls_and_compression_are_accepted()
    {
        new CacheConfig
        {
            DiskCacheDir = "/tmp/cache",
            MaxDiskSize = 1 << 30,
            Ttl = TimeSpan.FromMinutes(5),
            MetadataTtl = TimeSpan.FromSeconds(30),
            ChunkTtl = TimeSpan.FromHours(1),
            EnableCompression = true,
            CompressionCodec = CompressionCodec.Zstd,
            CompressionLevel = 19,
            MinCompressionSavings = 0.2,
        }.Validate();
    }

    [Fact]
    public void An_infinite_negative_ttl_is_allowed()
    {
        new CacheConfig { NegativeCacheTtl = Timeout.InfiniteTimeSpan }.Validate();
    }
}
