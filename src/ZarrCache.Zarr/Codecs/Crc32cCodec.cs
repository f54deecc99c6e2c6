using System.Buffers.Binary;
using System.Text.Json;

namespace ZarrCache.Zarr.Codecs;

/// <summary><c>crc32c</c>: appends the little-endian CRC-32C of the bytes; decoding verifies it (a mismatch names the key).</summary>
internal sealed class Crc32cCodec : IBytesToBytesCodec
{
    /// <summary>v3 <c>crc32c</c> or <c>numcodecs.crc32c</c>, v2 <c>crc32c</c>; only the checksum at the end is supported.</summary>
    public static readonly CodecRegistration Registration = CodecRegistration.BytesToBytes(
        v3Names: ["crc32c", "numcodecs.crc32c"],
        v2Id: "crc32c",
        create: (cfg, _) => cfg.Has("location") && cfg.GetString("location") != "end"
            ? throw cfg.Error("location", "only \"end\" is supported")
            : new Crc32cCodec());

    public string Name => "crc32c";

    public long MaxEncodedSize(long decodedSize) => decodedSize + 4;

    public ReadOnlyMemory<byte> Decode(ReadOnlyMemory<byte> encoded, int maxDecodedSize, string key)
    {
        if (encoded.Length < 4)
        {
            throw new ZarrFormatException($"{key}: crc32c data of {encoded.Length} bytes is shorter than its 4-byte checksum.");
        }

        var data = encoded[..^4];
        if (data.Length > maxDecodedSize)
        {
            throw CappedStream.TooLarge("crc32c", key, maxDecodedSize);
        }

        Verify(encoded.Span, key);
        return data;
    }

    public void DecodeInto(ReadOnlyMemory<byte> encoded, Span<byte> destination, string key)
    {
        var data = Decode(encoded, destination.Length, key);
        if (data.Length != destination.Length)
        {
            throw new ZarrFormatException($"{key}: crc32c data holds {data.Length} bytes; the chunk needs {destination.Length}.");
        }

        data.Span.CopyTo(destination);
    }

    /// <summary>The payload is a slice of <paramref name="encoded"/>: nothing is rented or copied.</summary>
    public PooledBytes DecodePooled(ReadOnlyMemory<byte> encoded, int maxDecodedSize, string key) => new(Decode(encoded, maxDecodedSize, key), null);

    public ReadOnlyMemory<byte> Encode(ReadOnlyMemory<byte> decoded)
    {
        var result = new byte[decoded.Length + 4];
        decoded.Span.CopyTo(result);
        BinaryPrimitives.WriteUInt32LittleEndian(result.AsSpan(decoded.Length), Crc32C.Compute(decoded.Span));
        return result;
    }

    private static void Verify(ReadOnlySpan<byte> encoded, string key)
    {
        var stored = BinaryPrimitives.ReadUInt32LittleEndian(encoded[^4..]);
        var actual = Crc32C.Compute(encoded[..^4]);
        if (stored != actual)
        {
            throw new ZarrFormatException($"{key}: crc32c checksum mismatch (stored 0x{stored:x8}, computed 0x{actual:x8}).");
        }
    }

    public void WriteV3(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("name", "crc32c");
        writer.WriteEndObject();
    }

    public void WriteV2(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("id", "crc32c");
        writer.WriteEndObject();
    }
}
