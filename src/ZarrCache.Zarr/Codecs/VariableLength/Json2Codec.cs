namespace ZarrCache.Zarr.Codecs.VariableLength;

/// <summary>
/// numcodecs' <c>json2</c> object codec, read only and for strings: a chunk is the JSON list of its items followed by
/// the dtype and the shape (<c>["a","b","|O",[2]]</c>). Items that are not strings (numbers, lists, objects) are refused
/// naming the chunk; writing json2 is refused (vlen-utf8 is written instead).
/// </summary>
internal sealed class Json2Codec : VariableLengthCodec
{
    public static readonly CodecRegistration Registration = CodecRegistration.ArrayToBytes(
        v3Names: ["numcodecs.json2"], v2Id: "json2", create: (_, _) => new Json2Codec());

    public override string Name => Registration.Name;

    protected override string V2Id => Registration.V2Id!;

    public override void Decode<T>(ReadOnlySpan<byte> encoded, Span<T> items, IItemConverter<T> converter, string key)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(encoded.ToArray());
        }
        catch (JsonException e)
        {
            throw new ZarrFormatException($"{key}: corrupt json2 chunk: {e.Message}", e);
        }

        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Array || root.GetArrayLength() != items.Length + 2)
            {
                throw new ZarrFormatException($"{key}: corrupt json2 chunk: expected a list of {items.Length} items, the dtype and the shape.");
            }

            var i = 0;
            foreach (var item in root.EnumerateArray())
            {
                if (i == items.Length)
                {
                    break;
                }

                items[i] = item.ValueKind == JsonValueKind.String
                    ? converter.FromText(item.GetString()!)
                    : throw new ZarrFormatException($"{key}: json2 item {i} is {item.ValueKind}, not a string; only strings are supported.");
                i++;
            }
        }
    }

    public override byte[] Encode<T>(ReadOnlySpan<T> items, IItemConverter<T> converter) =>
        throw new NotSupportedException("Writing json2 chunks is not supported; create the array with vlen-utf8.");

    public override void WriteV3(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("name", Name);
        writer.WriteEndObject();
    }
}
