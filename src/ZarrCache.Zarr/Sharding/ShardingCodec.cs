using ZarrCache.Zarr.Codecs;

namespace ZarrCache.Zarr.Sharding;

/// <summary>
/// v3 <c>sharding_indexed</c>: a shard holds a grid of inner chunks, each encoded with its own codecs, and an index of
/// (offset, length) pairs encoded with the index codecs (bytes and crc32c), at the end or the start.
/// Whole-shard decode and encode live here; range reads of a few inner chunks are its partial decoder's
/// (<see cref="ShardPartialDecoder"/>).
/// </summary>
internal sealed class ShardingCodec : IArrayToBytesCodec
{
    /// <summary>v3 <c>sharding_indexed</c>; it has no v2 form.</summary>
    public static readonly CodecRegistration Registration = CodecRegistration.ArrayToBytes(
        v3Names: ["sharding_indexed"], v2Id: null, create: (cfg, ctx) => Create(cfg, ctx.Representation, cfg.Where));

    /// <summary>From its configuration, for shards of <paramref name="shard"/>; the inner and index codecs are built here.</summary>
    public static ShardingCodec Create(CodecConfig cfg, ChunkRepresentation shard, string where)
    {
        var raw = cfg.Get("chunk_shape") ?? throw cfg.Error("chunk_shape", "is required");
        var chunkShape = MetadataReader.ReadShape(raw, where + " sharding_indexed chunk_shape");
        if (chunkShape.Length != shard.Shape.Length)
        {
            throw cfg.Error("chunk_shape", $"has {chunkShape.Length} dimensions, the shard {shard.Shape.Length}");
        }

        for (var d = 0; d < chunkShape.Length; d++)
        {
            if (chunkShape[d] <= 0 || chunkShape[d] > int.MaxValue || shard.Shape[d] % chunkShape[d] != 0)
            {
                throw cfg.Error("chunk_shape", $"[{string.Join(',', chunkShape)}] must evenly divide the shard shape [{string.Join(',', shard.Shape)}]");
            }
        }

        var inner = shard.WithShape(chunkShape.Select(c => (int)c).ToArray());
        var innerCodecs = CodecFactory.BuildV3(cfg.Get("codecs") ?? throw cfg.Error("codecs", "is required"), inner, where + " sharding_indexed codecs");
        var indexRepr = IndexRepresentation(new ChunkGrid(shard.Shape.Select(s => (long)s).ToArray(), chunkShape.Select(c => (int)c).ToArray()));
        var indexCodecs = cfg.Get("index_codecs") is { } ic
            ? CodecFactory.BuildV3(ic, indexRepr, where + " sharding_indexed index_codecs")
            : new CodecChain([], new BytesCodec(DataTypes.ZarrByteOrder.Little), [new Crc32cCodec()]);
        if (indexCodecs.ArrayToArray.Count > 0 || indexCodecs.ArrayToBytes is not BytesCodec || indexCodecs.BytesToBytes.Any(c => c is not Crc32cCodec))
        {
            throw cfg.Error("index_codecs", "may only hold bytes and crc32c (a fixed-size index)");
        }

        var location = cfg.GetString("index_location", "end") switch
        {
            "end" => ShardIndexLocation.End,
            "start" => ShardIndexLocation.Start,
            var other => throw cfg.Error("index_location", $"must be \"start\" or \"end\", not '{other}'"),
        };
        return new ShardingCodec(chunkShape.Select(c => (int)c).ToArray(), innerCodecs, indexCodecs, location);
    }

    public ShardingCodec(int[] chunkShape, CodecChain innerCodecs, CodecChain indexCodecs, ShardIndexLocation location)
    {
        ChunkShape = chunkShape;
        InnerCodecs = innerCodecs;
        IndexCodecs = indexCodecs;
        Location = location;
    }

    public int[] ChunkShape { get; }

    public CodecChain InnerCodecs { get; }

    public CodecChain IndexCodecs { get; }

    public ShardIndexLocation Location { get; }

    public string Name => Registration.Name;


    /// <summary>The inner chunks' grid over a shard.</summary>
    public ChunkGrid InnerGrid(int[] shardShape) => new(shardShape.Select(s => (long)s).ToArray(), ChunkShape);

    /// <summary>Reads regions of a shard by its index and the byte ranges of the inner chunks they touch.</summary>
    public IPartialDecoder CreatePartialDecoder(CodecChain chain) => new ShardPartialDecoder(this);

    public ChunkRepresentation InnerRepresentation(ChunkRepresentation shard) => shard.WithShape(ChunkShape);

    public ChunkRepresentation IndexRepresentation(int[] shardShape) =>
        IndexRepresentation(InnerGrid(shardShape));

    /// <summary>The index of a shard whose inner chunks form <paramref name="grid"/>: (offset, length) per inner chunk, as uint64.</summary>
    private static ChunkRepresentation IndexRepresentation(ChunkGrid grid) =>
        new([.. grid.GridShape.Select(g => (int)g), 2], DataTypes.ZarrDataType.Create(DataTypes.ZarrDataTypeKind.UInt64), new byte[8]);

    public int IndexCount(int[] shardShape) => (int)InnerGrid(shardShape).ChunkCount;

    public long IndexEncodedSize(int[] shardShape) => IndexCodecs.MaxEncodedSize(IndexRepresentation(shardShape));

