using System.Text;
using System.Text.Encodings.Web;

namespace ZarrCache.Zarr.Metadata;

/// <summary>
/// Writes metadata documents (<c>.zarray</c>, <c>.zattrs</c>, <c>.zgroup</c>, <c>zarr.json</c>) with the escaping
/// zarr-python uses (<c>json.dumps(…, ensure_ascii=True)</c>): <c>&lt;</c>, <c>&gt;</c>, <c>&amp;</c> and <c>'</c>
/// as themselves (not <c>\u003C</c> as System.Text.Json's default encoder writes them), every character past ASCII as
/// a lower-case <c>\uxxxx</c> escape (a surrogate pair past U+FFFF), so the documents are plain ASCII.
/// </summary>
internal static class MetadataJson
{
    private static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The document <paramref name="body"/> writes, escaped as zarr-python escapes.</summary>
    /// <param name="body">Writes one JSON value.</param>
    /// <returns>The UTF-8 (ASCII) bytes.</returns>
    public static byte[] Write(Action<Utf8JsonWriter> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, Options))
        {
            body(w);
        }

        return ToAscii(stream.GetBuffer().AsSpan(0, (int)stream.Length));
    }

    /// <summary>
    /// JSON text with every non-ASCII character escaped as <c>\uxxxx</c> and the hex digits of existing escapes in
    /// lower case. Outside strings JSON has only ASCII, so escaping every such character is exact.
    /// </summary>
    internal static byte[] ToAscii(ReadOnlySpan<byte> utf8)
    {
        var text = Encoding.UTF8.GetString(utf8);
        var result = new StringBuilder(text.Length + 16);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\\' && i + 1 < text.Length)
            {
                var escape = text[i + 1] == 'u' && i + 5 < text.Length ? text.Substring(i, 6).ToLowerInvariant() : text.Substring(i, 2);
                result.Append(escape);
                i += escape.Length - 1;
            }
            else if (c > 0x7F)
            {
                result.Append(@"\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                result.Append(c);
            }
        }

        return Encoding.ASCII.GetBytes(result.ToString());
    }
}
