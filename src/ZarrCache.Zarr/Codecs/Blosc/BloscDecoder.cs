using System.Buffers.Binary;
using System.Buffers;
using System.Runtime.CompilerServices;

namespace ZarrCache.Zarr.Codecs.Blosc;

/// <summary>
/// Decodes Blosc 1 frames as c-blosc 1.x does, checking every size against the frame and the caller's limit before
/// anything is allocated for it.
/// </summary>
internal static class BloscDecoder
{
    public static byte[] Decompress(ReadOnlySpan<byte> frame, int maxDecompressedSize)
    {
        var header = Validate(frame, maxDecompressedSize);
        if (header.UncompressedSize == 0)
        {
            return [];
        }

        var output = new byte[header.UncompressedSize];
        DecodeBody(header, frame, output);
        return output;
    }

    /// <summary>Decompresses a frame into exactly <paramref name="destination"/>, on this thread.</summary>
    /// <exception cref="ZarrFormatException">The frame is malformed or does not decompress to exactly <c>destination.Length</c> bytes.</exception>
    public static void DecompressInto(ReadOnlySpan<byte> frame, Span<byte> destination)
    {
        var header = ValidateExact(frame, destination.Length);
        DecodeBody(header, frame, destination);
    }

    /// <summary>Validates a frame that must decompress to exactly <paramref name="size"/> bytes.</summary>
    internal static BloscHeader ValidateExact(ReadOnlySpan<byte> frame, int size)
    {
        var header = Validate(frame, size);
        return header.UncompressedSize != size
            ? throw new ZarrFormatException($"Blosc frame declares {header.UncompressedSize} uncompressed bytes; the chunk needs {size}.")
            : header;
    }

    /// <summary>Decodes a validated frame's data into <paramref name="output"/>, exactly <c>header.UncompressedSize</c> bytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void DecodeBody(BloscHeader header, ReadOnlySpan<byte> frame, Span<byte> output)
    {
        var nbytes = header.UncompressedSize;
        if (nbytes == 0)
        {
            return;
        }

        if (header.IsMemcpyed)
        {
            frame.Slice(BloscHeader.Length, nbytes).CopyTo(output);
            return;
        }

        var body = frame[..header.CompressedSize];
        var scratch = RentScratch(header);
        try
        {
            for (var j = 0; j < header.BlockCount; j++)
            {
                DecodeBlockAt(header, body, j, output.Slice((int)((long)j * header.BlockSize), BlockLength(header, j)), scratch);
            }
        }
        finally
        {
            if (scratch is not null)
            {
                ArrayPool<byte>.Shared.Return(scratch);
            }
        }
    }

    /// <summary>The number of bytes block <paramref name="block"/> decodes to (the last may be short).</summary>
    internal static int BlockLength(BloscHeader header, int block) =>
        (int)Math.Min(header.BlockSize, header.UncompressedSize - ((long)block * header.BlockSize));

    /// <summary>A scratch buffer for one block when the frame is shuffled (returned to the shared pool by the caller), else null.</summary>
    internal static byte[]? RentScratch(BloscHeader header) =>
        ActiveShuffle(header) == BloscShuffle.NoShuffle ? null : ArrayPool<byte>.Shared.Rent(Math.Min(header.BlockSize, header.UncompressedSize));

    /// <summary>Decodes block <paramref name="block"/> of a validated, compressed frame into <paramref name="destination"/> (its exact length).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void DecodeBlockAt(BloscHeader header, ReadOnlySpan<byte> body, int block, Span<byte> destination, byte[]? scratch)
    {
        var target = scratch is null ? destination : scratch.AsSpan(0, destination.Length);
        DecodeShuffledBlockAt(header, body, block, target);
        var shuffle = ActiveShuffle(header);
        if (shuffle == BloscShuffle.Shuffle)
        {
            ByteShuffle.Unshuffle(header.TypeSize, target, destination);
        }
        else if (shuffle == BloscShuffle.BitShuffle)
        {
            BitShuffle.Unshuffle(header.TypeSize, target, destination);
        }
    }

    /// <summary>
    /// Decompresses block <paramref name="block"/> of a validated, compressed frame into <paramref name="target"/> (its
    /// exact length) as it was stored: still shuffled when the frame is.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void DecodeShuffledBlockAt(BloscHeader header, ReadOnlySpan<byte> body, int block, Span<byte> target)
    {
        var bstartsEnd = BloscHeader.Length + (4 * header.BlockCount);
        var start = BinaryPrimitives.ReadInt32LittleEndian(body[(BloscHeader.Length + (4 * block))..]);
        if (start < bstartsEnd || start >= body.Length)
        {
            throw new ZarrFormatException($"Blosc block {block} starts at {start}, outside the frame's data ({bstartsEnd} to {body.Length}).");
        }

        DecodeBlock(header, block, target.Length < header.BlockSize, body[start..], target);
    }

