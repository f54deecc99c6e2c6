using System.Runtime.InteropServices;
using ZarrCache.Zarr.DataTypes;

namespace ZarrCache.Zarr.Codecs;

/// <summary>v3 <c>bytes</c> (and the implicit serialization of v2): elements in C order, little or big endian.</summary>
internal sealed class BytesCodec(ZarrByteOrder endian) : IArrayToBytesCodec
{
    /// <summary>v3 <c>bytes</c> (and its early name <c>endian</c>); v2's is implicit, from the dtype's byte order.</summary>
    public static readonly CodecRegistration Registration = CodecRegistration.ArrayToBytes(
        v3Names: ["bytes", "endian"], v2Id: null, create: (cfg, _) => Create(cfg));

    /// <summary>Whether the elements are stored big endian (the one thing the byte order changes).</summary>
    private readonly bool _bigEndian = endian == ZarrByteOrder.Big;

    public string Name => Registration.Name;

    public static BytesCodec Create(CodecConfig config) => new(config.GetString("endian", "little") switch
    {
        "little" => ZarrByteOrder.Little,
        "big" => ZarrByteOrder.Big,
        var other => throw config.Error("endian", $"must be \"little\" or \"big\", not '{other}'"),
    });

    public long MaxEncodedSize(ChunkRepresentation decoded) => decoded.ByteSize;

    public byte[] Decode(ReadOnlyMemory<byte> encoded, ChunkRepresentation decoded, string key, bool owned)
    {
        var size = decoded.ByteSize;
        if (encoded.Length != size)
        {
            throw new ZarrFormatException($"{key}: the chunk decodes to {encoded.Length} bytes; its shape [{string.Join(',', decoded.Shape)}] of {decoded.DataType} needs {size}.");
        }

        // The output of a compressor is taken as it is (a whole chunk copy saved); a cached value is never changed.
        var result = owned && MemoryMarshal.TryGetArray(encoded, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : encoded.ToArray();
        if (_bigEndian)
        {
            Swap(result, decoded.DataType);
        }

        return result;
    }

    public ReadOnlyMemory<byte> Encode(byte[] decoded, ChunkRepresentation representation)
    {
        if (!_bigEndian || representation.DataType.Size == 1)
        {
            return decoded;
        }

        var copy = (byte[])decoded.Clone();
        Swap(copy, representation.DataType);
        return copy;
    }

    /// <summary>Whether decoding swaps bytes: big endian with elements (complex parts, UTF-32 code points) wider than one byte.</summary>
    public bool NeedsSwap(ZarrDataType type) => _bigEndian && type.SwapWidth > 1;

    public static void Swap(Span<byte> data, ZarrDataType type)
    {
        var width = type.SwapWidth;
        if (width == 1)
        {
            return;
        }

        for (var i = 0; i + width <= data.Length; i += width)
        {
            data.Slice(i, width).Reverse();
        }
    }

    public void WriteV3(Utf8JsonWriter writer) =>
        CodecMetadata.WriteV3(writer, Name, w => w.WriteString("endian", _bigEndian ? "big" : "little"));

    public void WriteV2(Utf8JsonWriter writer) => throw new InvalidOperationException("bytes has no v2 form; the v2 dtype carries the byte order.");
}
