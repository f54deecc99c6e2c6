using System.Buffers.Binary;
using System.Text.Json;

namespace ZarrCache.Zarr.Codecs.VariableLength;

/// <summary>
/// numcodecs' <c>vlen-utf8</c> and <c>vlen-bytes</c> (v2 filter ids and v3 codec names): a uint32 LE item count, then
/// per item a uint32 LE length and its bytes. A declared count other than the chunk's, or a length beyond the frame,
/// is refused before anything is allocated for it.
/// </summary>
internal sealed class VLenCodec(string name) : IVariableLengthCodec
{
    /// <summary>Strings: <c>vlen-utf8</c>.</summary>
    public static readonly CodecRegistration Utf8Registration = CodecRegistration.ArrayToBytes(
        v3Names: ["vlen-utf8", "numcodecs.vlen-utf8"], v2Id: "vlen-utf8", create: (_, _) => new VLenCodec("vlen-utf8"));

    /// <summary>Byte strings: <c>vlen-bytes</c>.</summary>
    public static readonly CodecRegistration BytesRegistration = CodecRegistration.ArrayToBytes(
        v3Names: ["vlen-bytes", "numcodecs.vlen-bytes"], v2Id: "vlen-bytes", create: (_, _) => new VLenCodec("vlen-bytes"));

    private const int HeaderLength = 4;

    public string Name { get; } = name;

    public long MaxEncodedSize(ChunkRepresentation decoded) => Array.MaxLength;

    public void Decode<T>(ReadOnlySpan<byte> encoded, Span<T> items, IItemConverter<T> converter, string key)
    {
        if (encoded.Length < HeaderLength)
        {
            throw Corrupt(key, $"the frame of {encoded.Length} bytes has no 4-byte item count");
        }

        var declared = BinaryPrimitives.ReadUInt32LittleEndian(encoded);
        if (declared != (uint)items.Length)
        {
            throw Corrupt(key, $"the frame declares {declared} items; the chunk holds {items.Length}");
        }

        var offset = HeaderLength;
        for (var i = 0; i < items.Length; i++)
        {
            if (encoded.Length - offset < 4)
            {
                throw Corrupt(key, $"item {i}'s length is cut off at byte {offset} of {encoded.Length}");
            }

            var length = BinaryPrimitives.ReadUInt32LittleEndian(encoded[offset..]);
            offset += 4;
            if (length > (uint)(encoded.Length - offset))
            {
                throw Corrupt(key, $"item {i} declares {length} bytes at byte {offset}; the frame has {encoded.Length - offset} left");
            }

            try
            {
                items[i] = converter.FromBytes(encoded.Slice(offset, (int)length));
            }
            catch (FormatException e)
            {
                throw Corrupt(key, $"item {i}: {e.Message}");
            }

            offset += (int)length;
        }
    }

    public byte[] Encode<T>(ReadOnlySpan<T> items, IItemConverter<T> converter)
    {
        var encoded = new byte[items.Length][];
        long total = HeaderLength;
        for (var i = 0; i < items.Length; i++)
        {
            encoded[i] = converter.ToBytes(items[i]);
            total += 4 + encoded[i].Length;
        }

        if (total > Array.MaxLength)
        {
            throw new ArgumentException($"A chunk of these {items.Length} items would take {total} bytes encoded, more than one buffer holds.", nameof(items));
        }

        var result = new byte[total];
        BinaryPrimitives.WriteUInt32LittleEndian(result, (uint)items.Length);
        var offset = HeaderLength;
        foreach (var item in encoded)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(result.AsSpan(offset), (uint)item.Length);
            item.CopyTo(result, offset + 4);
            offset += 4 + item.Length;
        }

        return result;
    }

    byte[] IArrayToBytesCodec.Decode(ReadOnlyMemory<byte> encoded, ChunkRepresentation decoded, string key, bool owned) =>
        throw VariableLength.NoElementBytes(Name);

    ReadOnlyMemory<byte> IArrayToBytesCodec.Encode(byte[] decoded, ChunkRepresentation representation) =>
        throw VariableLength.NoElementBytes(Name);

    public void WriteV3(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("name", Name);
        writer.WriteStartObject("configuration");
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    public void WriteV2(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("id", Name);
        writer.WriteEndObject();
    }

    private ZarrFormatException Corrupt(string key, string problem) => new($"{key}: corrupt {Name} chunk: {problem}.");
}

/// <summary>What the variable-length codecs share.</summary>
internal static class VariableLength
{
    /// <summary>The error of a byte-level decode or encode of variable-length elements, which no read or write asks for.</summary>
    public static InvalidOperationException NoElementBytes(string codec) =>
        new($"Codec '{codec}' encodes variable-length elements, which have no fixed-size bytes; read them as strings or byte arrays.");
}
