namespace ZarrCache;

/// <summary>The codec that compresses cached entries when <see cref="CacheConfig.EnableCompression"/> is on.</summary>
public enum CompressionCodec
{
    /// <summary>LZ4 (K4os.Compression.LZ4): fast, moderate ratio. The default.</summary>
    Lz4 = 1,

    /// <summary>Zstandard (ZstdSharp): slower, better ratio.</summary>
    Zstd = 2,
}
