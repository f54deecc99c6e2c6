using System.Buffers.Binary;
using System.Globalization;

namespace ZarrCache.Zarr.DataTypes;

/// <summary>Turns a fill value from v2 or v3 metadata into one element's bytes (little endian).</summary>
internal static class FillValueParser
{
    /// <summary>The quiet NaN NumPy writes (sign bit clear); .NET's double.NaN has the sign bit set.</summary>
    public static readonly double CanonicalNaN = BitConverter.Int64BitsToDouble(0x7FF8000000000000);

    /// <summary>
    /// Parses a fill value into one element's bytes. A v2 <c>null</c> (or absent) reads as zero for numbers, NaT for
    /// times and empty for fixed-length strings; for variable-length types the bytes are the fill's UTF-8 (strings) or
    /// raw bytes (byte strings), empty for <c>null</c> (see <see cref="IsNull"/>).
    /// </summary>
    public static byte[] Parse(JsonElement? value, ZarrDataType type, string where)
    {
        var bytes = new byte[type.Size];
        if (IsNull(value))
        {
            if (type.IsTime)
            {
                BinaryPrimitives.WriteInt64LittleEndian(bytes, ZarrTime.NaT);
            }

            return bytes;
        }

        var v = value!.Value;
        try
        {
            if (type.IsString)
            {
                return StringFillValue.Parse(v, type);
            }

            if (type.IsTime && v.ValueKind == JsonValueKind.String && v.GetString() == "NaT")
            {
                BinaryPrimitives.WriteInt64LittleEndian(bytes, ZarrTime.NaT);
                return bytes;
            }

            if (type.IsComplex)
            {
                if (v.ValueKind != JsonValueKind.Array || v.GetArrayLength() != 2)
                {
                    if (v.ValueKind == JsonValueKind.Number || v.ValueKind == JsonValueKind.String)
                    {
                        WriteFloat(bytes.AsSpan(0, type.Size / 2), ParseFloat(v, type.Size / 2));
                        return bytes;
                    }

                    throw new FormatException("a complex fill value is a list [real, imaginary]");
                }

                var half = type.Size / 2;
                WriteFloat(bytes.AsSpan(0, half), ParseFloat(v[0], half));
                WriteFloat(bytes.AsSpan(half, half), ParseFloat(v[1], half));
                return bytes;
            }

            switch (type.Kind)
            {
                case ZarrDataTypeKind.Bool:
                    bytes[0] = v.ValueKind switch
                    {
                        JsonValueKind.True => 1,
                        JsonValueKind.False => 0,
                        JsonValueKind.Number when v.TryGetInt64(out var n) && n is 0 or 1 => (byte)n,
                        _ => throw new FormatException("a bool fill value is true or false"),
                    };
                    return bytes;
                case ZarrDataTypeKind.Float16 or ZarrDataTypeKind.Float32 or ZarrDataTypeKind.Float64:
                    WriteFloat(bytes, ParseFloat(v, type.Size));
                    return bytes;
                default:
                    WriteInteger(bytes, v, type);
                    return bytes;
            }
        }
        catch (Exception e) when (e is FormatException or OverflowException or InvalidOperationException or ArgumentException)
        {
            throw new ZarrFormatException($"{where}: fill_value {v.GetRawText()} is not valid for data type {type}: {e.Message}.", e);
        }
    }

    /// <summary>Whether a fill value is absent or <c>null</c> (for a variable-length type: elements of missing chunks read as null).</summary>
    public static bool IsNull(JsonElement? value) =>
        value is not { } v || v.ValueKind == JsonValueKind.Null || v.ValueKind == JsonValueKind.Undefined;

    private static double ParseFloat(JsonElement v, int size)
    {
        if (v.ValueKind == JsonValueKind.Number)
        {
            return v.GetDouble();
        }

        if (v.ValueKind == JsonValueKind.String && double.TryParse(v.GetString(), System.Globalization.NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) && double.IsFinite(parsed))
        {
            return parsed;
        }

        if (v.ValueKind != JsonValueKind.String)
        {
            throw new FormatException("expected a number or one of \"NaN\", \"Infinity\", \"-Infinity\", or a hex bit pattern");
        }

        var s = v.GetString()!;
        switch (s)
        {
            case "NaN":
                return CanonicalNaN;
            case "Infinity":
                return double.PositiveInfinity;
            case "-Infinity":
                return double.NegativeInfinity;
        }

        if (s.StartsWith("0x", StringComparison.OrdinalIgnoreCase) && s.Length == 2 + (size * 2))
        {
            var bits = ulong.Parse(s.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
            return size switch
            {
                2 => (double)BitConverter.UInt16BitsToHalf((ushort)bits),
                4 => BitConverter.Int32BitsToSingle((int)(uint)bits),
                _ => BitConverter.Int64BitsToDouble((long)bits),
            };
        }

        throw new FormatException($"'{s}' is not a number");
    }

    private static void WriteFloat(Span<byte> target, double value)
    {
        switch (target.Length)
        {
            case 2:
                BinaryPrimitives.WriteHalfLittleEndian(target, (Half)value);
                break;
            case 4:
                BinaryPrimitives.WriteSingleLittleEndian(target, (float)value);
                break;
            default:
                BinaryPrimitives.WriteDoubleLittleEndian(target, value);
                break;
        }
    }

    private static void WriteInteger(Span<byte> target, JsonElement v, ZarrDataType type)
    {
        if (v.ValueKind != JsonValueKind.Number)
        {
            throw new FormatException("an integer fill value is a JSON number");
        }

        var unsigned = type.Kind is ZarrDataTypeKind.UInt8 or ZarrDataTypeKind.UInt16 or ZarrDataTypeKind.UInt32 or ZarrDataTypeKind.UInt64;
        if (unsigned)
        {
            var u = v.TryGetUInt64(out var x) ? x : throw new FormatException("not an unsigned integer");
            switch (type.Kind)
            {
                case ZarrDataTypeKind.UInt8: target[0] = checked((byte)u); break;
                case ZarrDataTypeKind.UInt16: BinaryPrimitives.WriteUInt16LittleEndian(target, checked((ushort)u)); break;
                case ZarrDataTypeKind.UInt32: BinaryPrimitives.WriteUInt32LittleEndian(target, checked((uint)u)); break;
                default: BinaryPrimitives.WriteUInt64LittleEndian(target, u); break;
            }

            return;
        }

        var s = v.TryGetInt64(out var y) ? y : throw new FormatException("not an integer");
        switch (type.Kind)
        {
            case ZarrDataTypeKind.Int8: target[0] = (byte)checked((sbyte)s); break;
            case ZarrDataTypeKind.Int16: BinaryPrimitives.WriteInt16LittleEndian(target, checked((short)s)); break;
            case ZarrDataTypeKind.Int32: BinaryPrimitives.WriteInt32LittleEndian(target, checked((int)s)); break;
            default: BinaryPrimitives.WriteInt64LittleEndian(target, s); break;
        }
    }
}