    public long MaxEncodedSize(ChunkRepresentation decoded) =>
        (IndexCount(decoded.Shape) * InnerCodecs.MaxEncodedSize(InnerRepresentation(decoded))) + IndexEncodedSize(decoded.Shape);

    public byte[] Decode(ReadOnlyMemory<byte> encoded, ChunkRepresentation decoded, string key, bool owned)
    {
        var indexSize = IndexEncodedSize(decoded.Shape);
        if (encoded.Length < indexSize)
        {
            throw new ZarrFormatException($"{key}: the shard has {encoded.Length} bytes, fewer than its {indexSize}-byte index.");
        }

        var indexBytes = Location == ShardIndexLocation.End ? encoded[^(int)indexSize..] : encoded[..(int)indexSize];
        var inner = InnerRepresentation(decoded);
        var index = ParseIndex(indexBytes, decoded, encoded.Length, key);
        var result = new byte[decoded.ByteSize];
        RegionCopy.Fill(result, decoded.FillValue);
        var grid = InnerGrid(decoded.Shape);
        foreach (var coords in grid.AllChunks())
        {
            var i = (int)grid.IndexOf(coords);
            if (index.IsMissing(i))
            {
                continue;
            }

            var (offset, length) = index[i];
            var chunk = InnerCodecs.Decode(encoded.Slice((int)offset, length), inner, $"{key} (inner chunk {i})");
            CopyInner(chunk, result, grid.ChunkStart(coords), decoded);
        }

        return result;
    }

    public ShardIndex ParseIndex(ReadOnlyMemory<byte> indexBytes, ChunkRepresentation shard, long? shardSize, string key)
    {
        var raw = IndexCodecs.Decode(indexBytes, IndexRepresentation(shard.Shape), key + " (shard index)");
        return ShardIndex.Parse(raw, IndexCount(shard.Shape), InnerCodecs.MaxEncodedSize(InnerRepresentation(shard)), shardSize, key);
    }

    public void CopyInner(byte[] chunk, Span<byte> shardBuffer, long[] start, ChunkRepresentation shard)
    {
        var rank = ChunkShape.Length;
        var inner = new long[rank];
        var outer = new long[rank];
        for (var d = 0; d < rank; d++)
        {
            inner[d] = ChunkShape[d];
            outer[d] = shard.Shape[d];
        }

        RegionCopy.Copy(chunk, inner, new long[rank], shardBuffer, outer, start, inner, shard.DataType.Size);
    }

    public ReadOnlyMemory<byte> Encode(byte[] decoded, ChunkRepresentation representation)
    {
        var inner = InnerRepresentation(representation);
        var grid = InnerGrid(representation.Shape);
        var count = IndexCount(representation.Shape);
        var rank = ChunkShape.Length;
        var parts = new List<ReadOnlyMemory<byte>>();
        var entries = new (long, long)?[count];
        var indexSize = IndexEncodedSize(representation.Shape);
        long position = Location == ShardIndexLocation.Start ? indexSize : 0;
        var size = ChunkShape.Select(c => (long)c).ToArray();
        var outer = representation.Shape.Select(s => (long)s).ToArray();
        foreach (var coords in grid.AllChunks())
        {
            // A new buffer each time: an encoder may hand back its input (bytes, little endian) and parts keep it.
            var chunk = new byte[inner.ByteSize];
            var start = grid.ChunkStart(coords);
            RegionCopy.Copy(decoded, outer, start, chunk, size, new long[rank], size, representation.DataType.Size);
            if (RegionCopy.IsAll(chunk, representation.FillValue))
            {
                continue;
            }

            var encoded = InnerCodecs.Encode(chunk, inner);
            var i = (int)grid.IndexOf(coords);
            entries[i] = (position, encoded.Length);
            position += encoded.Length;
            parts.Add(encoded);
        }

        var index = IndexCodecs.Encode(ShardIndex.Write(entries), IndexRepresentation(representation.Shape));
        var result = new byte[position + (Location == ShardIndexLocation.End ? index.Length : 0)];
        var at = Location == ShardIndexLocation.Start ? index.Length : 0;
        if (Location == ShardIndexLocation.Start)
        {
            index.Span.CopyTo(result);
        }

        foreach (var part in parts)
        {
            part.Span.CopyTo(result.AsSpan(at));
            at += part.Length;
        }

        if (Location == ShardIndexLocation.End)
        {
            index.Span.CopyTo(result.AsSpan(at));
        }

        return result;
    }

    public void WriteV3(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("name", Name);
        writer.WriteStartObject("configuration");
        writer.WriteStartArray("chunk_shape");
        foreach (var c in ChunkShape)
        {
            writer.WriteNumberValue(c);
        }

        writer.WriteEndArray();
        writer.WriteStartArray("codecs");
        foreach (var c in InnerCodecs.All)
        {
            c.WriteV3(writer);
        }

        writer.WriteEndArray();
        writer.WriteStartArray("index_codecs");
        foreach (var c in IndexCodecs.All)
        {
            c.WriteV3(writer);
        }

        writer.WriteEndArray();
        writer.WriteString("index_location", Location == ShardIndexLocation.End ? "end" : "start");
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    public void WriteV2(Utf8JsonWriter writer) => throw new InvalidOperationException("sharding_indexed has no v2 form.");
}
