using System.Buffers;
using System.IO.Compression;
using Snappier;
using ZstdSharp;

namespace ZarrCache.Zarr.Codecs.Blosc;

/// <summary>Decodes one compressed split of a Blosc block with the frame's inner compressor, into exactly the bytes expected.</summary>
internal static class BloscInnerDecoder
{
    [ThreadStatic]
    private static Decompressor? t_zstd;

    /// <summary>Decodes <paramref name="source"/> into all of <paramref name="destination"/>.</summary>
    /// <exception cref="ZarrFormatException">The stream is malformed or does not decode to exactly <c>destination.Length</c> bytes.</exception>
    public static void Decode(int format, ReadOnlySpan<byte> source, Span<byte> destination)
    {
        int written;
        try
        {
            written = format switch
            {
                BloscFlags.FormatBloscLz => BloscLzDecoder.Decompress(source, destination),
                BloscFlags.FormatLz4 => Lz4Block.Decode(source, destination),
                BloscFlags.FormatSnappy => DecodeSnappy(source, destination),
                BloscFlags.FormatZlib => DecodeZlib(source, destination),
                BloscFlags.FormatZstd => DecodeZstd(source, destination),
                _ => throw new ZarrFormatException($"Blosc frame uses compressor format {format}, which is not one of blosclz, lz4, snappy, zlib, zstd."),
            };
        }
        catch (ZarrFormatException)
        {
            throw;
        }
#pragma warning disable CA1031 // Any failure of a third-party decoder on hostile bytes is a format error.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            throw new ZarrFormatException($"Blosc {BloscFlags.FormatName(format)} stream is corrupt: {ex.Message}", ex);
        }

        if (written != destination.Length)
        {
            throw new ZarrFormatException(
                $"Blosc {BloscFlags.FormatName(format)} stream of {source.Length} bytes is corrupt: it decodes to {(written < 0 ? "nothing valid" : written + " bytes")}, the block needs {destination.Length}.");
        }
    }

    private static int DecodeSnappy(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        var declared = Snappy.GetUncompressedLength(source);
        if (declared != destination.Length)
        {
            return declared;
        }

        return Snappy.Decompress(source, destination);
    }

    private static int DecodeZstd(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        var decompressor = t_zstd ??= new Decompressor();
        return decompressor.Unwrap(source, destination);
    }

    private static int DecodeZlib(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        var copy = ArrayPool<byte>.Shared.Rent(source.Length);
        try
        {
            source.CopyTo(copy);
            using var input = new MemoryStream(copy, 0, source.Length, writable: false);
            using var zlib = new ZLibStream(input, CompressionMode.Decompress);
            var written = zlib.ReadAtLeast(destination, destination.Length, throwOnEndOfStream: false);
            Span<byte> extra = stackalloc byte[1];
            return written == destination.Length && zlib.Read(extra) != 0 ? written + 1 : written;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(copy);
        }
    }
}
