using System.Buffers.Binary;
using System.Text.Json;
using K4os.Compression.LZ4;

namespace ZarrCache.Zarr.Codecs;

/// <summary>numcodecs <c>lz4</c>: a 4-byte little-endian decoded size, then one LZ4 block.</summary>
internal sealed class Lz4Codec(int acceleration) : IBytesToBytesCodec
{
    /// <summary>v3 <c>numcodecs.lz4</c> or <c>lz4</c>, v2 <c>lz4</c>.</summary>
    public static readonly CodecRegistration Registration = CodecRegistration.BytesToBytes(
        v3Names: ["numcodecs.lz4", "lz4"], v2Id: "lz4", create: (cfg, _) => Create(cfg));

    public int Acceleration { get; } = acceleration;

    public string Name => "numcodecs.lz4";

    public static Lz4Codec Create(CodecConfig config) => new(config.GetInt("acceleration", 1));

    public long MaxEncodedSize(long decodedSize) => 4 + decodedSize + (decodedSize / 255) + 16;

    public ReadOnlyMemory<byte> Decode(ReadOnlyMemory<byte> encoded, int maxDecodedSize, string key)
    {
        var span = encoded.Span;
        if (span.Length < 4)
        {
            throw new ZarrFormatException($"{key}: lz4 data of {span.Length} bytes has no 4-byte size prefix.");
        }

        var size = BinaryPrimitives.ReadInt32LittleEndian(span);
        if (size < 0 || size > maxDecodedSize)
        {
            throw new ZarrFormatException($"{key}: lz4 size prefix {size} is outside 0..{maxDecodedSize}, what the chunk can hold.");
        }

        var output = new byte[size];
        var n = LZ4Codec.Decode(span[4..], output);
        return n != size
            ? throw new ZarrFormatException($"{key}: lz4 block is corrupt (decoded {n} bytes, the prefix says {size}).")
            : output;
    }

    public ReadOnlyMemory<byte> Encode(ReadOnlyMemory<byte> decoded)
    {
        var output = new byte[4 + LZ4Codec.MaximumOutputSize(decoded.Length)];
        BinaryPrimitives.WriteInt32LittleEndian(output, decoded.Length);
        var n = LZ4Codec.Encode(decoded.Span, output.AsSpan(4), LZ4Level.L00_FAST);
        return output.AsMemory(0, 4 + n);
    }

    public void WriteV3(Utf8JsonWriter writer) => CodecMetadata.WriteV3(writer, Name, "acceleration", Acceleration);

    public void WriteV2(Utf8JsonWriter writer) => CodecMetadata.WriteV2(writer, "lz4", "acceleration", Acceleration);
}
