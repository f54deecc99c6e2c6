using ZarrCache.Zarr.DataTypes;

namespace ZarrCache.Zarr.Codecs;

/// <summary>numcodecs <c>bitround</c>: encoding keeps <c>keepbits</c> mantissa bits (rounding to nearest); decoding is the identity.</summary>
internal sealed class BitRoundCodec(int keepBits) : IArrayToArrayCodec
{
    /// <summary>v3 <c>numcodecs.bitround</c>, v2 <c>bitround</c>.</summary>
    public static readonly CodecRegistration Registration = CodecRegistration.ArrayToArray(
        v3Names: ["numcodecs.bitround"], v2Id: "bitround", create: (cfg, ctx) => Create(cfg, ctx.DataType));

    public int KeepBits { get; } = keepBits;

    public string Name => Registration.Name;

    public static BitRoundCodec Create(CodecConfig config, ZarrDataType type)
    {
        if (type.Kind is not (ZarrDataTypeKind.Float32 or ZarrDataTypeKind.Float64))
        {
            throw config.Error("keepbits", $"applies to float32 and float64 only, not {type}");
        }

        return new BitRoundCodec(config.GetInt("keepbits", null, min: 0, max: type.Kind == ZarrDataTypeKind.Float32 ? 23 : 52));
    }

    public ChunkRepresentation EncodedRepresentation(ChunkRepresentation decoded) => decoded;

    public byte[] Decode(byte[] encoded, ChunkRepresentation decoded, string key) => encoded;

    public byte[] Encode(byte[] decoded, ChunkRepresentation representation)
    {
        var result = (byte[])decoded.Clone();
        if (representation.DataType.Kind == ZarrDataTypeKind.Float32)
        {
            var bits = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, uint>(result.AsSpan());
            var drop = 23 - KeepBits;
            if (drop > 0)
            {
                var half = 1u << (drop - 1);
                var mask = ~((1u << drop) - 1);
                for (var i = 0; i < bits.Length; i++)
                {
                    bits[i] = (bits[i] + (half - 1) + ((bits[i] >> drop) & 1)) & mask;
                }
            }
        }
        else
        {
            var bits = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, ulong>(result.AsSpan());
            var drop = 52 - KeepBits;
            if (drop > 0)
            {
                var half = 1ul << (drop - 1);
                var mask = ~((1ul << drop) - 1);
                for (var i = 0; i < bits.Length; i++)
                {
                    bits[i] = (bits[i] + (half - 1) + ((bits[i] >> drop) & 1)) & mask;
                }
            }
        }

        return result;
    }

    public void WriteV3(Utf8JsonWriter writer) => CodecMetadata.WriteV3(writer, Name, "keepbits", KeepBits);

    public void WriteV2(Utf8JsonWriter writer) => CodecMetadata.WriteV2(writer, Registration.V2Id!, "keepbits", KeepBits);
}
