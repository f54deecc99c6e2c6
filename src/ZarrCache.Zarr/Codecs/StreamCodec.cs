using System.Text.Json;

namespace ZarrCache.Zarr.Codecs;

/// <summary>
/// A bytes-to-bytes codec that decompresses through a <see cref="Stream"/> (gzip, zlib, bz2): the three ways to decode
/// (to a new array, into the caller's span, into a pooled rental) live here once, each reading the encoded bytes
/// without a copy and capped at the size the chunk may have.
/// </summary>
internal abstract class StreamCodec : IBytesToBytesCodec
{
    public abstract string Name { get; }

    /// <summary>The codec's name in messages (its numcodecs id).</summary>
    protected abstract string Label { get; }

    public abstract long MaxEncodedSize(long decodedSize);

    public ReadOnlyMemory<byte> Decode(ReadOnlyMemory<byte> encoded, int maxDecodedSize, string key)
    {
        using var input = EncodedStream.Open(encoded);
        using var stream = OpenDecompressor(input, key);
        return CappedStream.ReadAll(stream, maxDecodedSize, Label, key);
    }

    public void DecodeInto(ReadOnlyMemory<byte> encoded, Span<byte> destination, string key)
    {
        using var input = EncodedStream.Open(encoded);
        using var stream = OpenDecompressor(input, key);
        CappedStream.ReadExactly(stream, destination, Label, key);
    }

    public PooledBytes DecodePooled(ReadOnlyMemory<byte> encoded, int maxDecodedSize, string key)
    {
        using var input = EncodedStream.Open(encoded);
        using var stream = OpenDecompressor(input, key);
        return CappedStream.ReadAllPooled(stream, maxDecodedSize, Label, key);
    }

    public abstract ReadOnlyMemory<byte> Encode(ReadOnlyMemory<byte> decoded);

    public abstract void WriteV3(Utf8JsonWriter writer);

    public abstract void WriteV2(Utf8JsonWriter writer);

    /// <summary>The decompressing stream over the encoded bytes.</summary>
    protected abstract Stream OpenDecompressor(Stream input, string key);
}
