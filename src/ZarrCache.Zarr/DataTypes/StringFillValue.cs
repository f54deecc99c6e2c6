using System.Globalization;
using System.Text;

namespace ZarrCache.Zarr.DataTypes;

/// <summary>
/// Fill values of the string types, as zarr-python writes and reads them: text for strings (a number, as zarr-python 2
/// wrote for object arrays, reads as its text, as zarr-python 3 reads it), base64 for byte strings.
/// </summary>
internal static class StringFillValue
{
    /// <summary>One element's bytes: UTF-32 LE padded with NULs (fixed strings), raw bytes padded with NULs (fixed byte strings), UTF-8 or raw bytes (variable length).</summary>
    public static byte[] Parse(JsonElement v, ZarrDataType type)
    {
        var text = v.ValueKind switch
        {
            JsonValueKind.String => v.GetString()!,
            JsonValueKind.Number => v.GetRawText(),
            _ => throw new FormatException("a string fill value is a JSON string"),
        };
        switch (type.Kind)
        {
            case ZarrDataTypeKind.FixedString:
                {
                    var result = new byte[type.Size];
                    StringElements.WriteFixedString(text, result, type);
                    return result;
                }

            case ZarrDataTypeKind.FixedBytes:
                {
                    var raw = Base64(v, text);
                    if (raw.Length > type.Length)
                    {
                        throw new FormatException($"it holds {raw.Length} bytes, more than the {type.Length} of the type");
                    }

                    var result = new byte[type.Size];
                    raw.CopyTo(result, 0);
                    return result;
                }

            case ZarrDataTypeKind.String:
                return Encoding.UTF8.GetBytes(text);
            default:
                return Base64(v, text);
        }
    }

    /// <summary>Writes a fill value's JSON: the string, or base64 for byte strings.</summary>
    public static void Write(Utf8JsonWriter writer, ZarrDataType type, string? value)
    {
        if (value is null)
        {
            writer.WriteNullValue();
        }
        else if (type.Kind is ZarrDataTypeKind.FixedBytes or ZarrDataTypeKind.VariableBytes)
        {
            writer.WriteStringValue(Convert.ToBase64String(Encoding.UTF8.GetBytes(value)));
        }
        else
        {
            writer.WriteStringValue(value);
        }
    }

    private static byte[] Base64(JsonElement v, string text)
    {
        if (v.ValueKind != JsonValueKind.String)
        {
            throw new FormatException("a byte string fill value is a base64 JSON string");
        }

        try
        {
            return Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"'{text}' is not base64"));
        }
    }
}
