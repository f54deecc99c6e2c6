using ZarrCache.Zarr.Codecs;
using ZarrCache.Zarr.Codecs.VariableLength;
using ZarrCache.Zarr.DataTypes;
using ZarrCache.Zarr.Sharding;

namespace ZarrCache.Zarr.Metadata;

/// <summary>Writes the metadata document of a new array from <see cref="ZarrArrayOptions"/>.</summary>
internal static class ArrayMetadataWriter
{
    public static byte[] Write(ZarrArrayOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.ValidateForCreate();
        if (options.Shape!.Count != options.ChunkShape!.Count)
        {
            throw new ArgumentException($"Shape has {options.Shape.Count} dimensions, ChunkShape {options.ChunkShape.Count}.", nameof(options));
        }

        var type = (options.ElementType ?? ZarrDataType.Create(options.DataType!.Value)).WithByteOrder(options.BigEndian ? ZarrByteOrder.Big : ZarrByteOrder.Little);
        if (options.ZarrFormat is not (2 or 3))
        {
            throw new ArgumentException($"ZarrFormat is 2 or 3, not {options.ZarrFormat}.", nameof(options));
        }

        return MetadataJson.Write(w =>
        {
            w.WriteStartObject();
            if (options.ZarrFormat == 2)
            {
                WriteV2(w, options, type);
            }
            else
            {
                WriteV3(w, options, type);
            }

            w.WriteEndObject();
        });
    }

    public static byte[] Attributes(IReadOnlyDictionary<string, JsonElement>? attributes) => MetadataJson.Write(w => WriteAttributes(w, attributes));

    private static void WriteV2(Utf8JsonWriter w, ZarrArrayOptions o, ZarrDataType type)
    {
        if (o.InnerChunkShape is not null || o.DimensionNames is not null)
        {
            throw new ArgumentException("Sharding and DimensionNames need ZarrFormat 3.", nameof(o));
        }

        w.WriteNumber("zarr_format", 2);
        WriteList(w, "shape", o.Shape!);
        WriteList(w, "chunks", o.ChunkShape!.Select(c => (long)c).ToArray());
        w.WriteString("dtype", type.V2Name);
        w.WritePropertyName("compressor");
        if (o.Compressor is { } c)
        {
            Compressor(c, type).WriteV2(w);
        }
        else
        {
            w.WriteNullValue();
        }

        w.WritePropertyName("fill_value");
        WriteFill(w, type, o.FillValue, v2: true);
        w.WriteString("order", o.Order is "C" or "F" ? o.Order : throw new ArgumentException("Order is \"C\" or \"F\".", nameof(o)));
        if (o.Checksum || type.IsVariableLength)
        {
            w.WriteStartArray("filters");
            if (type.IsVariableLength)
            {
                ObjectCodec(type).WriteV2(w);
            }

            if (o.Checksum)
            {
                Checksum(o.ChecksumKind).WriteV2(w);
            }

            w.WriteEndArray();
        }
        else
        {
            w.WriteNull("filters");
        }

        w.WriteString("dimension_separator", (o.Separator ?? '.').ToString());
    }

    private static void WriteV3(Utf8JsonWriter w, ZarrArrayOptions o, ZarrDataType type)
    {
        if (o.BigEndian || o.Order != "C")
        {
            throw new ArgumentException("BigEndian and Order \"F\" are v2 options.", nameof(o));
        }

        w.WriteNumber("zarr_format", 3);
        w.WriteString("node_type", "array");
        WriteList(w, "shape", o.Shape!);
        if (type.HasV3Configuration)
        {
            WriteV3DataType(w, type);
        }
        else
        {
            w.WriteString("data_type", type.Name);
        }

        w.WriteStartObject("chunk_grid");
        w.WriteString("name", "regular");
        w.WriteStartObject("configuration");
        WriteList(w, "chunk_shape", o.ChunkShape!.Select(c => (long)c).ToArray());
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteStartObject("chunk_key_encoding");
        w.WriteString("name", "default");
        w.WriteStartObject("configuration");
        w.WriteString("separator", (o.Separator ?? '/').ToString());
        w.WriteEndObject();
        w.WriteEndObject();
        w.WritePropertyName("fill_value");
        WriteFill(w, type, o.FillValue, v2: false);
        w.WriteStartArray("codecs");
        if (o.InnerChunkShape is { } inner)
        {
            if (type.IsVariableLength)
            {
                throw new ArgumentException("Sharded arrays of variable-length strings are not supported: leave InnerChunkShape unset.", nameof(o));
            }

            w.WriteStartObject();
            w.WriteString("name", "sharding_indexed");
            w.WriteStartObject("configuration");
            WriteList(w, "chunk_shape", inner.Select(c => (long)c).ToArray());
            w.WriteStartArray("codecs");
            WriteChunkCodecs(w, o, type);
            w.WriteEndArray();
            w.WriteStartArray("index_codecs");
            new BytesCodec(ZarrByteOrder.Little).WriteV3(w);
            new Crc32cCodec().WriteV3(w);
            w.WriteEndArray();
            w.WriteString("index_location", o.IndexLocation == ShardIndexLocation.End ? "end" : "start");
            w.WriteEndObject();
            w.WriteEndObject();
        }
        else
        {
            WriteChunkCodecs(w, o, type);
        }

        w.WriteEndArray();
        w.WritePropertyName("attributes");
        WriteAttributes(w, o.Attributes);
        if (o.DimensionNames is { } names)
        {
            w.WriteStartArray("dimension_names");
            foreach (var n in names)
            {
                w.WriteStringValue(n);
            }

            w.WriteEndArray();
        }
    }

