namespace ZarrCache.Zarr.Metadata;

/// <summary>
/// The consolidated metadata of a group: every node below it by its path relative to the group, read from v2
/// <c>.zmetadata</c> (<c>{"metadata": {"a/.zarray": …}, "zarr_consolidated_format": 1}</c>) or from the
/// <c>consolidated_metadata</c> member of a v3 group's <c>zarr.json</c> (<c>{"kind": "inline", "must_understand":
/// false, "metadata": {"a": {…zarr.json…}}}</c>, flat keys as zarr-python 3 writes them).
/// </summary>
internal sealed class ConsolidatedMetadata
{
    /// <summary>The v2 document's key.</summary>
    public const string V2Key = ".zmetadata";

    private readonly Dictionary<string, ConsolidatedNode> _nodes;

    private ConsolidatedMetadata(int zarrFormat, Dictionary<string, ConsolidatedNode> nodes)
    {
        ZarrFormat = zarrFormat;
        _nodes = nodes;
    }

    /// <summary>2 or 3.</summary>
    public int ZarrFormat { get; }

    /// <summary>The nodes below the group (v2: also the group itself, under "").</summary>
    public IReadOnlyDictionary<string, ConsolidatedNode> Nodes => _nodes;

    /// <summary>Reads v2 <c>.zmetadata</c> under a prefix; null when there is none.</summary>
    public static async ValueTask<ConsolidatedMetadata?> ReadV2Async(IReadableStore store, string prefix, CancellationToken cancellationToken)
    {
        var key = prefix + V2Key;
        return await MetadataReader.ReadAsync(store, key, cancellationToken).ConfigureAwait(false) is { } bytes
            ? ParseV2(MetadataReader.Parse(bytes, key), key)
            : null;
    }

    /// <summary>Parses a v2 <c>.zmetadata</c> document.</summary>
    public static ConsolidatedMetadata ParseV2(JsonElement document, string key)
    {
        MetadataReader.Object(document, key);
        if (MetadataReader.Optional(document, "zarr_consolidated_format") is { } format && (format.ValueKind != JsonValueKind.Number || !format.TryGetInt32(out var f) || f != 1))
        {
            throw new ZarrFormatException($"{key}: zarr_consolidated_format {format.GetRawText()} is not supported (only 1).");
        }

        var metadata = MetadataReader.Object(MetadataReader.Required(document, "metadata", key), key + " metadata");
        var arrays = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        var groups = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        var attrs = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var p in metadata.EnumerateObject())
        {
            var slash = p.Name.LastIndexOf('/');
            var node = slash < 0 ? string.Empty : p.Name[..slash].Trim('/');
            var file = slash < 0 ? p.Name : p.Name[(slash + 1)..];
            var target = file switch { ".zarray" => arrays, ".zgroup" => groups, ".zattrs" => attrs, _ => null };
            if (target is not null)
            {
                if (p.Value.ValueKind != JsonValueKind.Object)
                {
                    throw new ZarrFormatException($"{key}: metadata entry '{p.Name}' must be a JSON object.");
                }

                target[node] = p.Value;
            }
        }

        var nodes = new Dictionary<string, ConsolidatedNode>(StringComparer.Ordinal);
        foreach (var (name, zgroup) in groups)
        {
            nodes[name] = new ConsolidatedNode(false, zgroup, attrs.TryGetValue(name, out var a) ? a : null);
        }

        foreach (var (name, zarray) in arrays)
        {
            nodes[name] = new ConsolidatedNode(true, zarray, attrs.TryGetValue(name, out var a) ? a : null);
        }

        return new ConsolidatedMetadata(2, nodes);
    }

    /// <summary>
    /// The consolidated metadata of a v3 group document; null when it has none: the member absent, <c>null</c> (as
    /// zarr-python up to 3.1.3 writes in every group) or of a kind other than <c>inline</c> (it is marked
    /// <c>must_understand: false</c>, so a reader may ignore it and read node by node).
    /// </summary>
    public static ConsolidatedMetadata? ParseV3(JsonElement group, string where)
    {
        if (MetadataReader.Optional(group, "consolidated_metadata") is not { } member)
        {
            return null;
        }

        var at = where + " consolidated_metadata";
        MetadataReader.Object(member, at);
        if (MetadataReader.Optional(member, "kind") is { } kind && (kind.ValueKind != JsonValueKind.String || kind.GetString() != "inline"))
        {
            return null;
        }

        var nodes = new Dictionary<string, ConsolidatedNode>(StringComparer.Ordinal);
        AddV3(nodes, string.Empty, MetadataReader.Object(MetadataReader.Required(member, "metadata", at), at + ".metadata"), at);
        return new ConsolidatedMetadata(3, nodes);
    }

    /// <summary>The nodes below <paramref name="path"/> (relative to this group), with paths relative to it.</summary>
    public ConsolidatedMetadata Below(string path)
    {
        var start = path + "/";
        var nodes = new Dictionary<string, ConsolidatedNode>(StringComparer.Ordinal);
        foreach (var (name, node) in _nodes)
        {
            if (name.StartsWith(start, StringComparison.Ordinal))
            {
                nodes[name[start.Length..]] = node;
            }
        }

        return new ConsolidatedMetadata(ZarrFormat, nodes);
    }

    /// <summary>The node at a path relative to the group, if listed.</summary>
    public ConsolidatedNode? Find(string path) => _nodes.TryGetValue(path, out var node) ? node : null;

    /// <summary>The direct members: nodes whose path has one segment.</summary>
    public IEnumerable<(string Name, ConsolidatedNode Node)> Members()
    {
        foreach (var (name, node) in _nodes)
        {
            if (name.Length > 0 && !name.Contains('/', StringComparison.Ordinal))
            {
                yield return (name, node);
            }
        }
    }

    private static void AddV3(Dictionary<string, ConsolidatedNode> nodes, string prefix, JsonElement metadata, string where)
    {
        foreach (var p in metadata.EnumerateObject())
        {
            var name = prefix + p.Name.Trim('/');
            var doc = MetadataReader.Object(p.Value, $"{where}.metadata['{p.Name}']");
            var nodeType = MetadataReader.RequiredString(doc, "node_type", $"{where}.metadata['{p.Name}']");
            var isArray = nodeType == "array";
            if (!isArray && nodeType != "group")
            {
                throw new ZarrFormatException($"{where}.metadata['{p.Name}']: node_type is '{nodeType}', not 'array' or 'group'.");
            }

            nodes[name] = new ConsolidatedNode(isArray, doc, null);

            // zarr-python writes flat keys ("a", "a/b") and gives nested groups an empty map; a writer that nests
            // members under their group instead is read too.
            if (!isArray && ParseV3(doc, where) is { } nested)
            {
                foreach (var (n, node) in nested._nodes)
                {
                    nodes.TryAdd(name + "/" + n, node);
                }
            }
        }
    }
}

/// <summary>One node of consolidated metadata.</summary>
/// <param name="IsArray">An array (true) or a group.</param>
/// <param name="Document">v3: the node's <c>zarr.json</c>; v2: its <c>.zarray</c> or <c>.zgroup</c>.</param>
/// <param name="Attributes">v2: its <c>.zattrs</c>, if listed; v3: null (the attributes are in the document).</param>
internal sealed record ConsolidatedNode(bool IsArray, JsonElement Document, JsonElement? Attributes);
