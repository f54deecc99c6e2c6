using System.Buffers.Binary;
using K4os.Compression.LZ4;

namespace ZarrCache.Zarr.Codecs;

/// <summary>numcodecs <c>lz4</c>: a 4-byte little-endian decoded size, then one LZ4 block.</summary>
internal sealed class Lz4Codec(int acceleration) : IBytesToBytesCodec
{
    /// <summary>v3 <c>numcodecs.lz4</c> or <c>lz4</c>, v2 <c>lz4</c>.</summary>
    public static readonly CodecRegistration Registration = CodecRegistration.BytesToBytes(
        v3Names: ["numcodecs.lz4", "lz4"], v2Id: "lz4", create: (cfg, _) => new Lz4Codec(cfg.GetInt("acceleration", 1)));

    public string Name => Registration.Name;

    public long MaxEncodedSize(long decodedSize) => 4 + decodedSize + (decodedSize / 255) + 16;

    public ReadOnlyMemory<byte> Decode(ReadOnlyMemory<byte> encoded, int maxDecodedSize, string key)
    {
        var output = new byte[ReadSize(encoded.Span, maxDecodedSize, key)];
        DecodeBlock(encoded.Span, output, key);
        return output;
    }

    public void DecodeInto(ReadOnlyMemory<byte> encoded, Span<byte> destination, string key)
    {
        var size = ReadSize(encoded.Span, destination.Length, key);
        if (size != destination.Length)
        {
            throw new ZarrFormatException($"{key}: lz4 size prefix {size} differs from the {destination.Length} bytes the chunk needs.");
        }

        DecodeBlock(encoded.Span, destination, key);
    }

    public PooledBytes DecodePooled(ReadOnlyMemory<byte> encoded, int maxDecodedSize, string key) =>
        PooledBytes.DecodeInto(this, encoded, ReadSize(encoded.Span, maxDecodedSize, key), key);

    public ReadOnlyMemory<byte> Encode(ReadOnlyMemory<byte> decoded)
    {
        var output = new byte[4 + LZ4Codec.MaximumOutputSize(decoded.Length)];
        BinaryPrimitives.WriteInt32LittleEndian(output, decoded.Length);
        var n = LZ4Codec.Encode(decoded.Span, output.AsSpan(4), LZ4Level.L00_FAST);
        return output.AsMemory(0, 4 + n);
    }

    /// <summary>Reads and checks the 4-byte size prefix (refused beyond <paramref name="maxDecodedSize"/> before anything is allocated).</summary>
    private static int ReadSize(ReadOnlySpan<byte> span, int maxDecodedSize, string key)
    {
        if (span.Length < 4)
        {
            throw new ZarrFormatException($"{key}: lz4 data of {span.Length} bytes has no 4-byte size prefix.");
        }

        var size = BinaryPrimitives.ReadInt32LittleEndian(span);
        return size < 0 || size > maxDecodedSize
            ? throw new ZarrFormatException($"{key}: lz4 size prefix {size} is outside 0..{maxDecodedSize}, what the chunk can hold.")
            : size;
    }

    /// <summary>Decodes the block after the prefix into all of <paramref name="output"/> (its length is the prefix).</summary>
    private static void DecodeBlock(ReadOnlySpan<byte> span, Span<byte> output, string key)
    {
        var n = Lz4Block.Decode(span[4..], output);
        if (n != output.Length)
        {
            throw new ZarrFormatException($"{key}: lz4 block is corrupt (decoded {n} bytes, the prefix says {output.Length}).");
        }
    }

    public void WriteV3(Utf8JsonWriter writer) => CodecMetadata.WriteV3(writer, Name, "acceleration", acceleration);

    public void WriteV2(Utf8JsonWriter writer) => CodecMetadata.WriteV2(writer, Registration.V2Id!, "acceleration", acceleration);
}
