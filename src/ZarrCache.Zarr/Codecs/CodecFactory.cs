using ZarrCache.Zarr.Codecs.VariableLength;
using ZarrCache.Zarr.DataTypes;

namespace ZarrCache.Zarr.Codecs;

/// <summary>
/// Builds codec chains from v3 <c>codecs</c> lists and v2 <c>compressor</c>/<c>filters</c>: the order and count rules
/// and v2's implicit steps; which codec a name means is <see cref="CodecRegistry"/>'s.
/// </summary>
internal static class CodecFactory
{
    public static CodecChain BuildV3(JsonElement codecs, ChunkRepresentation representation, string where)
    {
        if (codecs.ValueKind != JsonValueKind.Array)
        {
            throw new ZarrFormatException($"{where}: 'codecs' must be a list.");
        }

        var a2a = new List<IArrayToArrayCodec>();
        IArrayToBytesCodec? a2b = null;
        var b2b = new List<IBytesToBytesCodec>();
        var repr = representation;
        foreach (var item in codecs.EnumerateArray())
        {
            var (name, config) = NameAndConfig(item, where);
            CodecRegistry.RefuseNative(name, where);
            var cfg = new CodecConfig(name, config, where);
            var registration = CodecRegistry.Default.FindV3(name);
            switch (registration?.Kind)
            {
                case CodecKind.ArrayToArray:
                    if (a2b is not null)
                    {
                        throw new ZarrFormatException($"{where}: codec '{name}' (array to array) must come before the bytes codec.");
                    }

                    var codec = (IArrayToArrayCodec)registration.Create(cfg, CodecContext.ForArray(name, v2: false, repr));
                    a2a.Add(codec);
                    repr = codec.EncodedRepresentation(repr);
                    break;
                case CodecKind.ArrayToBytes:
                    if (a2b is not null)
                    {
                        throw new ZarrFormatException($"{where}: codec '{name}' is a second array-to-bytes codec; there must be exactly one.");
                    }

                    a2b = (IArrayToBytesCodec)registration.Create(cfg, CodecContext.ForArray(name, v2: false, repr));
                    break;
                default:
                    if (a2b is null)
                    {
                        throw new ZarrFormatException($"{where}: codec '{name}' must come after the bytes codec (or is not a known array codec).");
                    }

                    b2b.Add(CreateBytesToBytes(name, cfg, a2b is IVariableLengthCodec ? 1 : repr.DataType.Size, v2: false));
                    break;
            }
        }

        if (a2b is null)
        {
            throw new ZarrFormatException($"{where}: 'codecs' has no array-to-bytes codec (such as 'bytes').");
        }

        CheckVariableLength(representation.DataType, a2a, a2b, where);
        return new CodecChain(a2a, a2b, b2b);
    }

    /// <summary>
    /// A variable-length type needs a variable-length codec (vlen-utf8, vlen-bytes, json2) as its array-to-bytes codec,
    /// with no array-to-array codec before it (nor sharding); a fixed-size type must not have one.
    /// </summary>
    private static void CheckVariableLength(ZarrDataType type, List<IArrayToArrayCodec> a2a, IArrayToBytesCodec a2b, string where)
    {
        if (type.IsVariableLength && a2b is not IVariableLengthCodec)
        {
            throw new ZarrFormatException($"{where}: data type '{type.Name}' needs the vlen-utf8 or vlen-bytes codec as its array-to-bytes codec, not '{a2b.Name}' (sharded variable-length strings are not supported).");
        }

        if (!type.IsVariableLength && a2b is IVariableLengthCodec)
        {
            throw new ZarrFormatException($"{where}: codec '{a2b.Name}' encodes variable-length strings or bytes, not data type '{type}'.");
        }

        if (type.IsVariableLength && a2a.Count > 0)
        {
            throw new ZarrFormatException($"{where}: codec '{a2a[0].Name}' before '{a2b.Name}' is not supported for variable-length data type '{type.Name}' (nor is v2 order \"F\").");
        }
    }

