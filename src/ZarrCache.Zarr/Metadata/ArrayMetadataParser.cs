using ZarrCache.Zarr.Codecs;
using ZarrCache.Zarr.DataTypes;

namespace ZarrCache.Zarr.Metadata;

/// <summary>Parses v2 <c>.zarray</c> (+ <c>.zattrs</c>) and v3 <c>zarr.json</c> array documents.</summary>
internal static class ArrayMetadataParser
{
    public static ArrayMetadata ParseV2(JsonElement zarray, JsonElement? zattrs, string where)
    {
        MetadataReader.Object(zarray, where);
        var format = MetadataReader.RequiredInt(zarray, "zarr_format", where);
        if (format != 2)
        {
            throw new ZarrFormatException($"{where}: zarr_format is {format}, 2 expected.");
        }

        var shape = MetadataReader.ReadShape(MetadataReader.Required(zarray, "shape", where), where + " shape");
        var chunks = MetadataReader.ReadChunkShape(MetadataReader.Required(zarray, "chunks", where), shape.Length, where + " chunks");
        var dtypeElement = MetadataReader.Required(zarray, "dtype", where);
        if (dtypeElement.ValueKind != JsonValueKind.String)
        {
            throw new ZarrFormatException($"{where}: data type {dtypeElement.GetRawText()} is not supported (structured types are refused).");
        }

        var dataType = DataTypeParser.ParseV2(dtypeElement.GetString()!, ObjectCodecId(MetadataReader.Optional(zarray, "filters")), where);
        var fillElement = MetadataReader.Optional(zarray, "fill_value");
        var fill = FillValueParser.Parse(fillElement, dataType, where);
        var order = zarray.TryGetProperty("order", out var o) && o.ValueKind == JsonValueKind.String ? o.GetString()! : "C";
        if (order is not ("C" or "F"))
        {
            throw new ZarrFormatException($"{where}: order must be \"C\" or \"F\", not '{order}'.");
        }

        var separator = MetadataReader.Optional(zarray, "dimension_separator") is { } s
            ? s.ValueKind == JsonValueKind.String && s.GetString() is "." or "/" ? s.GetString()![0]
                : throw new ZarrFormatException($"{where}: dimension_separator must be \".\" or \"/\".")
            : '.';
        var repr = new ChunkRepresentation(chunks, dataType, fill);
        var codecs = CodecFactory.BuildV2(MetadataReader.Optional(zarray, "compressor"), MetadataReader.Optional(zarray, "filters"), repr, order == "F", where);
        return new ArrayMetadata
        {
            ZarrFormat = 2,
            Shape = shape,
            ChunkRepresentation = repr,
            Codecs = codecs,
            KeyEncoding = new ChunkKeyEncoding(isDefault: false, separator),
            Attributes = MetadataReader.Attributes(zattrs, where + " .zattrs"),
            Order = order,
            NullFill = FillValueParser.IsNull(fillElement),
        };
    }

    /// <summary>The id of the first v2 filter, which for an object (<c>|O</c>) array is its object codec; null when there are no filters.</summary>
    private static string? ObjectCodecId(JsonElement? filters) =>
        filters is { ValueKind: JsonValueKind.Array } list && list.GetArrayLength() > 0 && list[0].ValueKind == JsonValueKind.Object
            && list[0].TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String
            ? id.GetString()
            : null;

