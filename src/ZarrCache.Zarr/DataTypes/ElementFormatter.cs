using System.Buffers.Binary;
using System.Globalization;

namespace ZarrCache.Zarr.DataTypes;

/// <summary>
/// Writes elements (little endian bytes) as JSON values: numbers, booleans, "NaN"/"Infinity" strings, [re, im] for
/// complex, strings for fixed-length strings (byte strings as UTF-8), ISO-8601 strings for times (null for NaT).
/// </summary>
public static class ElementFormatter
{
    /// <summary>Writes one element.</summary>
    /// <param name="writer">The JSON writer.</param>
    /// <param name="type">The element type.</param>
    /// <param name="element">The element's little-endian bytes.</param>
    public static void WriteJson(Utf8JsonWriter writer, ZarrDataType type, ReadOnlySpan<byte> element)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(type);
        if (type.IsTime)
        {
            WriteTime(writer, type, BinaryPrimitives.ReadInt64LittleEndian(element));
            return;
        }

        switch (type.Kind)
        {
            case ZarrDataTypeKind.FixedString: writer.WriteStringValue(StringElements.ReadFixedString(element)); break;
            case ZarrDataTypeKind.FixedBytes: writer.WriteStringValue(Codecs.VariableLength.StringItems.Instance.FromBytes(StringElements.ReadFixedBytes(element))); break;
            case ZarrDataTypeKind.Bool: writer.WriteBooleanValue(element[0] != 0); break;
            case ZarrDataTypeKind.Int8: writer.WriteNumberValue((sbyte)element[0]); break;
            case ZarrDataTypeKind.UInt8: writer.WriteNumberValue(element[0]); break;
            case ZarrDataTypeKind.Int16: writer.WriteNumberValue(BinaryPrimitives.ReadInt16LittleEndian(element)); break;
            case ZarrDataTypeKind.UInt16: writer.WriteNumberValue(BinaryPrimitives.ReadUInt16LittleEndian(element)); break;
            case ZarrDataTypeKind.Int32: writer.WriteNumberValue(BinaryPrimitives.ReadInt32LittleEndian(element)); break;
            case ZarrDataTypeKind.UInt32: writer.WriteNumberValue(BinaryPrimitives.ReadUInt32LittleEndian(element)); break;
            case ZarrDataTypeKind.Int64: writer.WriteNumberValue(BinaryPrimitives.ReadInt64LittleEndian(element)); break;
            case ZarrDataTypeKind.UInt64: writer.WriteNumberValue(BinaryPrimitives.ReadUInt64LittleEndian(element)); break;
            case ZarrDataTypeKind.Float16: WriteFloat(writer, (double)BinaryPrimitives.ReadHalfLittleEndian(element), 2); break;
            case ZarrDataTypeKind.Float32: WriteFloat(writer, BinaryPrimitives.ReadSingleLittleEndian(element), 4); break;
            case ZarrDataTypeKind.Float64: WriteFloat(writer, BinaryPrimitives.ReadDoubleLittleEndian(element), 8); break;
            case ZarrDataTypeKind.Complex64:
                writer.WriteStartArray();
                WriteFloat(writer, BinaryPrimitives.ReadSingleLittleEndian(element), 4);
                WriteFloat(writer, BinaryPrimitives.ReadSingleLittleEndian(element[4..]), 4);
                writer.WriteEndArray();
                break;
            default:
                writer.WriteStartArray();
                WriteFloat(writer, BinaryPrimitives.ReadDoubleLittleEndian(element), 8);
                WriteFloat(writer, BinaryPrimitives.ReadDoubleLittleEndian(element[8..]), 8);
                writer.WriteEndArray();
                break;
        }
    }

    private static void WriteTime(Utf8JsonWriter writer, ZarrDataType type, long count)
    {
        if (ZarrTime.ToIsoString(count, type) is { } text)
        {
            writer.WriteStringValue(text);
        }
        else
        {
            writer.WriteNullValue();
        }
    }

    private static void WriteFloat(Utf8JsonWriter writer, double value, int size)
    {
        if (double.IsNaN(value))
        {
            writer.WriteStringValue("NaN");
        }
        else if (double.IsInfinity(value))
        {
            writer.WriteStringValue(value > 0 ? "Infinity" : "-Infinity");
        }
        else if (size == 4)
        {
            // The shortest text that round-trips the single precision value, as NumPy and JavaScript print it.
            writer.WriteRawValue(((float)value).ToString("R", CultureInfo.InvariantCulture), skipInputValidation: true);
        }
        else
        {
            writer.WriteNumberValue(value);
        }
    }
}
