using System.Buffers;
using System.Buffers.Binary;

namespace ZarrCache.Zarr.Codecs.Blosc;

/// <summary>
/// Writes Blosc 1 frames as c-blosc 1.x does: a block start table, blocks split into one stream per byte of the
/// element where c-blosc splits, streams that do not shrink stored raw, and a memcpyed frame when the level is 0,
/// the input is under 128 bytes, or compression would not fit in the input size plus the header.
/// </summary>
internal static class BloscEncoder
{
    /// <summary>The largest input c-blosc 1.x accepts (<c>BLOSC_MAX_BUFFERSIZE</c>).</summary>
    public const int MaxBufferSize = int.MaxValue - BloscHeader.Length;

    public static byte[] Compress(ReadOnlySpan<byte> source, int typeSize, BloscCompressor compressor, int level, BloscShuffle shuffle, int blockSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(typeSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(typeSize, 255);
        ArgumentOutOfRangeException.ThrowIfNegative(level);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(level, 9);
        ArgumentOutOfRangeException.ThrowIfNegative(blockSize);
        if (!Enum.IsDefined(shuffle))
        {
            throw new ArgumentOutOfRangeException(nameof(shuffle), shuffle, "Unknown Blosc shuffle.");
        }

        if (source.Length > MaxBufferSize)
        {
            throw new ArgumentException($"Blosc compresses at most {MaxBufferSize} bytes at once.", nameof(source));
        }

        var format = BloscFlags.FormatOf(compressor);
        var nbytes = source.Length;
        var block = BloscBlockSize.Compute(compressor, level, typeSize, nbytes, blockSize);
        var split = BloscBlockSize.Splits(compressor, typeSize, block);
        var flags = (byte)(format << 5);
        flags |= shuffle switch
        {
            BloscShuffle.Shuffle => BloscFlags.Shuffle,
            BloscShuffle.BitShuffle => BloscFlags.BitShuffle,
            _ => 0,
        };
        if (!split)
        {
            flags |= BloscFlags.DontSplit;
        }

        var header = new BloscHeader(BloscFlags.FormatVersion, BloscFlags.InnerFormatVersion, flags, typeSize, nbytes, block, 0);
        if (level > 0 && nbytes >= BloscFlags.MinBufferSize)
        {
            using var encoder = new BloscInnerEncoder(compressor, level);
            var frame = TryCompressBlocks(source, header, encoder);
            if (frame is not null)
            {
                return frame;
            }
        }

        return Memcpyed(source, header);
    }

    private static byte[] Memcpyed(ReadOnlySpan<byte> source, BloscHeader header)
    {
        var frame = new byte[source.Length + BloscHeader.Length];
        (header with { Flags = (byte)(header.Flags | BloscFlags.Memcpyed), CompressedSize = frame.Length }).Write(frame);
        source.CopyTo(frame.AsSpan(BloscHeader.Length));
        return frame;
    }

    private static byte[]? TryCompressBlocks(ReadOnlySpan<byte> source, BloscHeader header, BloscInnerEncoder encoder)
    {
        var nbytes = header.UncompressedSize;
        var blockCount = header.BlockCount;
        var maxBytes = nbytes + BloscHeader.Length;
        var position = BloscHeader.Length + (4 * blockCount);
        if (position > maxBytes)
        {
            return null;
        }

        var output = ArrayPool<byte>.Shared.Rent(maxBytes);
        var shuffled = ArrayPool<byte>.Shared.Rent(header.BlockSize);
        var compressed = ArrayPool<byte>.Shared.Rent(encoder.MaxOutputLength(header.BlockSize));
        try
        {
            for (var j = 0; j < blockCount; j++)
            {
                BinaryPrimitives.WriteInt32LittleEndian(output.AsSpan(BloscHeader.Length + (4 * j)), position);
                var offset = j * header.BlockSize;
                var size = Math.Min(header.BlockSize, nbytes - offset);
                var block = Shuffle(header, source.Slice(offset, size), shuffled.AsSpan(0, size));
                var splits = BloscFlags.SplitCount(header.DontSplit, header.TypeSize, size, size < header.BlockSize);
                var splitSize = size / splits;
                for (var s = 0; s < splits; s++)
                {
                    var part = block.Slice(s * splitSize, splitSize);
                    var written = encoder.Encode(part, compressed);
                    var raw = written <= 0 || written >= splitSize;
                    var length = raw ? splitSize : written;
                    if (position + 4 + length > maxBytes)
                    {
                        return null;
                    }

                    BinaryPrimitives.WriteInt32LittleEndian(output.AsSpan(position), length);
                    (raw ? part : compressed.AsSpan(0, written)).CopyTo(output.AsSpan(position + 4));
                    position += 4 + length;
                }
            }

            (header with { CompressedSize = position }).Write(output);
            return output.AsSpan(0, position).ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(compressed);
            ArrayPool<byte>.Shared.Return(shuffled);
            ArrayPool<byte>.Shared.Return(output);
        }
    }

    private static ReadOnlySpan<byte> Shuffle(BloscHeader header, ReadOnlySpan<byte> block, Span<byte> scratch)
    {
        switch (header.Shuffle)
        {
            case BloscShuffle.Shuffle when header.TypeSize > 1:
                ByteShuffle.Shuffle(header.TypeSize, block, scratch);
                return scratch;
            case BloscShuffle.BitShuffle:
                BitShuffle.Shuffle(header.TypeSize, block, scratch);
                return scratch;
            default:
                return block;
        }
    }
}