    public static ArrayMetadata ParseV3(JsonElement doc, string where)
    {
        MetadataReader.Object(doc, where);
        var format = MetadataReader.RequiredInt(doc, "zarr_format", where);
        if (format != 3)
        {
            throw new ZarrFormatException($"{where}: zarr_format is {format}, 3 expected.");
        }

        var nodeType = MetadataReader.RequiredString(doc, "node_type", where);
        if (nodeType != "array")
        {
            throw new ZarrFormatException($"{where}: node_type is '{nodeType}', not an array.");
        }

        var shape = MetadataReader.ReadShape(MetadataReader.Required(doc, "shape", where), where + " shape");
        var dtypeElement = MetadataReader.Required(doc, "data_type", where);
        var dtypeName = dtypeElement.ValueKind switch
        {
            JsonValueKind.String => dtypeElement.GetString()!,
            JsonValueKind.Object when dtypeElement.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String => n.GetString()!,
            _ => dtypeElement.GetRawText(),
        };
        var dataType = DataTypeParser.ParseV3(dtypeName, dtypeElement.ValueKind == JsonValueKind.Object ? MetadataReader.Optional(dtypeElement, "configuration") : null, where);
        var grid = MetadataReader.Object(MetadataReader.Required(doc, "chunk_grid", where), where + " chunk_grid");
        var gridName = MetadataReader.RequiredString(grid, "name", where + " chunk_grid");
        if (gridName != "regular")
        {
            throw new ZarrFormatException($"{where}: chunk_grid '{gridName}' is not supported (only 'regular').");
        }

        var gridConfig = MetadataReader.Required(grid, "configuration", where + " chunk_grid");
        var chunks = MetadataReader.ReadChunkShape(MetadataReader.Required(gridConfig, "chunk_shape", where + " chunk_grid"), shape.Length, where + " chunk_grid chunk_shape");
        var keyEncoding = ParseKeyEncoding(MetadataReader.Optional(doc, "chunk_key_encoding"), where);
        var fillElement = MetadataReader.Required(doc, "fill_value", where);
        var fill = FillValueParser.Parse(fillElement, dataType, where);
        if (MetadataReader.Optional(doc, "storage_transformers") is { ValueKind: JsonValueKind.Array } st && st.GetArrayLength() > 0)
        {
            throw new ZarrFormatException($"{where}: storage_transformers are not supported.");
        }

        var repr = new ChunkRepresentation(chunks, dataType, fill);
        var codecs = CodecFactory.BuildV3(MetadataReader.Required(doc, "codecs", where), repr, where);
        string?[]? names = null;
        if (MetadataReader.Optional(doc, "dimension_names") is { ValueKind: JsonValueKind.Array } dn)
        {
            names = dn.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString() : null).ToArray();
            if (names.Length != shape.Length)
            {
                throw new ZarrFormatException($"{where}: dimension_names has {names.Length} entries, the array {shape.Length} dimensions.");
            }
        }

        return new ArrayMetadata
        {
            ZarrFormat = 3,
            Shape = shape,
            ChunkRepresentation = repr,
            Codecs = codecs,
            KeyEncoding = keyEncoding,
            Attributes = MetadataReader.Attributes(MetadataReader.Optional(doc, "attributes"), where + " attributes"),
            DimensionNames = names,
            NullFill = FillValueParser.IsNull(fillElement),
        };
    }

    private static ChunkKeyEncoding ParseKeyEncoding(JsonElement? element, string where)
    {
        if (element is not { } e)
        {
            return new ChunkKeyEncoding(isDefault: true, '/');
        }

        var name = e.ValueKind == JsonValueKind.String ? e.GetString()! : MetadataReader.RequiredString(e, "name", where + " chunk_key_encoding");
        var isDefault = name switch
        {
            "default" => true,
            "v2" => false,
            _ => throw new ZarrFormatException($"{where}: chunk_key_encoding '{name}' is not supported."),
        };
        var separator = isDefault ? '/' : '.';
        if (e.ValueKind == JsonValueKind.Object && MetadataReader.Optional(e, "configuration") is { } c
            && MetadataReader.Optional(c, "separator") is { } s)
        {
            separator = s.ValueKind == JsonValueKind.String && s.GetString() is "/" or "." ? s.GetString()![0]
                : throw new ZarrFormatException($"{where}: chunk_key_encoding separator must be \"/\" or \".\".");
        }

        return new ChunkKeyEncoding(isDefault, separator);
    }
}