    public static CodecChain BuildV2(JsonElement? compressor, JsonElement? filters, ChunkRepresentation representation, bool fortranOrder, string where)
    {
        var a2a = new List<IArrayToArrayCodec>();
        var b2b = new List<IBytesToBytesCodec>();
        var repr = representation;
        if (fortranOrder && repr.Shape.Length > 1)
        {
            var transpose = new TransposeCodec(Enumerable.Range(0, repr.Shape.Length).Reverse().ToArray());
            a2a.Add(transpose);
            repr = transpose.EncodedRepresentation(repr);
        }

        var storedType = representation.DataType;
        IArrayToBytesCodec? objectCodec = null;
        if (filters is { ValueKind: JsonValueKind.Array } list)
        {
            foreach (var filter in list.EnumerateArray())
            {
                var (id, cfg) = V2Config(filter, where + " filters");
                if (objectCodec is null && b2b.Count == 0 && representation.DataType.IsVariableLength
                    && CodecRegistry.Default.FindV2(id) is { Kind: CodecKind.ArrayToBytes } objectRegistration)
                {
                    // The object codec of a v2 object array: the first filter, which turns the objects into bytes.
                    objectCodec = (IArrayToBytesCodec)objectRegistration.Create(cfg, CodecContext.ForArray(id, v2: true, repr));
                    continue;
                }

                if (CodecRegistry.Default.FindV2(id) is { Kind: CodecKind.ArrayToArray } registration)
                {
                    if (b2b.Count > 0)
                    {
                        throw new ZarrFormatException($"{where}: filter '{id}' after a byte-level filter is not supported.");
                    }

                    var codec = (IArrayToArrayCodec)registration.Create(cfg, CodecContext.ForArray(id, v2: true, repr));
                    storedType = registration.V2StoredType(cfg, storedType);
                    a2a.Add(codec);
                    repr = codec.EncodedRepresentation(repr);
                }
                else
                {
                    b2b.Add(CreateBytesToBytes(id, cfg, objectCodec is null ? repr.DataType.Size : 1, v2: true));
                }
            }
        }
        else if (filters is { } f && f.ValueKind != JsonValueKind.Null)
        {
            throw new ZarrFormatException($"{where}: 'filters' must be a list or null.");
        }

        if (compressor is { } c && c.ValueKind != JsonValueKind.Null)
        {
            var (id, cfg) = V2Config(c, where + " compressor");
            b2b.Add(CreateBytesToBytes(id, cfg, objectCodec is null ? repr.DataType.Size : 1, v2: true));
        }

        var a2b = objectCodec ?? new BytesCodec(storedType.ByteOrder == ZarrByteOrder.Big ? ZarrByteOrder.Big : ZarrByteOrder.Little);
        CheckVariableLength(representation.DataType, a2a, a2b, where);
        return new CodecChain(a2a, a2b, b2b);
    }

    /// <summary>A bytes-to-bytes codec by v2 id (<paramref name="v2"/>) or v3 name, for elements of <paramref name="itemSize"/> bytes.</summary>
    public static IBytesToBytesCodec CreateBytesToBytes(string name, CodecConfig cfg, int itemSize, bool v2)
    {
        var registration = v2 ? CodecRegistry.Default.FindV2(name) : CodecRegistry.Default.FindV3(name);
        return registration is { Kind: CodecKind.BytesToBytes }
            ? (IBytesToBytesCodec)registration.Create(cfg, CodecContext.ForBytes(name, v2, itemSize))
            : throw new ZarrFormatException($"{cfg.Where}: codec '{name}' is not supported.");
    }

    private static (string Name, JsonElement? Config) NameAndConfig(JsonElement item, string where)
    {
        if (item.ValueKind == JsonValueKind.String)
        {
            return (item.GetString()!, null);
        }

        if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String)
        {
            throw new ZarrFormatException($"{where}: each codec must be an object with a string 'name'.");
        }

        return (name.GetString()!, item.TryGetProperty("configuration", out var c) ? c : null);
    }

    private static (string Id, CodecConfig Config) V2Config(JsonElement item, string where)
    {
        if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty("id", out var id) || id.ValueKind != JsonValueKind.String)
        {
            throw new ZarrFormatException($"{where}: a numcodecs configuration must be an object with a string 'id'.");
        }

        var name = id.GetString()!;
        CodecRegistry.RefuseNative(name, where);
        return (name, new CodecConfig(name, item, where));
    }
}
