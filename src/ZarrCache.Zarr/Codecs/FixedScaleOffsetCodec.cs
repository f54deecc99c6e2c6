using System.Text.Json;
using ZarrCache.Zarr.DataTypes;

namespace ZarrCache.Zarr.Codecs;

/// <summary>numcodecs <c>fixedscaleoffset</c>: stores <c>round((x - offset) * scale)</c> as <c>astype</c>; decodes <c>enc / scale + offset</c>.</summary>
internal sealed class FixedScaleOffsetCodec(ZarrDataType dataType, ZarrDataType storedType, double scale, double offset) : IArrayToArrayCodec
{
    /// <summary>v3 <c>numcodecs.fixedscaleoffset</c>, v2 <c>fixedscaleoffset</c>; as a v2 filter numcodecs stores <c>astype</c>.</summary>
    public static readonly CodecRegistration Registration = CodecRegistration.ArrayToArray(
        v3Names: ["numcodecs.fixedscaleoffset"],
        v2Id: "fixedscaleoffset",
        create: (cfg, ctx) => Create(cfg, ctx.DataType),
        v2StoredType: (cfg, stored) => NumcodecsDataType.Parse(cfg, "astype", stored));

    public ZarrDataType DataType { get; } = dataType;

    public ZarrDataType StoredType { get; } = storedType;

    public double Scale { get; } = scale;

    public double Offset { get; } = offset;

    public string Name => "numcodecs.fixedscaleoffset";

    public static FixedScaleOffsetCodec Create(CodecConfig config, ZarrDataType arrayType)
    {
        var (dtype, astype) = NumcodecsDataType.ParseTypes(config, arrayType);
        if (dtype.Kind != arrayType.Kind || dtype.IsComplex || astype.IsComplex)
        {
            throw config.Error("dtype", $"must be the array's type {arrayType}");
        }

        var scale = config.GetDouble("scale", 1);
        return scale == 0 || !double.IsFinite(scale)
            ? throw config.Error("scale", "must be a finite non-zero number")
            : new FixedScaleOffsetCodec(dtype, astype, scale, config.GetDouble("offset", 0));
    }

    public ChunkRepresentation EncodedRepresentation(ChunkRepresentation decoded) =>
        decoded with { DataType = StoredType, FillValue = new byte[StoredType.Size] };

    public byte[] Decode(byte[] encoded, ChunkRepresentation decoded, string key) =>
        ElementMath.Map(encoded, StoredType, DataType, v => (v / Scale) + Offset);

    public byte[] Encode(byte[] decoded, ChunkRepresentation representation) =>
        ElementMath.Map(decoded, DataType, StoredType, v => Math.Round((v - Offset) * Scale));

    public void WriteV3(Utf8JsonWriter writer) => CodecMetadata.WriteV3(writer, Name, w => WriteFields(w, v2: false));

    public void WriteV2(Utf8JsonWriter writer) => CodecMetadata.WriteV2(writer, "fixedscaleoffset", w => WriteFields(w, v2: true));

    private void WriteFields(Utf8JsonWriter writer, bool v2)
    {
        writer.WriteString("dtype", v2 ? DataType.V2Name : DataType.Name);
        writer.WriteString("astype", v2 ? StoredType.V2Name : StoredType.Name);
        writer.WriteNumber("scale", Scale);
        writer.WriteNumber("offset", Offset);
    }
}
