using ZarrCache.Zarr.DataTypes;

namespace ZarrCache.Zarr.Codecs;

/// <summary>
/// A numcodecs filter that computes in one element type and stores another (astype, delta, fixedscaleoffset, quantize):
/// its two types, its names (v3 <c>numcodecs.ID</c>, v2 <c>ID</c>), its registration and its metadata envelope live
/// here once; a filter adds how it is created, its conversion and its configuration fields.
/// </summary>
/// <param name="id">The numcodecs id: the v2 id, and the v3 name after <c>numcodecs.</c>.</param>
/// <param name="dataType">The type it computes in: the array's.</param>
/// <param name="storedType">The type it stores.</param>
internal abstract class NumcodecsTypedFilter(string id, ZarrDataType dataType, ZarrDataType storedType) : IArrayToArrayCodec
{
    /// <summary>The type it computes in: the array's.</summary>
    public ZarrDataType DataType { get; } = dataType;

    /// <summary>The type it stores.</summary>
    public ZarrDataType StoredType { get; } = storedType;

    public string Name { get; } = V3Name(id);

    private string Id { get; } = id;

    /// <summary>The stored side: <see cref="StoredType"/> elements, the fill value converted to it as NumPy's <c>astype</c>.</summary>
    public virtual ChunkRepresentation EncodedRepresentation(ChunkRepresentation decoded) =>
        decoded with { DataType = StoredType, FillValue = Convert(decoded.FillValue, DataType, StoredType) };

    public abstract byte[] Decode(byte[] encoded, ChunkRepresentation decoded, string key);

    public abstract byte[] Encode(byte[] decoded, ChunkRepresentation representation);

    public void WriteV3(Utf8JsonWriter writer) => CodecMetadata.WriteV3(writer, Name, w => WriteFields(w, v2: false));

    public void WriteV2(Utf8JsonWriter writer) => CodecMetadata.WriteV2(writer, Id, w => WriteFields(w, v2: true));

    /// <summary>The registration of the filter <paramref name="id"/> (v3 <c>numcodecs.ID</c>, v2 <c>ID</c>).</summary>
    /// <param name="id">The numcodecs id.</param>
    /// <param name="create">Creates it from its configuration and the array's type.</param>
    /// <param name="v2StoredType">As a v2 filter, the type numcodecs stores after it from the one before.</param>
    protected static CodecRegistration Register(
        string id,
        Func<CodecConfig, ZarrDataType, NumcodecsTypedFilter> create,
        Func<CodecConfig, ZarrDataType, ZarrDataType> v2StoredType) =>
        CodecRegistration.ArrayToArray([V3Name(id)], id, (cfg, ctx) => create(cfg, ctx.DataType), v2StoredType);

    /// <summary>The elements of <paramref name="from"/> in <paramref name="data"/> converted to <paramref name="to"/> (NumPy's <c>astype</c>, <see cref="ElementMath.Convert"/>), in a new array.</summary>
    protected static byte[] Convert(byte[] data, ZarrDataType from, ZarrDataType to)
    {
        var result = new byte[data.Length / from.Size * to.Size];
        ElementMath.Convert(data, from.Kind, result, to.Kind);
        return result;
    }

    /// <summary>Writes a type field: its v2 type string (<c>&lt;f8</c>) when <paramref name="v2"/>, else its v3 name.</summary>
    protected static void WriteType(Utf8JsonWriter writer, string field, ZarrDataType type, bool v2) =>
        writer.WriteString(field, v2 ? type.V2Name : type.Name);

    /// <summary>Writes the configuration's fields, v2's when <paramref name="v2"/> (the envelope is written around them).</summary>
    protected abstract void WriteFields(Utf8JsonWriter writer, bool v2);

    private static string V3Name(string id) => "numcodecs." + id;
}
