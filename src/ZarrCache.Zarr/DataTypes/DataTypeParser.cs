using System.Globalization;

namespace ZarrCache.Zarr.DataTypes;

/// <summary>Parses v2 and v3 data type names (with a v3 type's configuration); refuses structured and raw types by name.</summary>
internal static class DataTypeParser
{
    /// <summary>Parses a v2 dtype; <c>|O</c> takes its kind from <paramref name="objectCodec"/> (the id of the array's object codec filter).</summary>
    public static ZarrDataType ParseV2(string dtype, string? objectCodec, string where)
    {
        if (dtype.Length < 2)
        {
            throw Refused(where, dtype);
        }

        var order = dtype[0] switch
        {
            '<' => ZarrByteOrder.Little,
            '>' => ZarrByteOrder.Big,
            '|' or '=' => ZarrByteOrder.NotApplicable,
            _ => throw Refused(where, dtype),
        };
        var code = dtype[1];
        var rest = dtype[2..];
        if (code is 'M' or 'm')
        {
            if (rest.Length < 4 || rest[0] != '8' || rest[1] != '[' || rest[^1] != ']' || NumpyTimeUnit.Parse(rest[2..^1]) is null)
            {
                throw Refused(where, dtype);
            }

            return ZarrDataType.CreateTime(code == 'M', rest[2..^1], order == ZarrByteOrder.Big ? ZarrByteOrder.Big : ZarrByteOrder.Little);
        }

        if (code == 'O' && rest.Length == 0)
        {
            return objectCodec switch
            {
                "vlen-utf8" or "json2" => ZarrDataType.CreateVariableLength(ZarrDataTypeKind.String),
                "vlen-bytes" => ZarrDataType.CreateVariableLength(ZarrDataTypeKind.VariableBytes),
                null => throw new ZarrFormatException($"{where}: data type '|O' (objects) is not supported without an object codec filter (vlen-utf8, vlen-bytes or json2), and the array has none."),
                _ => throw new ZarrFormatException($"{where}: data type '|O' with the object codec '{objectCodec}' is not supported (only vlen-utf8, vlen-bytes and json2 of strings are)."),
            };
        }

        if (!int.TryParse(rest, NumberStyles.None, CultureInfo.InvariantCulture, out var size))
        {
            throw Refused(where, dtype);
        }

        if (code is 'U' or 'S')
        {
            return size < 1 || size > Array.MaxLength / 4 ? throw Refused(where, dtype)
                : code == 'U' ? ZarrDataType.CreateFixedString(size, order == ZarrByteOrder.Big ? ZarrByteOrder.Big : ZarrByteOrder.Little)
                : ZarrDataType.CreateFixedBytes(size);
        }

        ZarrDataTypeKind? kind = (code, size) switch
        {
            ('b', 1) => ZarrDataTypeKind.Bool,
            ('i', 1) => ZarrDataTypeKind.Int8,
            ('i', 2) => ZarrDataTypeKind.Int16,
            ('i', 4) => ZarrDataTypeKind.Int32,
            ('i', 8) => ZarrDataTypeKind.Int64,
            ('u', 1) => ZarrDataTypeKind.UInt8,
            ('u', 2) => ZarrDataTypeKind.UInt16,
            ('u', 4) => ZarrDataTypeKind.UInt32,
            ('u', 8) => ZarrDataTypeKind.UInt64,
            ('f', 2) => ZarrDataTypeKind.Float16,
            ('f', 4) => ZarrDataTypeKind.Float32,
            ('f', 8) => ZarrDataTypeKind.Float64,
            ('c', 8) => ZarrDataTypeKind.Complex64,
            ('c', 16) => ZarrDataTypeKind.Complex128,
            _ => null,
        };
        if (kind is null)
        {
            throw Refused(where, dtype);
        }

        if (order == ZarrByteOrder.NotApplicable && size > 1)
        {
            order = ZarrByteOrder.Little;
        }

        return ZarrDataType.Create(kind.Value, order);
    }

