using ZarrCache.Zarr.DataTypes;

namespace ZarrCache.Zarr.Codecs;

/// <summary>
/// numcodecs <c>packbits</c>: a bool chunk of n elements stored as 1 + ceil(n / 8) bytes, the number of padding bits
/// (0 to 7) and then the bits, most significant first (NumPy's <c>packbits</c>). The element count changes, so the
/// stored representation is a one-dimensional uint8 array of that length.
/// </summary>
internal sealed class PackBitsCodec : IArrayToArrayCodec
{
    /// <summary>v3 <c>numcodecs.packbits</c>, v2 <c>packbits</c>; numcodecs stores uint8.</summary>
    public static readonly CodecRegistration Registration = CodecRegistration.ArrayToArray(
        v3Names: ["numcodecs.packbits"],
        v2Id: "packbits",
        create: (cfg, ctx) => Create(cfg, ctx.DataType),
        v2StoredType: (_, _) => ZarrDataType.Create(ZarrDataTypeKind.UInt8));

    public string Name => Registration.Name;

    public static PackBitsCodec Create(CodecConfig config, ZarrDataType arrayType) =>
        arrayType.Kind == ZarrDataTypeKind.Bool
            ? new PackBitsCodec()
            : throw new ZarrFormatException($"{config.Where}: codec '{config.Codec}' packs bool arrays only, not {arrayType}.");

    public ChunkRepresentation EncodedRepresentation(ChunkRepresentation decoded) =>
        new([checked((int)StoredLength(decoded.ElementCount))], ZarrDataType.Create(ZarrDataTypeKind.UInt8), [0]);

    public byte[] Decode(byte[] encoded, ChunkRepresentation decoded, string key)
    {
        var n = decoded.ElementCount;
        var padding = Padding(n);
        if (encoded.Length != StoredLength(n) || encoded[0] != padding)
        {
            var stored = encoded.Length > 0 ? $"{encoded.Length} bytes with padding byte {encoded[0]}" : "no bytes";
            throw new ZarrFormatException($"{key}: packbits holds {stored}; {n} bools need {StoredLength(n)} bytes with padding byte {padding}.");
        }

        var result = new byte[n];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = (byte)((encoded[1 + (i >> 3)] >> (7 - (i & 7))) & 1);
        }

        return result;
    }

    public byte[] Encode(byte[] decoded, ChunkRepresentation representation)
    {
        var result = new byte[StoredLength(decoded.Length)];
        result[0] = Padding(decoded.Length);
        for (var i = 0; i < decoded.Length; i++)
        {
            if (decoded[i] != 0)
            {
                result[1 + (i >> 3)] |= (byte)(0x80 >> (i & 7));
            }
        }

        return result;
    }

    public void WriteV3(Utf8JsonWriter writer) => CodecMetadata.WriteV3(writer, Name, _ => { });

    public void WriteV2(Utf8JsonWriter writer) => CodecMetadata.WriteV2(writer, Registration.V2Id!, _ => { });

    private static long StoredLength(long count) => 1 + ((count + 7) / 8);

    private static byte Padding(long count) => (byte)((8 - (count % 8)) % 8);
}
