namespace ZarrCache.Zarr.Codecs;

/// <summary>v3 <c>transpose</c> (and v2 <c>order: "F"</c>): encoded dimension <c>i</c> is decoded dimension <c>order[i]</c>.</summary>
internal sealed class TransposeCodec : IArrayToArrayCodec
{
    /// <summary>v3 <c>transpose</c>; v2 has no transpose filter (its <c>order: "F"</c> is the chain builder's).</summary>
    public static readonly CodecRegistration Registration = CodecRegistration.ArrayToArray(
        v3Names: ["transpose"], v2Id: null, create: (cfg, ctx) => Create(cfg, ctx.Representation.Shape.Length));

    public TransposeCodec(int[] order)
    {
        Order = order;
    }

    public int[] Order { get; }

    public string Name => Registration.Name;

    public static TransposeCodec Create(CodecConfig config, int rank)
    {
        var raw = config.Get("order") ?? throw config.Error("order", "is required");
        int[] order;
        if (raw.ValueKind == JsonValueKind.String)
        {
            order = raw.GetString() switch
            {
                "C" => Enumerable.Range(0, rank).ToArray(),
                "F" => Enumerable.Range(0, rank).Reverse().ToArray(),
                _ => throw config.Error("order", "must be a permutation"),
            };
        }
        else if (raw.ValueKind == JsonValueKind.Array)
        {
            order = raw.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out var n) ? n : -1).ToArray();
        }
        else
        {
            throw config.Error("order", "must be a permutation");
        }

        if (order.Length != rank || order.Order().Where((v, i) => v != i).Any())
        {
            throw config.Error("order", $"must be a permutation of 0..{rank - 1}");
        }

        return new TransposeCodec(order);
    }

    public ChunkRepresentation EncodedRepresentation(ChunkRepresentation decoded) =>
        decoded.WithShape(Order.Select(o => decoded.Shape[o]).ToArray());

    public byte[] Decode(byte[] encoded, ChunkRepresentation decoded, string key)
    {
        var result = new byte[encoded.Length];
        Permute(encoded, result, decoded, toEncoded: false);
        return result;
    }

    public byte[] Encode(byte[] decoded, ChunkRepresentation representation)
    {
        var result = new byte[decoded.Length];
        Permute(decoded, result, representation, toEncoded: true);
        return result;
    }

    private void Permute(byte[] source, byte[] target, ChunkRepresentation decoded, bool toEncoded)
    {
        var rank = Order.Length;
        var size = decoded.DataType.Size;
        var decodedStrides = new long[rank];
        long stride = 1;
        for (var d = rank - 1; d >= 0; d--)
        {
            decodedStrides[d] = stride;
            stride *= decoded.Shape[d];
        }

        var encodedShape = Order.Select(o => decoded.Shape[o]).ToArray();
        var strides = Order.Select(o => decodedStrides[o]).ToArray();
        var index = new int[rank];
        var count = decoded.ElementCount;
        for (long e = 0; e < count; e++)
        {
            long offset = 0;
            for (var i = 0; i < rank; i++)
            {
                offset += index[i] * strides[i];
            }

            if (toEncoded)
            {
                Array.Copy(source, offset * size, target, e * size, size);
            }
            else
            {
                Array.Copy(source, e * size, target, offset * size, size);
            }

            for (var i = rank - 1; i >= 0; i--)
            {
                if (++index[i] < encodedShape[i])
                {
                    break;
                }

                index[i] = 0;
            }
        }
    }

    public void WriteV3(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("name", "transpose");
        writer.WriteStartObject("configuration");
        writer.WriteStartArray("order");
        foreach (var o in Order)
        {
            writer.WriteNumberValue(o);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    public void WriteV2(Utf8JsonWriter writer) => throw new InvalidOperationException("transpose has no v2 form; v2 uses order \"F\".");
}
