namespace ZarrCache.Zarr.Codecs.Blosc;

/// <summary>
/// Blosc 1 frames in managed code: decompression of every frame kind c-blosc writes, compression with LZ4 and Zstd.
/// </summary>
public static class Blosc
{
    /// <summary>Decompresses one Blosc frame.</summary>
    /// <param name="frame">The whole frame, header included.</param>
    /// <param name="maxDecompressedSize">The most bytes the caller accepts; a frame that declares more is refused before anything is allocated.</param>
    /// <returns>The decompressed bytes.</returns>
    /// <exception cref="ZarrFormatException">The frame is malformed, truncated, hostile or uses an unknown compressor.</exception>
    public static byte[] Decompress(ReadOnlySpan<byte> frame, int maxDecompressedSize)
    {
        _ = frame;
        _ = maxDecompressedSize;
        throw new NotSupportedException("Blosc decompression is being built.");
    }

    /// <summary>Compresses bytes into one Blosc frame that c-blosc (and so numcodecs, zarr-python and zarrita) reads.</summary>
    /// <param name="source">The bytes.</param>
    /// <param name="typeSize">The element size in bytes, for the shuffles (1 to 255).</param>
    /// <param name="compressor">The inner compressor.</param>
    /// <param name="level">The compression level, 0 (none) to 9.</param>
    /// <param name="shuffle">The shuffle.</param>
    /// <param name="blockSize">The block size in bytes; 0 chooses one as c-blosc does.</param>
    /// <returns>The frame.</returns>
    public static byte[] Compress(ReadOnlySpan<byte> source, int typeSize, BloscCompressor compressor, int level, BloscShuffle shuffle, int blockSize = 0)
    {
        _ = source;
        _ = (typeSize, compressor, level, shuffle, blockSize);
        throw new NotSupportedException("Blosc compression is being built.");
    }
}