    private static void WriteChunkCodecs(Utf8JsonWriter w, ZarrArrayOptions o, ZarrDataType type)
    {
        if (type.IsVariableLength)
        {
            ObjectCodec(type).WriteV3(w);
        }
        else
        {
            new BytesCodec(ZarrByteOrder.Little).WriteV3(w);
        }

        if (o.Compressor is { } c)
        {
            Compressor(c, type).WriteV3(w);
        }

        if (o.Checksum)
        {
            Checksum(o.ChecksumKind).WriteV3(w);
        }
    }

    /// <summary>The object codec of a variable-length type: vlen-utf8 for strings, vlen-bytes for byte strings.</summary>
    private static VLenCodec ObjectCodec(ZarrDataType type) => new(type.Kind == ZarrDataTypeKind.String ? "vlen-utf8" : "vlen-bytes");

    /// <summary>A v3 data type with its configuration: times' unit and scale factor, fixed-length strings' byte length.</summary>
    private static void WriteV3DataType(Utf8JsonWriter w, ZarrDataType type)
    {
        w.WriteStartObject("data_type");
        w.WriteString("name", type.Name);
        w.WriteStartObject("configuration");
        if (type.IsTime)
        {
            w.WriteString("unit", type.TimeBaseUnit);
            w.WriteNumber("scale_factor", type.TimeScaleFactor);
        }
        else
        {
            w.WriteNumber("length_bytes", type.Size);
        }

        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static IBytesToBytesCodec Checksum(ZarrChecksum kind) => kind switch
    {
        ZarrChecksum.Crc32c => new Crc32cCodec(),
        ZarrChecksum.Adler32 => new Adler32Codec(atStart: true),
        ZarrChecksum.Fletcher32 => new Fletcher32Codec(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a ZarrChecksum."),
    };

    /// <summary>
    /// The codec of <paramref name="c"/>, whose name is a numcodecs id configured in numcodecs' form; the codec
    /// itself knows the v3 name it writes (<c>gzip</c>, <c>numcodecs.zlib</c>, …).
    /// </summary>
    private static IBytesToBytesCodec Compressor(ZarrCompressor c, ZarrDataType type)
    {
        using var doc = JsonDocument.Parse(c.Name == "blosc"
            ? $"{{\"cname\":\"{c.BloscCName}\",\"clevel\":{c.Level},\"shuffle\":{(int)c.BloscShuffle},\"typesize\":{Math.Max(1, type.Size)},\"blocksize\":0}}"
            : c.Name == "lz4" ? "{\"acceleration\":1}" : $"{{\"level\":{c.Level}}}");
        var cfg = new CodecConfig(c.Name, doc.RootElement.Clone(), "new array compressor");
        return CodecFactory.CreateBytesToBytes(c.Name, cfg, Math.Max(1, type.Size), v2: true);
    }

    private static void WriteFill(Utf8JsonWriter w, ZarrDataType type, double value, bool v2)
    {
        if (type.IsString)
        {
            StringFillValue.Write(w, type, string.Empty);
            return;
        }

        if (type.IsTime && double.IsNaN(value))
        {
            if (v2)
            {
                w.WriteNumberValue(ZarrTime.NaT);
            }
            else
            {
                w.WriteStringValue("NaT");
            }

            return;
        }

        if (type.IsComplex)
        {
            w.WriteStartArray();
            WriteScalar(w, ZarrDataTypeKind.Float64, value);
            w.WriteNumberValue(0);
            w.WriteEndArray();
            return;
        }

        WriteScalar(w, type.Kind, value);
    }

    private static void WriteScalar(Utf8JsonWriter w, ZarrDataTypeKind kind, double value)
    {
        if (kind == ZarrDataTypeKind.Bool)
        {
            w.WriteBooleanValue(value != 0);
        }
        else if (kind is ZarrDataTypeKind.Float16 or ZarrDataTypeKind.Float32 or ZarrDataTypeKind.Float64)
        {
            if (double.IsNaN(value))
            {
                w.WriteStringValue("NaN");
            }
            else if (double.IsInfinity(value))
            {
                w.WriteStringValue(value > 0 ? "Infinity" : "-Infinity");
            }
            else
            {
                w.WriteNumberValue(value);
            }
        }
        else if (value != Math.Floor(value) || !double.IsFinite(value))
        {
            throw new ArgumentException($"Fill value {value} is not an integer.", nameof(value));
        }
        else if (kind == ZarrDataTypeKind.UInt64)
        {
            w.WriteNumberValue((ulong)value);
        }
        else
        {
            w.WriteNumberValue((long)value);
        }
    }

    private static void WriteList(Utf8JsonWriter w, string name, IReadOnlyList<long> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values)
        {
            w.WriteNumberValue(v);
        }

        w.WriteEndArray();
    }

    private static void WriteAttributes(Utf8JsonWriter w, IReadOnlyDictionary<string, JsonElement>? attributes)
    {
        w.WriteStartObject();
        foreach (var (k, v) in attributes ?? new Dictionary<string, JsonElement>())
        {
            w.WritePropertyName(k);
            v.WriteTo(w);
        }

        w.WriteEndObject();
    }
}
