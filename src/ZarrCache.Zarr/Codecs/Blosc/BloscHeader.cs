using System.Buffers.Binary;

namespace ZarrCache.Zarr.Codecs.Blosc;

/// <summary>The 16-byte header at the start of every Blosc 1 frame.</summary>
/// <param name="Version">The Blosc format version (1 or 2 for frames c-blosc 1.x writes).</param>
/// <param name="VersionLz">The inner compressor's format version.</param>
/// <param name="Flags">The flags byte: shuffle (0x01), memcpyed (0x02), bit shuffle (0x04), do not split (0x10), compressor format in bits 5 to 7.</param>
/// <param name="TypeSize">The element size in bytes the shuffles work on.</param>
/// <param name="UncompressedSize">The number of bytes the frame decompresses to.</param>
/// <param name="BlockSize">The number of uncompressed bytes in each block (the last may be shorter).</param>
/// <param name="CompressedSize">The number of bytes in the frame, header included.</param>
public readonly record struct BloscHeader(
    byte Version,
    byte VersionLz,
    byte Flags,
    int TypeSize,
    int UncompressedSize,
    int BlockSize,
    int CompressedSize)
{
    /// <summary>The header length in bytes.</summary>
    public const int Length = 16;

    /// <summary>Gets a value indicating whether the data follows the header uncompressed (flag 0x02).</summary>
    public bool IsMemcpyed => (Flags & BloscFlags.Memcpyed) != 0;

    /// <summary>Gets a value indicating whether blocks are stored unsplit even where c-blosc would split them (flag 0x10).</summary>
    public bool DontSplit => (Flags & BloscFlags.DontSplit) != 0;

    /// <summary>Gets the shuffle the frame declares.</summary>
    public BloscShuffle Shuffle => (Flags & BloscFlags.Shuffle) != 0
        ? BloscShuffle.Shuffle
        : (Flags & BloscFlags.BitShuffle) != 0 ? BloscShuffle.BitShuffle : BloscShuffle.NoShuffle;

    /// <summary>Gets the inner compressor's format code (0 blosclz, 1 lz4 and lz4hc, 2 snappy, 3 zlib, 4 zstd).</summary>
    public int CompressorFormat => (Flags >> 5) & 0x7;

    /// <summary>Gets the number of blocks, the last one possibly shorter.</summary>
    public int BlockCount => UncompressedSize == 0 || BlockSize <= 0
        ? 0
        : (UncompressedSize / BlockSize) + (UncompressedSize % BlockSize == 0 ? 0 : 1);

    /// <summary>Reads the header at the start of a frame, without validating its fields against each other.</summary>
    /// <param name="frame">The frame, at least 16 bytes.</param>
    /// <returns>The header.</returns>
    /// <exception cref="ZarrFormatException">The frame is shorter than a header.</exception>
    public static BloscHeader Read(ReadOnlySpan<byte> frame)
    {
        if (frame.Length < Length)
        {
            throw new ZarrFormatException($"Blosc frame is {frame.Length} bytes, shorter than its 16-byte header.");
        }

        return new BloscHeader(
            frame[0],
            frame[1],
            frame[2],
            frame[3],
            BinaryPrimitives.ReadInt32LittleEndian(frame[4..]),
            BinaryPrimitives.ReadInt32LittleEndian(frame[8..]),
            BinaryPrimitives.ReadInt32LittleEndian(frame[12..]));
    }

    /// <summary>Writes the header into the first 16 bytes of <paramref name="destination"/>.</summary>
    /// <param name="destination">At least 16 bytes.</param>
    public void Write(Span<byte> destination)
    {
        destination[0] = Version;
        destination[1] = VersionLz;
        destination[2] = Flags;
        destination[3] = checked((byte)TypeSize);
        BinaryPrimitives.WriteInt32LittleEndian(destination[4..], UncompressedSize);
        BinaryPrimitives.WriteInt32LittleEndian(destination[8..], BlockSize);
        BinaryPrimitives.WriteInt32LittleEndian(destination[12..], CompressedSize);
    }
}
