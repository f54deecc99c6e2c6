using System.Buffers.Binary;

namespace ZarrCache.Zarr.Codecs;

/// <summary>
/// A numcodecs 32-bit checksum: the payload with its little-endian checksum before or after it. Decoding verifies it
/// (a mismatch, or data shorter than the checksum, is a <see cref="ZarrFormatException"/> naming the key) and returns
/// the payload as a slice of the encoded bytes, so nothing is rented or copied on the way.
/// </summary>
/// <param name="name">The codec's v3 name.</param>
/// <param name="v2Id">The codec's v2 (numcodecs) id.</param>
/// <param name="atStart">Whether the checksum comes before the payload (numcodecs <c>location: "start"</c>).</param>
/// <param name="defaultAtStart">Where numcodecs puts the checksum when no <c>location</c> is given.</param>
internal abstract class ChecksumCodec(string name, string v2Id, bool atStart, bool defaultAtStart) : IBytesToBytesCodec
{
    private const int ChecksumSize = 4;

    /// <summary>The codec's v3 name.</summary>
    public string Name { get; } = name;

    /// <summary>Whether the checksum comes before the payload.</summary>
    protected bool AtStart { get; } = atStart;

    public long MaxEncodedSize(long decodedSize) => decodedSize + ChecksumSize;

    public ReadOnlyMemory<byte> Decode(ReadOnlyMemory<byte> encoded, int maxDecodedSize, string key)
    {
        if (encoded.Length < ChecksumSize)
        {
            throw new ZarrFormatException($"{key}: {Name} data of {encoded.Length} bytes is shorter than its {ChecksumSize}-byte checksum.");
        }

        var payload = AtStart ? encoded[ChecksumSize..] : encoded[..^ChecksumSize];
        if (payload.Length > maxDecodedSize)
        {
            throw CappedStream.TooLarge(Name, key, maxDecodedSize);
        }

        var stored = BinaryPrimitives.ReadUInt32LittleEndian(AtStart ? encoded.Span[..ChecksumSize] : encoded.Span[^ChecksumSize..]);
        var actual = Compute(payload.Span);
        if (stored != actual)
        {
            throw new ZarrFormatException($"{key}: {Name} checksum mismatch (stored 0x{stored:x8}, computed 0x{actual:x8}).");
        }

        return payload;
    }

    public void DecodeInto(ReadOnlyMemory<byte> encoded, Span<byte> destination, string key)
    {
        var payload = Decode(encoded, destination.Length, key);
        if (payload.Length != destination.Length)
        {
            throw new ZarrFormatException($"{key}: {Name} data holds {payload.Length} bytes; the chunk needs {destination.Length}.");
        }

        payload.Span.CopyTo(destination);
    }

    /// <summary>The payload is a slice of <paramref name="encoded"/>: nothing is rented or copied.</summary>
    public PooledBytes DecodePooled(ReadOnlyMemory<byte> encoded, int maxDecodedSize, string key) => new(Decode(encoded, maxDecodedSize, key), null);

    public ReadOnlyMemory<byte> Encode(ReadOnlyMemory<byte> decoded)
    {
        var result = new byte[decoded.Length + ChecksumSize];
        var payload = result.AsSpan(AtStart ? ChecksumSize : 0, decoded.Length);
        decoded.Span.CopyTo(payload);
        var checksum = AtStart ? result.AsSpan(0, ChecksumSize) : result.AsSpan(decoded.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(checksum, Compute(decoded.Span));
        return result;
    }

    public void WriteV3(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("name", Name);
        if (AtStart != defaultAtStart)
        {
            writer.WriteStartObject("configuration");
            writer.WriteString("location", AtStart ? "start" : "end");
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    public void WriteV2(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("id", v2Id);
        if (AtStart != defaultAtStart)
        {
            writer.WriteString("location", AtStart ? "start" : "end");
        }

        writer.WriteEndObject();
    }

    /// <summary>The checksum of <paramref name="payload"/>.</summary>
    protected abstract uint Compute(ReadOnlySpan<byte> payload);

    /// <summary>
    /// Reads numcodecs' <c>location</c> (<c>"start"</c> or <c>"end"</c>); absent, it is <paramref name="fallback"/>.
    /// Returns whether the checksum is at the start.
    /// </summary>
    protected static bool LocationAtStart(CodecConfig config, string fallback) =>
        (config.Has("location") ? config.GetString("location") : fallback) switch
        {
            "start" => true,
            "end" => false,
            var other => throw config.Error("location", $"must be \"start\" or \"end\", not \"{other}\""),
        };
}
