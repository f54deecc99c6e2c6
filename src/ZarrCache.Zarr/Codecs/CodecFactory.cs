using System.Text.Json;
using ZarrCache.Zarr.DataTypes;
using ZarrCache.Zarr.Sharding;

namespace ZarrCache.Zarr.Codecs;

/// <summary>Builds codec chains from v3 <c>codecs</c> lists and v2 <c>compressor</c>/<c>filters</c>.</summary>
internal static class CodecFactory
{
    public static CodecChain BuildV3(JsonElement codecs, ChunkRepresentation representation, string where)
    {
        if (codecs.ValueKind != JsonValueKind.Array)
        {
            throw new ZarrFormatException($"{where}: 'codecs' must be a list.");
        }

        var a2a = new List<IArrayToArrayCodec>();
        IArrayToBytesCodec? a2b = null;
        var b2b = new List<IBytesToBytesCodec>();
        var repr = representation;
        foreach (var item in codecs.EnumerateArray())
        {
            var (name, config) = NameAndConfig(item, where);
            var cfg = new CodecConfig(name, config, where);
            switch (name)
            {
                case "transpose":
                case "numcodecs.delta":
                case "numcodecs.fixedscaleoffset":
                case "numcodecs.bitround":
                    if (a2b is not null)
                    {
                        throw new ZarrFormatException($"{where}: codec '{name}' (array to array) must come before the bytes codec.");
                    }

                    IArrayToArrayCodec codec = name switch
                    {
                        "transpose" => TransposeCodec.Create(cfg, repr.Shape.Length),
                        "numcodecs.delta" => DeltaCodec.Create(cfg, repr.DataType),
                        "numcodecs.bitround" => BitRoundCodec.Create(cfg, repr.DataType),
                        _ => FixedScaleOffsetCodec.Create(cfg, repr.DataType),
                    };
                    a2a.Add(codec);
                    repr = codec.EncodedRepresentation(repr);
                    break;
                case "bytes":
                case "endian":
                case "sharding_indexed":
                    if (a2b is not null)
                    {
                        throw new ZarrFormatException($"{where}: codec '{name}' is a second array-to-bytes codec; there must be exactly one.");
                    }

                    a2b = name == "sharding_indexed" ? CreateSharding(cfg, repr, where) : BytesCodec.Create(cfg);
                    break;
                default:
                    if (a2b is null)
                    {
                        throw new ZarrFormatException($"{where}: codec '{name}' must come after the bytes codec (or is not a known array codec).");
                    }

                    b2b.Add(CreateBytesToBytes(name, cfg, repr.DataType.Size, v2: false));
                    break;
            }
        }

        return a2b is null
            ? throw new ZarrFormatException($"{where}: 'codecs' has no array-to-bytes codec (such as 'bytes').")
            : new CodecChain(a2a, a2b, b2b);
    }

    public static CodecChain BuildV2(JsonElement? compressor, JsonElement? filters, ChunkRepresentation representation, bool fortranOrder, string where)
    {
        var a2a = new List<IArrayToArrayCodec>();
        var b2b = new List<IBytesToBytesCodec>();
        var repr = representation;
        if (fortranOrder && repr.Shape.Length > 1)
        {
            var transpose = new TransposeCodec(Enumerable.Range(0, repr.Shape.Length).Reverse().ToArray());
            a2a.Add(transpose);
            repr = transpose.EncodedRepresentation(repr);
        }

        var storedType = representation.DataType;
        if (filters is { ValueKind: JsonValueKind.Array } list)
        {
            foreach (var filter in list.EnumerateArray())
            {
                var (id, cfg) = V2Config(filter, where + " filters");
                if (id is "delta" or "fixedscaleoffset" or "bitround")
                {
                    if (b2b.Count > 0)
                    {
                        throw new ZarrFormatException($"{where}: filter '{id}' after a byte-level filter is not supported.");
                    }

                    IArrayToArrayCodec codec = id switch
                    {
                        "delta" => DeltaCodec.Create(cfg, repr.DataType),
                        "bitround" => BitRoundCodec.Create(cfg, repr.DataType),
                        _ => FixedScaleOffsetCodec.Create(cfg, repr.DataType),
                    };
                    storedType = id switch
                    {
                        "delta" => NumcodecsDataType.Parse(cfg, "astype", NumcodecsDataType.Parse(cfg, "dtype", storedType)),
                        "bitround" => storedType,
                        _ => NumcodecsDataType.Parse(cfg, "astype", storedType),
                    };
                    a2a.Add(codec);
                    repr = codec.EncodedRepresentation(repr);
                }
                else
                {
                    b2b.Add(CreateBytesToBytes(id, cfg, repr.DataType.Size, v2: true));
                }
            }
        }
        else if (filters is { } f && f.ValueKind != JsonValueKind.Null)
        {
            throw new ZarrFormatException($"{where}: 'filters' must be a list or null.");
        }

        if (compressor is { } c && c.ValueKind != JsonValueKind.Null)
        {
            var (id, cfg) = V2Config(c, where + " compressor");
            b2b.Add(CreateBytesToBytes(id, cfg, repr.DataType.Size, v2: true));
        }

        return new CodecChain(a2a, new BytesCodec(storedType.ByteOrder == ZarrByteOrder.Big ? ZarrByteOrder.Big : ZarrByteOrder.Little), b2b);
    }

