using ZarrCache.Zarr.DataTypes;

namespace ZarrCache.Zarr.Codecs;

/// <summary>
/// numcodecs <c>astype</c>: stores the elements converted to <c>encode_dtype</c> and converts them back to
/// <c>decode_dtype</c> (the array's type) on decode, both as NumPy's <c>astype</c> (<see cref="ElementMath.Convert"/>).
/// </summary>
internal sealed class AsTypeCodec(ZarrDataType dataType, ZarrDataType storedType) : NumcodecsTypedFilter(Id, dataType, storedType)
{
    private const string Id = "astype";

    /// <summary>v3 <c>numcodecs.astype</c>, v2 <c>astype</c>; as a v2 filter numcodecs stores <c>encode_dtype</c>.</summary>
    public static readonly CodecRegistration Registration =
        Register(Id, Create, v2StoredType: (cfg, _) => NumcodecsDataType.Parse(cfg, "encode_dtype", null));

    public static AsTypeCodec Create(CodecConfig config, ZarrDataType arrayType)
    {
        var decode = NumcodecsDataType.Parse(config, "decode_dtype", arrayType);
        var encode = NumcodecsDataType.Parse(config, "encode_dtype", null);
        if (decode.Kind != arrayType.Kind || decode.IsComplex)
        {
            throw config.Error("decode_dtype", $"must be the array's type {arrayType} (not complex)");
        }

        return encode.IsComplex ? throw config.Error("encode_dtype", "must not be complex") : new AsTypeCodec(decode, encode);
    }

    public override byte[] Decode(byte[] encoded, ChunkRepresentation decoded, string key) => Convert(encoded, StoredType, DataType);

    public override byte[] Encode(byte[] decoded, ChunkRepresentation representation) => Convert(decoded, DataType, StoredType);

    protected override void WriteFields(Utf8JsonWriter writer, bool v2)
    {
        WriteType(writer, "encode_dtype", StoredType, v2);
        WriteType(writer, "decode_dtype", DataType, v2);
    }
}
