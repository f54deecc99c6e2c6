using System.IO.Compression;
using K4os.Compression.LZ4;
using Snappier;
using ZstdSharp;

namespace ZarrCache.Zarr.Codecs.Blosc;

/// <summary>Compresses one split of a Blosc block with the inner compressor, at the level c-blosc would use.</summary>
internal sealed class BloscInnerEncoder : IDisposable
{
    private readonly BloscCompressor _compressor;
    private readonly int _level;
    private Compressor? _zstd;

    public BloscInnerEncoder(BloscCompressor compressor, int level)
    {
        _ = BloscFlags.FormatOf(compressor);
        _compressor = compressor;
        _level = level;
    }

    /// <summary>The most bytes <see cref="Encode"/> writes for <paramref name="length"/> input bytes.</summary>
    public int MaxOutputLength(int length) => _compressor switch
    {
        BloscCompressor.Lz4 or BloscCompressor.Lz4Hc => LZ4Codec.MaximumOutputSize(length),
        BloscCompressor.Snappy => Snappy.GetMaxCompressedLength(length),
        BloscCompressor.Zstd => Compressor.GetCompressBound(length),
        BloscCompressor.BloscLz => length + (length / 32) + 16,
        _ => length + (length / 1000) + 64,
    };

    /// <summary>Compresses <paramref name="source"/>; returns the length written, or 0 when it does not fit.</summary>
    public int Encode(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        return _compressor switch
        {
            BloscCompressor.Lz4 => Math.Max(0, LZ4Codec.Encode(source, destination, LZ4Level.L00_FAST)),
            BloscCompressor.Lz4Hc => Math.Max(0, LZ4Codec.Encode(source, destination, _level < 3 ? LZ4Level.L03_HC : (LZ4Level)_level)),
            BloscCompressor.Snappy => Snappy.TryCompress(source, destination, out var written) ? written : 0,
            BloscCompressor.Zstd => EncodeZstd(source, destination),
            BloscCompressor.BloscLz => BloscLzEncoder.Compress(source, destination),
            _ => EncodeZlib(source, destination),
        };
    }

    public void Dispose() => _zstd?.Dispose();

    private int EncodeZstd(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        // c-blosc maps its level 9 to zstd's maximum level.
        _zstd ??= new Compressor(_level == 9 ? Compressor.MaxCompressionLevel : _level);
        return _zstd.Wrap(source, destination);
    }

    private int EncodeZlib(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        using var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, new ZLibCompressionOptions { CompressionLevel = _level }, leaveOpen: true))
        {
            zlib.Write(source);
        }

        if (output.Length > destination.Length)
        {
            return 0;
        }

        output.GetBuffer().AsSpan(0, (int)output.Length).CopyTo(destination);
        return (int)output.Length;
    }
}
