using System.Text.Json;
using ZarrCache.Zarr.DataTypes;

namespace ZarrCache.Zarr.Codecs;

/// <summary>numcodecs <c>delta</c> (v3 <c>numcodecs.delta</c>): stores the first element and then differences.</summary>
internal sealed class DeltaCodec(ZarrDataType dataType) : IArrayToArrayCodec
{
    /// <summary>v3 <c>numcodecs.delta</c>, v2 <c>delta</c>; as a v2 filter numcodecs stores <c>astype</c> (default <c>dtype</c>).</summary>
    public static readonly CodecRegistration Registration = CodecRegistration.ArrayToArray(
        v3Names: ["numcodecs.delta"],
        v2Id: "delta",
        create: (cfg, ctx) => Create(cfg, ctx.DataType),
        v2StoredType: (cfg, stored) => NumcodecsDataType.ParseTypes(cfg, stored).StoredType);

    public ZarrDataType DataType { get; } = dataType;

    public string Name => "numcodecs.delta";

    public static DeltaCodec Create(CodecConfig config, ZarrDataType arrayType)
    {
        var (dtype, astype) = NumcodecsDataType.ParseTypes(config, arrayType);
        if (dtype.Kind != arrayType.Kind || astype.Kind != dtype.Kind || dtype.IsComplex)
        {
            throw config.Error("astype", $"must equal dtype and the array's type {arrayType} (only that form of delta is supported)");
        }

        return new DeltaCodec(astype);
    }

    public ChunkRepresentation EncodedRepresentation(ChunkRepresentation decoded) => decoded with { DataType = DataType };

    public byte[] Decode(byte[] encoded, ChunkRepresentation decoded, string key)
    {
        var result = (byte[])encoded.Clone();
        ElementMath.CumulativeSum(result, DataType.Kind);
        return result;
    }

    public byte[] Encode(byte[] decoded, ChunkRepresentation representation)
    {
        var result = (byte[])decoded.Clone();
        ElementMath.Difference(result, DataType.Kind);
        return result;
    }

    public void WriteV3(Utf8JsonWriter writer) => CodecMetadata.WriteV3(writer, Name, w => w.WriteString("dtype", DataType.Name));

    public void WriteV2(Utf8JsonWriter writer) => CodecMetadata.WriteV2(writer, "delta", w =>
    {
        w.WriteString("dtype", DataType.V2Name);
        w.WriteString("astype", DataType.V2Name);
    });
}
