namespace ZarrCache.Zarr.Codecs.Blosc;

/// <summary>The compressor inside a Blosc frame; the values are Blosc's own format codes' names.</summary>
public enum BloscCompressor
{
    /// <summary>BloscLZ (<c>blosclz</c>).</summary>
    BloscLz = 0,

    /// <summary>LZ4 (<c>lz4</c>).</summary>
    Lz4 = 1,

    /// <summary>LZ4 high compression (<c>lz4hc</c>); decodes as LZ4.</summary>
    Lz4Hc = 2,

    /// <summary>Snappy (<c>snappy</c>).</summary>
    Snappy = 3,

    /// <summary>zlib (<c>zlib</c>).</summary>
    Zlib = 4,

    /// <summary>Zstandard (<c>zstd</c>).</summary>
    Zstd = 5,
}