    public static IBytesToBytesCodec CreateBytesToBytes(string name, CodecConfig cfg, int itemSize, bool v2) => name switch
    {
        "gzip" => GzipCodec.Create(cfg, numcodecsName: false),
        "numcodecs.gzip" => GzipCodec.Create(cfg, numcodecsName: true),
        "zlib" or "numcodecs.zlib" => ZlibCodec.Create(cfg),
        "zstd" or "numcodecs.zstd" => ZstdCodec.Create(cfg),
        "lz4" or "numcodecs.lz4" => Lz4Codec.Create(cfg),
        "bz2" or "numcodecs.bz2" => Bz2Codec.Create(cfg),
        "crc32c" or "numcodecs.crc32c" => cfg.Has("location") && cfg.GetString("location") != "end"
            ? throw cfg.Error("location", "only \"end\" is supported") : new Crc32cCodec(),
        "shuffle" or "numcodecs.shuffle" => ShuffleCodec.Create(cfg, itemSize),
        "blosc" or "numcodecs.blosc" => v2 || name == "numcodecs.blosc" ? BloscCodec.CreateV2(cfg, itemSize) : BloscCodec.CreateV3(cfg, itemSize),
        _ => throw new ZarrFormatException($"{cfg.Where}: codec '{name}' is not supported."),
    };

    private static ShardingCodec CreateSharding(CodecConfig cfg, ChunkRepresentation shard, string where)
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
        var innerCodecs = BuildV3(cfg.Get("codecs") ?? throw cfg.Error("codecs", "is required"), inner, where + " sharding_indexed codecs");
        var perShard = shard.Shape.Select((s, i) => s / (int)chunkShape[i]).ToArray();
        var indexRepr = new ChunkRepresentation([.. perShard, 2], ZarrDataType.Create(ZarrDataTypeKind.UInt64), new byte[8]);
        var indexCodecs = cfg.Get("index_codecs") is { } ic
            ? BuildV3(ic, indexRepr, where + " sharding_indexed index_codecs")
            : new CodecChain([], new BytesCodec(ZarrByteOrder.Little), [new Crc32cCodec()]);
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

    private static (string Name, JsonElement? Config) NameAndConfig(JsonElement item, string where)
    {
        if (item.ValueKind == JsonValueKind.String)
        {
            return (item.GetString()!, null);
        }

        if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String)
        {
            throw new ZarrFormatException($"{where}: each codec must be an object with a string 'name'.");
        }

        return (name.GetString()!, item.TryGetProperty("configuration", out var c) ? c : null);
    }

    private static (string Id, CodecConfig Config) V2Config(JsonElement item, string where)
    {
        if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty("id", out var id) || id.ValueKind != JsonValueKind.String)
        {
            throw new ZarrFormatException($"{where}: a numcodecs configuration must be an object with a string 'id'.");
        }

        var name = id.GetString()!;
        return (name, new CodecConfig(name, item, where));
    }
}
