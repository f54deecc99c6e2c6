using System.Text.Json;
using ZarrCache.Zarr.DataTypes;

namespace ZarrCache.Zarr.Codecs;

/// <summary>
/// numcodecs <c>astype</c>: stores the elements converted to <c>encode_dtype</c> and converts them back to
/// <c>decode_dtype</c> (the array's type) on decode, both as NumPy's <c>astype</c> (<see cref="ElementMath.Convert"/>).
/// </summary>
internal sealed class AsTypeCodec(ZarrDataType dataType, ZarrDataType storedType) : IArrayToArrayCodec
{
    /// <summary>v3 <c>numcodecs.astype</c>, v2 <c>astype</c>; as a v2 filter numcodecs stores <c>encode_dtype</c>.</summary>
    public static readonly CodecRegistration Registration = CodecRegistration.ArrayToArray(
        v3Names: ["numcodecs.astype"],
        v2Id: "astype",
        create: (cfg, ctx) => Create(cfg, ctx.DataType),
        v2StoredType: (cfg, _) => NumcodecsDataType.Parse(cfg, "encode_dtype", null));

    public ZarrDataType DataType { get; } = dataType;

    public ZarrDataType StoredType { get; } = storedType;

    public string Name => "numcodecs.astype";

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

    public ChunkRepresentation EncodedRepresentation(ChunkRepresentation decoded) =>
        decoded with { DataType = StoredType, FillValue = Convert(decoded.FillValue, DataType, StoredType) };

    public byte[] Decode(byte[] encoded, ChunkRepresentation decoded, string key) => Convert(encoded, StoredType, DataType);

    public byte[] Encode(byte[] decoded, ChunkRepresentation representation) => Convert(decoded, DataType, StoredType);

    public void WriteV3(Utf8JsonWriter writer) => CodecMetadata.WriteV3(writer, Name, w =>
    {
        w.WriteString("encode_dtype", StoredType.Name);
        w.WriteString("decode_dtype", DataType.Name);
    });

    public void WriteV2(Utf8JsonWriter writer) => CodecMetadata.WriteV2(writer, "astype", w =>
    {
        w.WriteString("encode_dtype", StoredType.V2Name);
        w.WriteString("decode_dtype", DataType.V2Name);
    });

    /// <summary>The elements of <paramref name="from"/> in <paramref name="data"/> converted to <paramref name="to"/>, in a new array.</summary>
    internal static byte[] Convert(byte[] data, ZarrDataType from, ZarrDataType to)
    {
        var result = new byte[data.Length / from.Size * to.Size];
        ElementMath.Convert(data, from.Kind, result, to.Kind);
        return result;
    }
}
