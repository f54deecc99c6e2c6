namespace ZarrCache.Zarr.Codecs.Blosc;

/// <summary>
/// Blosc 1 frames in managed code: decompression of every frame kind c-blosc writes, compression with every one of those compressors.
/// </summary>
/// <remarks>
/// Decoding handles memcpyed frames, split and unsplit blocks, a short last block, byte and bit shuffle, and the
/// inner compressors blosclz, lz4 and lz4hc, snappy, zlib and zstd. Every size in a frame is checked against the
/// frame's length and the caller's limit before anything is allocated for it. Encoding supports every inner
/// compressor (blosclz with a greedy managed encoder) with each shuffle, and writes frames that c-blosc reads.
/// </remarks>
public static class Blosc
{
    /// <summary>Decompresses one Blosc frame.</summary>
    /// <param name="frame">The whole frame, header included.</param>
    /// <param name="maxDecompressedSize">The most bytes the caller accepts; a frame that declares more is refused before anything is allocated.</param>
    /// <returns>The decompressed bytes.</returns>
    /// <exception cref="ZarrFormatException">The frame is malformed, truncated, hostile or uses an unknown compressor.</exception>
    public static byte[] Decompress(ReadOnlySpan<byte> frame, int maxDecompressedSize) =>
        BloscDecoder.Decompress(frame, maxDecompressedSize);

    /// <summary>Reads and checks a frame's header without decompressing it.</summary>
    /// <param name="frame">The frame, or at least its first 16 bytes and, for the checks against its length, all of it.</param>
    /// <param name="maxDecompressedSize">The most bytes the caller accepts.</param>
    /// <returns>The header.</returns>
    /// <exception cref="ZarrFormatException">The header is malformed, or its sizes do not fit the frame or the limit.</exception>
    public static BloscHeader ReadHeader(ReadOnlySpan<byte> frame, int maxDecompressedSize) =>
        BloscDecoder.Validate(frame, maxDecompressedSize);

    /// <summary>Compresses bytes into one Blosc frame that c-blosc (and so numcodecs, zarr-python and zarrita) reads.</summary>
    /// <param name="source">The bytes.</param>
    /// <param name="typeSize">The element size in bytes, for the shuffles (1 to 255).</param>
    /// <param name="compressor">The inner compressor.</param>
    /// <param name="level">The compression level, 0 (none) to 9.</param>
    /// <param name="shuffle">The shuffle.</param>
    /// <param name="blockSize">The block size in bytes; 0 chooses one as c-blosc does.</param>
    /// <returns>The frame.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is outside its range.</exception>
    public static byte[] Compress(ReadOnlySpan<byte> source, int typeSize, BloscCompressor compressor, int level, BloscShuffle shuffle, int blockSize = 0) =>
        BloscEncoder.Compress(source, typeSize, compressor, level, shuffle, blockSize);
}
