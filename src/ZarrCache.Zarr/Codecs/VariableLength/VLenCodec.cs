using System.Buffers.Binary;

namespace ZarrCache.Zarr.Codecs.VariableLength;

/// <summary>
/// numcodecs' <c>vlen-utf8</c> and <c>vlen-bytes</c> (v2 filter ids and v3 codec names): a uint32 LE item count, then
/// per item a uint32 LE length and its bytes. A declared count other than the chunk's, or a length beyond the frame,
/// is refused before anything is allocated for it.
/// </summary>
internal sealed class VLenCodec(string name) : VariableLengthCodec
{
    /// <summary>Strings: <c>vlen-utf8</c>.</summary>
    public static readonly CodecRegistration Utf8Registration = CodecRegistration.ArrayToBytes(
        v3Names: ["vlen-utf8", "numcodecs.vlen-utf8"], v2Id: "vlen-utf8", create: (_, _) => new VLenCodec("vlen-utf8"));

    /// <summary>Byte strings: <c>vlen-bytes</c>.</summary>
    public static readonly CodecRegistration BytesRegistration = CodecRegistration.ArrayToBytes(
        v3Names: ["vlen-bytes", "numcodecs.vlen-bytes"], v2Id: "vlen-bytes", create: (_, _) => new VLenCodec("vlen-bytes"));

    private const int HeaderLength = 4;

    public override string Name { get; } = name;

    public override void Decode<T>(ReadOnlySpan<byte> encoded, Span<T> items, IItemConverter<T> converter, string key)
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

    public override byte[] Encode<T>(ReadOnlySpan<T> items, IItemConverter<T> converter)
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

    public override void WriteV3(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("name", Name);
        writer.WriteStartObject("configuration");
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private ZarrFormatException Corrupt(string key, string problem) => new($"{key}: corrupt {Name} chunk: {problem}.");
}
