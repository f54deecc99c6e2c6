using System.Globalization;
using System.Text;

namespace ZarrCache.Zarr.Metadata;

/// <summary>
/// JSON as zarr-python 2 writes its metadata: Python's <c>json.dumps(o, indent=4, sort_keys=True, ensure_ascii=True,
/// separators=(',', ': '))</c>. Keys sorted (ordinally) at every level, four-space indents, every character outside
/// printable ASCII escaped as <c>\uXXXX</c> (lower-case hex), numbers as their source text.
/// </summary>
internal static class PythonJson
{
    /// <summary>Writes a JSON value.</summary>
    public static byte[] Serialize(JsonElement value)
    {
        var text = new StringBuilder();
        Write(text, value, 0);
        return Encoding.ASCII.GetBytes(text.ToString());
    }

    /// <summary>Writes an object of named values (sorted by name), without building a <see cref="JsonElement"/>.</summary>
    public static void WriteObject(StringBuilder text, IEnumerable<KeyValuePair<string, Action<StringBuilder, int>>> members, int level) =>
        WriteContainer(text, members.OrderBy(m => m.Key, StringComparer.Ordinal).ToList(), level, '{', '}', static (t, member, l) =>
        {
            WriteString(t, member.Key);
            t.Append(": ");
            member.Value(t, l);
        });

    /// <summary>Writes a JSON value at an indent level.</summary>
    public static void Write(StringBuilder text, JsonElement value, int level)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                WriteObject(text, value.EnumerateObject().Select(p => new KeyValuePair<string, Action<StringBuilder, int>>(p.Name, (t, l) => Write(t, p.Value, l))), level);
                break;
            case JsonValueKind.Array:
                WriteContainer(text, value.EnumerateArray().ToList(), level, '[', ']', static (t, item, l) => Write(t, item, l));
                break;
            case JsonValueKind.String:
                WriteString(text, value.GetString()!);
                break;
            default:
                // Numbers keep their source text; true, false and null are the same in both.
                text.Append(value.GetRawText());
                break;
        }
    }

    /// <summary>An object or array: empty as <c>{}</c>/<c>[]</c>, else one item a line, indented four spaces a level.</summary>
    private static void WriteContainer<T>(StringBuilder text, List<T> items, int level, char open, char close, Action<StringBuilder, T, int> write)
    {
        text.Append(open);
        for (var i = 0; i < items.Count; i++)
        {
            text.Append(i == 0 ? "\n" : ",\n").Append(' ', 4 * (level + 1));
            write(text, items[i], level + 1);
        }

        if (items.Count > 0)
        {
            text.Append('\n').Append(' ', 4 * level);
        }

        text.Append(close);
    }

    /// <summary>Writes a string as Python's ensure_ascii encoder does.</summary>
    public static void WriteString(StringBuilder text, string value)
    {
        text.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\n': text.Append("\\n"); break;
                case '\r': text.Append("\\r"); break;
                case '\t': text.Append("\\t"); break;
                case '\b': text.Append("\\b"); break;
                case '\f': text.Append("\\f"); break;
                default:
                    if (c is >= ' ' and <= '~')
                    {
                        text.Append(c);
                    }
                    else
                    {
                        text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }

                    break;
            }
        }

        text.Append('"');
    }
}
