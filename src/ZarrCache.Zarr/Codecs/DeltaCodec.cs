using ZarrCache.Zarr.DataTypes;

namespace ZarrCache.Zarr.Codecs;

/// <summary>numcodecs <c>delta</c> (v3 <c>numcodecs.delta</c>): stores the first element and then differences, in the array's type.</summary>
internal sealed class DeltaCodec(ZarrDataType dataType) : NumcodecsTypedFilter(Id, dataType, storedType: dataType)
{
    private const string Id = "delta";

    /// <summary>v3 <c>numcodecs.delta</c>, v2 <c>delta</c>; as a v2 filter numcodecs stores <c>astype</c> (default <c>dtype</c>).</summary>
    public static readonly CodecRegistration Registration =
        Register(Id, Create, v2StoredType: (cfg, stored) => NumcodecsDataType.ParseTypes(cfg, stored).StoredType);

    public static DeltaCodec Create(CodecConfig config, ZarrDataType arrayType)
    {
        var (dtype, astype) = NumcodecsDataType.ParseTypes(config, arrayType);
        if (dtype.Kind != arrayType.Kind || astype.Kind != dtype.Kind || dtype.IsComplex)
        {
            throw config.Error("astype", $"must equal dtype and the array's type {arrayType} (only that form of delta is supported)");
        }

        return new DeltaCodec(astype);
    }

    /// <summary>The stored side: the same elements (the fill value as it is).</summary>
    public override ChunkRepresentation EncodedRepresentation(ChunkRepresentation decoded) => decoded with { DataType = DataType };

    public override byte[] Decode(byte[] encoded, ChunkRepresentation decoded, string key)
    {
        var result = (byte[])encoded.Clone();
        ElementMath.CumulativeSum(result, DataType.Kind);
        return result;
    }

    public override byte[] Encode(byte[] decoded, ChunkRepresentation representation)
    {
        var result = (byte[])decoded.Clone();
        ElementMath.Difference(result, DataType.Kind);
        return result;
    }

    /// <summary>v3 names <c>dtype</c> only; v2 also <c>astype</c>, the same type.</summary>
    protected override void WriteFields(Utf8JsonWriter writer, bool v2)
    {
        WriteType(writer, "dtype", DataType, v2);
        if (v2)
        {
            WriteType(writer, "astype", StoredType, v2);
        }
    }
}