    /// <summary>Reads the header and checks that its sizes fit the frame and the limit.</summary>
    internal static BloscHeader Validate(ReadOnlySpan<byte> frame, int maxDecompressedSize)
    {
        var h = BloscHeader.Read(frame);
        if (h.Version is 0 or > BloscFlags.FormatVersion)
        {
            throw new ZarrFormatException($"Blosc frame has format version {h.Version}; this reader handles the Blosc 1 versions 1 and 2.");
        }

        if ((h.Flags & (BloscFlags.Shuffle | BloscFlags.BitShuffle)) == (BloscFlags.Shuffle | BloscFlags.BitShuffle))
        {
            throw new ZarrFormatException("Blosc frame flags set both shuffle and bit shuffle (a Blosc 2 extended header), which Blosc 1 never writes.");
        }

        if (h.TypeSize == 0)
        {
            throw new ZarrFormatException("Blosc frame declares a type size of 0.");
        }

        if (h.UncompressedSize < 0)
        {
            throw new ZarrFormatException($"Blosc frame declares a negative uncompressed size ({h.UncompressedSize}).");
        }

        if (h.UncompressedSize > maxDecompressedSize)
        {
            throw new ZarrFormatException(
                $"Blosc frame declares {h.UncompressedSize} uncompressed bytes, more than the {maxDecompressedSize} this chunk can hold.");
        }

        if (h.CompressedSize < BloscHeader.Length || h.CompressedSize > frame.Length)
        {
            throw new ZarrFormatException(
                $"Blosc frame declares {h.CompressedSize} compressed bytes but is {frame.Length} bytes long.");
        }

        if (h.UncompressedSize == 0)
        {
            return h;
        }

        if (h.IsMemcpyed)
        {
            if (h.CompressedSize != (long)h.UncompressedSize + BloscHeader.Length)
            {
                throw new ZarrFormatException(
                    $"Blosc memcpyed frame declares {h.CompressedSize} compressed bytes for {h.UncompressedSize} uncompressed ones; they must differ by the 16-byte header.");
            }

            return h;
        }

        if (h.BlockSize <= 0)
        {
            throw new ZarrFormatException($"Blosc frame declares a block size of {h.BlockSize}.");
        }

        if (BloscHeader.Length + (4L * h.BlockCount) > h.CompressedSize)
        {
            throw new ZarrFormatException(
                $"Blosc frame declares {h.BlockCount} blocks, whose start table alone does not fit its {h.CompressedSize} bytes.");
        }

        return h;
    }

    /// <summary>The shuffle a frame's blocks were stored with (none for 1-byte elements under byte shuffle).</summary>
    internal static BloscShuffle ActiveShuffle(BloscHeader header)
    {
        if ((header.Flags & BloscFlags.Shuffle) != 0)
        {
            return header.TypeSize > 1 ? BloscShuffle.Shuffle : BloscShuffle.NoShuffle;
        }

        return (header.Flags & BloscFlags.BitShuffle) != 0 ? BloscShuffle.BitShuffle : BloscShuffle.NoShuffle;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void DecodeBlock(BloscHeader header, int block, bool leftover, ReadOnlySpan<byte> source, Span<byte> target)
    {
        var splits = BloscFlags.SplitCount(header.DontSplit, header.TypeSize, target.Length, leftover);
        if (target.Length % splits != 0)
        {
            throw new ZarrFormatException(
                $"Blosc block {block} of {target.Length} bytes cannot be split into {splits} streams (the block size is not a multiple of the type size).");
        }

        var splitSize = target.Length / splits;
        var position = 0;
        for (var s = 0; s < splits; s++)
        {
            if (source.Length - position < 4)
            {
                throw new ZarrFormatException($"Blosc block {block} is truncated before the size of stream {s}.");
            }

            var csize = BinaryPrimitives.ReadInt32LittleEndian(source[position..]);
            position += 4;
            if (csize <= 0 || csize > source.Length - position)
            {
                throw new ZarrFormatException(
                    $"Blosc block {block} stream {s} declares {csize} compressed bytes; {source.Length - position} remain in the frame.");
            }

            var stream = source.Slice(position, csize);
            var destination = target.Slice(s * splitSize, splitSize);
            if (csize == splitSize)
            {
                stream.CopyTo(destination);
            }
            else
            {
                BloscInnerDecoder.Decode(header.CompressorFormat, stream, destination);
            }

            position += csize;
        }
    }
}
