using System.Globalization;

namespace ZarrCache.Zarr.DataTypes;

/// <summary>Parses v2 and v3 data type names; refuses object, string and structured types by name.</summary>
internal static class DataTypeParser
{
    public static ZarrDataType ParseV2(string dtype, string where)
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
            if (rest.Length < 4 || rest[0] != '8' || rest[1] != '[' || rest[^1] != ']')
            {
                throw Refused(where, dtype);
            }

            var unit = rest[2..^1];
            if (unit is not ("Y" or "M" or "W" or "D" or "h" or "m" or "s" or "ms" or "us" or "μs" or "ns" or "ps" or "fs" or "as")
                && !(unit.Length > 1 && char.IsAsciiDigit(unit[0])))
            {
                throw Refused(where, dtype);
            }

            return ZarrDataType.CreateTime(code == 'M', unit, order == ZarrByteOrder.NotApplicable ? ZarrByteOrder.Little : order);
        }

        if (!int.TryParse(rest, NumberStyles.None, CultureInfo.InvariantCulture, out var size))
        {
            throw Refused(where, dtype);
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

    public static ZarrDataType ParseV3(string name, string where)
    {
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

    private static ZarrFormatException Refused(string where, string dtype) =>
        new($"{where}: data type '{dtype}' is not supported (only bool, integers, floats and complex numbers are; object, string and structured types are refused).");
}
