using System.Text;

namespace ZarrCache.Zarr.Metadata;

/// <summary>
/// Writes consolidated metadata as zarr-python does: v2 <c>.zmetadata</c> as zarr-python 2.13's
/// <c>consolidate_metadata</c> (format 1, Python's <c>json.dumps</c> with four-space indents and sorted keys), v3 as
/// zarr-python 3's <c>consolidate_metadata</c> (the group's <c>zarr.json</c> with an inline
/// <c>consolidated_metadata</c> of flat paths, sorted by depth then name; nested groups carry an empty map).
/// </summary>
internal static class ConsolidatedMetadataWriter
{
    /// <summary>The v2 <c>.zmetadata</c> document of metadata documents by key (<c>a/.zarray</c>, <c>.zattrs</c>, …).</summary>
    public static byte[] WriteV2(IReadOnlyDictionary<string, JsonElement> entries)
    {
        var text = new StringBuilder();
        PythonJson.WriteObject(
            text,
            [
                new("metadata", (t, level) => PythonJson.WriteObject(t, entries.Select(e => new KeyValuePair<string, Action<StringBuilder, int>>(e.Key, (t2, l2) => PythonJson.Write(t2, e.Value, l2))), level)),
                new("zarr_consolidated_format", (t, _) => t.Append('1')),
            ],
            0);
        return Encoding.ASCII.GetBytes(text.ToString());
    }

    /// <summary>A v3 group's <c>zarr.json</c> with <c>consolidated_metadata</c> holding the given nodes (paths relative to the group).</summary>
    public static byte[] WriteV3(JsonElement group, IReadOnlyDictionary<string, JsonElement> nodes) =>
        MetadataJson.Write(w => WriteGroup(w, group, w2 =>
        {
            w2.WriteStartObject("metadata");
            foreach (var (path, doc) in nodes.OrderBy(n => n.Key.Count(c => c == '/')).ThenBy(n => n.Key.Normalize(NormalizationForm.FormKC).ToLowerInvariant(), StringComparer.Ordinal))
            {
                w2.WritePropertyName(path);
                if (IsGroup(doc))
                {
                    WriteGroup(w2, doc, w3 => w3.WriteStartObject("metadata"));
                }
                else
                {
                    doc.WriteTo(w2);
                }
            }
        }));

    private static bool IsGroup(JsonElement doc) =>
        doc.TryGetProperty("node_type", out var t) && t.ValueKind == JsonValueKind.String && t.GetString() == "group";

    /// <summary>
    /// Writes a group document in zarr-python 3's member order (attributes, zarr_format, consolidated_metadata,
    /// node_type, then any others it had); <paramref name="openMetadata"/> opens the <c>metadata</c> map and fills it.
    /// </summary>
    private static void WriteGroup(Utf8JsonWriter w, JsonElement group, Action<Utf8JsonWriter> openMetadata)
    {
        w.WriteStartObject();
        w.WritePropertyName("attributes");
        if (MetadataReader.Optional(group, "attributes") is { } attributes)
        {
            attributes.WriteTo(w);
        }
        else
        {
            w.WriteStartObject();
            w.WriteEndObject();
        }

        w.WriteNumber("zarr_format", 3);
        w.WriteStartObject("consolidated_metadata");
        w.WriteString("kind", "inline");
        w.WriteBoolean("must_understand", false);
        openMetadata(w);
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteString("node_type", "group");
        foreach (var p in group.EnumerateObject())
        {
            if (p.Name is not ("attributes" or "zarr_format" or "consolidated_metadata" or "node_type"))
            {
                p.WriteTo(w);
            }
        }

        w.WriteEndObject();
    }
}
