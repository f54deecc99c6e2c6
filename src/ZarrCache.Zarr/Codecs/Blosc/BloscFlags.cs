namespace ZarrCache.Zarr.Codecs.Blosc;

/// <summary>The bits of a Blosc 1 header's flags byte, and the format constants c-blosc 1.x uses.</summary>
internal static class BloscFlags
{
    public const byte Shuffle = 0x01;
    public const byte Memcpyed = 0x02;
    public const byte BitShuffle = 0x04;
    public const byte DontSplit = 0x10;

    /// <summary>The format version c-blosc 1.x writes.</summary>
    public const byte FormatVersion = 2;

    /// <summary>The inner format version c-blosc 1.x writes for every compressor.</summary>
    public const byte InnerFormatVersion = 1;

    /// <summary>At most this many splits (one per byte of the element) in a block.</summary>
    public const int MaxSplits = 16;

    /// <summary>A block is split only when each split holds at least this many bytes; smaller buffers are memcpyed.</summary>
    public const int MinBufferSize = 128;

    public const int FormatBloscLz = 0;
    public const int FormatLz4 = 1;
    public const int FormatSnappy = 2;
    public const int FormatZlib = 3;
    public const int FormatZstd = 4;

    /// <summary>The number of splits c-blosc decodes a block as (the decoder's rule, kept for frames written before the split flag).</summary>
    public static int SplitCount(bool dontSplit, int typeSize, int blockSize, bool leftoverBlock) =>
        !dontSplit && typeSize <= MaxSplits && blockSize / typeSize >= MinBufferSize && !leftoverBlock ? typeSize : 1;

    public static int FormatOf(BloscCompressor compressor) => compressor switch
    {
        BloscCompressor.BloscLz => FormatBloscLz,
        BloscCompressor.Lz4 or BloscCompressor.Lz4Hc => FormatLz4,
        BloscCompressor.Snappy => FormatSnappy,
        BloscCompressor.Zlib => FormatZlib,
        BloscCompressor.Zstd => FormatZstd,
        _ => throw new ArgumentOutOfRangeException(nameof(compressor), compressor, "Unknown Blosc compressor."),
    };

    public static string FormatName(int format) => format switch
    {
        FormatBloscLz => "blosclz",
        FormatLz4 => "lz4",
        FormatSnappy => "snappy",
        FormatZlib => "zlib",
        FormatZstd => "zstd",
        _ => $"unknown ({format})",
    };
}
