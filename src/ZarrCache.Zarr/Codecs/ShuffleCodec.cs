namespace ZarrCache.Zarr.Codecs;

/// <summary>numcodecs <c>shuffle</c>: byte <c>j</c> of every element stored together; trailing bytes unchanged.</summary>
internal sealed class ShuffleCodec(int elementSize) : IBytesToBytesCodec
{
    /// <summary>v3 <c>numcodecs.shuffle</c> or <c>shuffle</c>, v2 <c>shuffle</c>; the element size defaults to the item size.</summary>
    public static readonly CodecRegistration Registration = CodecRegistration.BytesToBytes(
        v3Names: ["numcodecs.shuffle", "shuffle"], v2Id: "shuffle", create: (cfg, ctx) => Create(cfg, ctx.ItemSize));

    public int ElementSize { get; } = elementSize;

    public string Name => Registration.Name;

    public static ShuffleCodec Create(CodecConfig config, int defaultSize) => new(config.GetInt("elementsize", defaultSize, min: 0, max: 1 << 16));

    public long MaxEncodedSize(long decodedSize) => decodedSize;

    public ReadOnlyMemory<byte> Decode(ReadOnlyMemory<byte> encoded, int maxDecodedSize, string key)
    {
        if (encoded.Length > maxDecodedSize)
        {
            throw CappedStream.TooLarge("shuffle", key, maxDecodedSize);
        }

        var output = new byte[encoded.Length];
        Unshuffle(encoded.Span, output);
        return output;
    }

    public void DecodeInto(ReadOnlyMemory<byte> encoded, Span<byte> destination, string key)
    {
        if (encoded.Length != destination.Length)
        {
            throw new ZarrFormatException($"{key}: shuffle data holds {encoded.Length} bytes; the chunk needs {destination.Length}.");
        }

        Unshuffle(encoded.Span, destination);
    }

    public PooledBytes DecodePooled(ReadOnlyMemory<byte> encoded, int maxDecodedSize, string key) =>
        encoded.Length > maxDecodedSize
            ? throw CappedStream.TooLarge("shuffle", key, maxDecodedSize)
            : PooledBytes.DecodeInto(this, encoded, encoded.Length, key);

    public ReadOnlyMemory<byte> Encode(ReadOnlyMemory<byte> decoded)
    {
        var input = decoded.Span;
        var output = new byte[input.Length];
        if (ElementSize <= 1)
        {
            input.CopyTo(output);
            return output;
        }

        var count = input.Length / ElementSize;
        for (var i = 0; i < count; i++)
        {
            for (var j = 0; j < ElementSize; j++)
            {
                output[(j * count) + i] = input[(i * ElementSize) + j];
            }
        }

        input[(count * ElementSize)..].CopyTo(output.AsSpan(count * ElementSize));
        return output;
    }

    private void Unshuffle(ReadOnlySpan<byte> input, Span<byte> output)
    {
        if (ElementSize <= 1)
        {
            input.CopyTo(output);
        }
        else
        {
            Blosc.ByteShuffle.Unshuffle(ElementSize, input, output);
        }
    }

    public void WriteV3(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("name", Name);
        writer.WriteStartObject("configuration");
        writer.WriteNumber("elementsize", ElementSize);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    public void WriteV2(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("id", "shuffle");
        writer.WriteNumber("elementsize", ElementSize);
        writer.WriteEndObject();
    }
}