    /// <summary>Parses a v3 data type: a name, with the configuration of the types that have one (times, fixed-length strings).</summary>
    public static ZarrDataType ParseV3(string name, JsonElement? configuration, string where)
    {
        switch (name)
        {
            case "numpy.datetime64" or "numpy.timedelta64":
                {
                    var unit = ConfigString(configuration, "unit", name, where);
                    var scale = ConfigInt(configuration, "scale_factor", name, where, 1);
                    var text = scale == 1 ? unit : scale.ToString(CultureInfo.InvariantCulture) + unit;
                    return NumpyTimeUnit.Parse(text) is { } parsed && parsed.Unit == unit && parsed.Scale == scale
                        ? ZarrDataType.CreateTime(name == "numpy.datetime64", text)
                        : throw new ZarrFormatException($"{where}: data type '{name}' configuration unit '{unit}' with scale_factor {scale} is not a NumPy time unit (Y, M, W, D, h, m, s, ms, us, ns, ps, fs, as; scale 1 to 2147483647).");
                }

            case "fixed_length_utf32":
                {
                    var bytes = ConfigInt(configuration, "length_bytes", name, where, null);
                    return bytes < 4 || bytes % 4 != 0
                        ? throw new ZarrFormatException($"{where}: data type '{name}' length_bytes {bytes} is not a positive multiple of 4.")
                        : ZarrDataType.CreateFixedString((int)(bytes / 4));
                }

            case "null_terminated_bytes":
                {
                    var bytes = ConfigInt(configuration, "length_bytes", name, where, null);
                    return bytes < 1 ? throw new ZarrFormatException($"{where}: data type '{name}' length_bytes {bytes} is not positive.")
                        : ZarrDataType.CreateFixedBytes((int)bytes);
                }

            case "string" or "variable_length_utf8":
                return ZarrDataType.CreateVariableLength(ZarrDataTypeKind.String);
            case "bytes" or "variable_length_bytes":
                return ZarrDataType.CreateVariableLength(ZarrDataTypeKind.VariableBytes);
        }

        ZarrDataTypeKind? kind = name switch
        {
            "bool" => ZarrDataTypeKind.Bool,
            "int8" => ZarrDataTypeKind.Int8,
            "int16" => ZarrDataTypeKind.Int16,
            "int32" => ZarrDataTypeKind.Int32,
            "int64" => ZarrDataTypeKind.Int64,
            "uint8" => ZarrDataTypeKind.UInt8,
            "uint16" => ZarrDataTypeKind.UInt16,
            "uint32" => ZarrDataTypeKind.UInt32,
            "uint64" => ZarrDataTypeKind.UInt64,
            "float16" => ZarrDataTypeKind.Float16,
            "float32" => ZarrDataTypeKind.Float32,
            "float64" => ZarrDataTypeKind.Float64,
            "complex64" => ZarrDataTypeKind.Complex64,
            "complex128" => ZarrDataTypeKind.Complex128,
            _ => null,
        };
        return kind is null ? throw Refused(where, name) : ZarrDataType.Create(kind.Value);
    }

    private static string ConfigString(JsonElement? configuration, string field, string name, string where) =>
        configuration is { ValueKind: JsonValueKind.Object } c && c.TryGetProperty(field, out var v) && v.ValueKind == JsonValueKind.String
            ? v.GetString()!
            : throw new ZarrFormatException($"{where}: data type '{name}' needs a string configuration field '{field}'.");

    private static long ConfigInt(JsonElement? configuration, string field, string name, string where, long? fallback)
    {
        if (configuration is { ValueKind: JsonValueKind.Object } c && c.TryGetProperty(field, out var v))
        {
            return v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n)
                ? n
                : throw new ZarrFormatException($"{where}: data type '{name}' configuration field '{field}' must be an integer, not {v.GetRawText()}.");
        }

        return fallback ?? throw new ZarrFormatException($"{where}: data type '{name}' needs an integer configuration field '{field}'.");
    }

    private static ZarrFormatException Refused(string where, string dtype) =>
        new($"{where}: data type '{dtype}' is not supported (numbers, bool, complex, datetime64/timedelta64, fixed and variable-length strings are; structured, raw and other object types are refused).");
}
