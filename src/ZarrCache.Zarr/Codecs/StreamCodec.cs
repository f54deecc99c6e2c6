namespace ZarrCache.Zarr.Codecs;

/// <summary>
/// A bytes-to-bytes codec that compresses and decompresses through a <see cref="Stream"/> at a <c>level</c> (gzip, zlib,
/// bz2): encoding, its metadata, and the three ways to decode (to a new array, into the caller's span, into a pooled
/// rental) live here once, each decode reading the encoded bytes without a copy and capped at the size the chunk may have.
/// </summary>
/// <param name="label">The codec's numcodecs id: its v2 id and its name in messages.</param>
/// <param name="name">Its v3 name.</param>
/// <param name="level">The compression level, as the metadata gives it.</param>
internal abstract class StreamCodec(string label, string name, int level) : IBytesToBytesCodec
{
    /// <summary>The compression level, as the metadata gives it.</summary>
    public int Level { get; } = level;

    public string Name { get; } = name;

    /// <summary>The codec's numcodecs id: its v2 id and its name in messages.</summary>
    protected string Label { get; } = label;

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

    public ReadOnlyMemory<byte> Encode(ReadOnlyMemory<byte> decoded)
    {
        using var output = new MemoryStream();
        using (var compressor = OpenCompressor(output))
        {
            compressor.Write(decoded.Span);
        }

        return output.ToArray();
    }

    public void WriteV3(Utf8JsonWriter writer) => CodecMetadata.WriteV3(writer, Name, "level", Level);

    public void WriteV2(Utf8JsonWriter writer) => CodecMetadata.WriteV2(writer, Label, "level", Level);

    /// <summary>The compressing stream at <see cref="Level"/> writing to <paramref name="output"/>; disposing it may close <paramref name="output"/>.</summary>
    protected abstract Stream OpenCompressor(MemoryStream output);

    /// <summary>The decompressing stream over the encoded bytes.</summary>
    protected abstract Stream OpenDecompressor(Stream input, string key);
}
