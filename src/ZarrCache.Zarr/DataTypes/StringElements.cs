using System.Text;

namespace ZarrCache.Zarr.DataTypes;

/// <summary>
/// Converts fixed-length string elements (little-endian in memory) to and from .NET values as NumPy does: UTF-32 code
/// points (<c>&lt;U#</c>) or bytes (<c>|S#</c>), with trailing NULs not part of the value.
/// </summary>
public static class StringElements
{
    private static readonly UTF32Encoding StrictUtf32 = new(bigEndian: false, byteOrderMark: false, throwOnInvalidCharacters: true);

    /// <summary>A <see cref="ZarrDataTypeKind.FixedString"/> element as a string (trailing NULs dropped).</summary>
    /// <param name="element">The element's little-endian UTF-32 bytes.</param>
    /// <returns>The string.</returns>
    /// <exception cref="FormatException">A code point is not a Unicode scalar value.</exception>
    public static string ReadFixedString(ReadOnlySpan<byte> element)
    {
        var end = element.Length & ~3;
        while (end >= 4 && element[end - 4] == 0 && element[end - 3] == 0 && element[end - 2] == 0 && element[end - 1] == 0)
        {
            end -= 4;
        }

        try
        {
            return StrictUtf32.GetString(element[..end]);
        }
        catch (DecoderFallbackException e)
        {
            throw new FormatException($"a UTF-32 string holds a value that is not a Unicode code point ({e.Message})", e);
        }
    }

    /// <summary>Writes a string into a <see cref="ZarrDataTypeKind.FixedString"/> element, padded with NULs.</summary>
    /// <param name="value">The string (null writes as empty).</param>
    /// <param name="element">The element's bytes (<c>4 × Length</c>).</param>
    /// <param name="type">The type, for errors.</param>
    /// <exception cref="ArgumentException">The string has more code points than the type holds, or is not valid UTF-16.</exception>
    public static void WriteFixedString(string? value, Span<byte> element, ZarrDataType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        element.Clear();
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        int needed;
        try
        {
            needed = StrictUtf32.GetByteCount(value);
        }
        catch (EncoderFallbackException e)
        {
            throw new ArgumentException($"The string \"{value}\" is not valid UTF-16 (a lone surrogate).", nameof(value), e);
        }

        if (needed > element.Length)
        {
            throw new ArgumentException($"The string \"{value}\" has {needed / 4} code points; {type} holds {element.Length / 4}.", nameof(value));
        }

        StrictUtf32.GetBytes(value, element);
    }

    /// <summary>A <see cref="ZarrDataTypeKind.FixedBytes"/> element's bytes without its trailing NULs.</summary>
    /// <param name="element">The element.</param>
    /// <returns>A new array.</returns>
    public static byte[] ReadFixedBytes(ReadOnlySpan<byte> element)
    {
        var end = element.Length;
        while (end > 0 && element[end - 1] == 0)
        {
            end--;
        }

        return element[..end].ToArray();
    }

    /// <summary>Writes bytes into a <see cref="ZarrDataTypeKind.FixedBytes"/> element, padded with NULs.</summary>
    /// <param name="value">The bytes (null writes as empty).</param>
    /// <param name="element">The element.</param>
    /// <param name="type">The type, for errors.</param>
    /// <exception cref="ArgumentException">There are more bytes than the type holds.</exception>
    public static void WriteFixedBytes(ReadOnlySpan<byte> value, Span<byte> element, ZarrDataType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (value.Length > element.Length)
        {
            throw new ArgumentException($"A value of {value.Length} bytes does not fit {type}.", nameof(value));
        }

        element.Clear();
        value.CopyTo(element);
    }
}
