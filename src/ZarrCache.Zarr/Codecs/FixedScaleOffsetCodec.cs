using ZarrCache.Zarr.DataTypes;

namespace ZarrCache.Zarr.Codecs;

/// <summary>numcodecs <c>fixedscaleoffset</c>: stores <c>round((x - offset) * scale)</c> as <c>astype</c>; decodes <c>enc / scale + offset</c>.</summary>
internal sealed class FixedScaleOffsetCodec(ZarrDataType dataType, ZarrDataType storedType, double scale, double offset)
    : NumcodecsTypedFilter(Id, dataType, storedType)
{
    private const string Id = "fixedscaleoffset";

    /// <summary>v3 <c>numcodecs.fixedscaleoffset</c>, v2 <c>fixedscaleoffset</c>; as a v2 filter numcodecs stores <c>astype</c>.</summary>
    public static readonly CodecRegistration Registration =
        Register(Id, Create, v2StoredType: (cfg, stored) => NumcodecsDataType.Parse(cfg, "astype", stored));

    public double Scale { get; } = scale;

    public double Offset { get; } = offset;

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

    /// <summary>The stored side: <see cref="NumcodecsTypedFilter.StoredType"/> elements with a zero fill value.</summary>
    public override ChunkRepresentation EncodedRepresentation(ChunkRepresentation decoded) =>
        decoded with { DataType = StoredType, FillValue = new byte[StoredType.Size] };

    public override byte[] Decode(byte[] encoded, ChunkRepresentation decoded, string key) =>
        ElementMath.Map(encoded, StoredType, DataType, v => (v / Scale) + Offset);

    public override byte[] Encode(byte[] decoded, ChunkRepresentation representation) =>
        ElementMath.Map(decoded, DataType, StoredType, v => Math.Round((v - Offset) * Scale));

    protected override void WriteFields(Utf8JsonWriter writer, bool v2)
    {
        WriteType(writer, "dtype", DataType, v2);
        WriteType(writer, "astype", StoredType, v2);
        writer.WriteNumber("scale", Scale);
        writer.WriteNumber("offset", Offset);
    }
}
