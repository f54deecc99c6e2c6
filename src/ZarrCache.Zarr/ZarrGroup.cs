using System.Text.Json;
using ZarrCache.Zarr.Metadata;

namespace ZarrCache.Zarr;

/// <summary>
/// A Zarr v2 or v3 group: attributes and members. When consolidated metadata is there (v2 <c>.zmetadata</c>, v3 inline
/// <c>consolidated_metadata</c>), members and their arrays are opened from it without further requests.
/// </summary>
public sealed class ZarrGroup
{
    private readonly Dictionary<string, ConsolidatedNode>? _consolidated;
    private readonly string _prefix;

    private ZarrGroup(IReadableStore store, string path, int format, IReadOnlyDictionary<string, JsonElement> attributes, Dictionary<string, ConsolidatedNode>? consolidated)
    {
        Store = store;
        Path = path;
        ZarrFormat = format;
        Attributes = attributes;
        _consolidated = consolidated;
        _prefix = path.Length == 0 ? string.Empty : path + "/";
    }

    /// <summary>The store.</summary>
    public IReadableStore Store { get; }

    /// <summary>The group's path ("" for the root).</summary>
    public string Path { get; }

    /// <summary>2 or 3.</summary>
    public int ZarrFormat { get; }

    /// <summary>The user attributes.</summary>
    public IReadOnlyDictionary<string, JsonElement> Attributes { get; }

    /// <summary>Whether members come from consolidated metadata.</summary>
    public bool IsConsolidated => _consolidated is not null;

    /// <summary>Opens the group at a path (v3 <c>zarr.json</c>, else v2 <c>.zgroup</c> with <c>.zattrs</c> and <c>.zmetadata</c>).</summary>
    /// <param name="store">The store.</param>
    /// <param name="path">The group's path ("" for the root).</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The group.</returns>
    /// <exception cref="ZarrFormatException">There is no group there, or its metadata is invalid.</exception>
    public static async Task<ZarrGroup> OpenAsync(IReadableStore store, string path = "", CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        path = ZarrArray.NormalizePath(path);
        var prefix = path.Length == 0 ? string.Empty : path + "/";
        if (await MetadataReader.ReadAsync(store, prefix + "zarr.json", cancellationToken).ConfigureAwait(false) is { } v3)
        {
            var doc = MetadataReader.Parse(v3, prefix + "zarr.json");
            var where = prefix + "zarr.json";
            MetadataReader.Object(doc, where);
            var nodeType = MetadataReader.RequiredString(doc, "node_type", where);
            if (nodeType != "group")
            {
                throw new ZarrFormatException($"{where}: node_type is '{nodeType}', not a group.");
            }

            Dictionary<string, ConsolidatedNode>? consolidated = null;
            if (MetadataReader.Optional(doc, "consolidated_metadata") is { ValueKind: JsonValueKind.Object } cm
                && MetadataReader.Optional(cm, "metadata") is { ValueKind: JsonValueKind.Object } entries)
            {
                consolidated = new Dictionary<string, ConsolidatedNode>(StringComparer.Ordinal);
                foreach (var p in entries.EnumerateObject())
                {
                    consolidated[p.Name.Trim('/')] = new ConsolidatedNode(ZarrNode.IsV3Array(p.Value), p.Value, null);
                }
            }

            return new ZarrGroup(store, path, 3, MetadataReader.Attributes(MetadataReader.Optional(doc, "attributes"), where), consolidated);
        }

        var zgroup = await MetadataReader.ReadAsync(store, prefix + ".zgroup", cancellationToken).ConfigureAwait(false)
            ?? throw new ZarrNodeNotFoundException(path, $"No Zarr group at '{path}': neither {prefix}zarr.json nor {prefix}.zgroup exists.");
        MetadataReader.Object(MetadataReader.Parse(zgroup, prefix + ".zgroup"), prefix + ".zgroup");
        var attrs = await MetadataReader.ReadAsync(store, prefix + ".zattrs", cancellationToken).ConfigureAwait(false);
        var attributes = MetadataReader.Attributes(attrs is { } a ? MetadataReader.Parse(a, prefix + ".zattrs") : null, prefix + ".zattrs");
        var zmeta = await MetadataReader.ReadAsync(store, prefix + ".zmetadata", cancellationToken).ConfigureAwait(false);
        return new ZarrGroup(store, path, 2, attributes, zmeta is { } z ? ParseV2Consolidated(z, prefix + ".zmetadata") : null);
    }

    /// <summary>Creates a group: writes v3 <c>zarr.json</c> or v2 <c>.zgroup</c> and <c>.zattrs</c>.</summary>
    /// <param name="store">A writable store.</param>
    /// <param name="path">The group's path.</param>
    /// <param name="zarrFormat">2 or 3.</param>
    /// <param name="attributes">User attributes.</param>
    /// <param name="cancellationToken">Cancels the writes.</param>
    /// <returns>The group.</returns>
    public static async Task<ZarrGroup> CreateAsync(IStore store, string path = "", int zarrFormat = 3, IReadOnlyDictionary<string, JsonElement>? attributes = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        path = ZarrArray.NormalizePath(path);
        var prefix = path.Length == 0 ? string.Empty : path + "/";
        var attrs = ArrayMetadataWriter.Attributes(attributes);
        if (zarrFormat == 3)
        {
            var document = MetadataJson.Write(w =>
            {
                w.WriteStartObject();
                w.WriteNumber("zarr_format", 3);
                w.WriteString("node_type", "group");
                w.WritePropertyName("attributes");
                w.WriteRawValue(attrs);
                w.WriteEndObject();
            });
            await store.SetAsync(prefix + "zarr.json", document, cancellationToken).ConfigureAwait(false);
        }
        else if (zarrFormat == 2)
        {
            await store.SetAsync(prefix + ".zgroup", "{\n  \"zarr_format\": 2\n}"u8.ToArray(), cancellationToken).ConfigureAwait(false);
            await store.SetAsync(prefix + ".zattrs", attrs, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            throw new ArgumentOutOfRangeException(nameof(zarrFormat), zarrFormat, "ZarrFormat is 2 or 3.");
        }

        return await OpenAsync(store, path, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The direct members, from consolidated metadata or by listing the store (empty when the store cannot list).</summary>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The members, sorted by name.</returns>
    public async Task<IReadOnlyList<ZarrNodeInfo>> ListMembersAsync(CancellationToken cancellationToken = default)
    {
        var result = new List<ZarrNodeInfo>();
        if (_consolidated is not null)
        {
            foreach (var (name, node) in _consolidated)
            {
                if (!name.Contains('/', StringComparison.Ordinal) && name.Length > 0)
                {
                    result.Add(new ZarrNodeInfo(name, _prefix + name, node.IsArray));
                }
            }
        }
        else if (Store is IListableStore listable)
        {
            await foreach (var entry in listable.ListDirAsync(_prefix.Length == 0 ? StorePrefix.Root : new StorePrefix(_prefix), cancellationToken).ConfigureAwait(false))
            {
                if (!entry.IsPrefix)
                {
                    continue;
                }

                if (await ZarrNode.FindAsync(Store, _prefix + entry.Name, cancellationToken).ConfigureAwait(false) is { } node)
                {
                    result.Add(node);
                }
            }
        }

        result.Sort((x, y) => string.CompareOrdinal(x.Name, y.Name));
        return result;
    }

    /// <summary>Opens an array below this group, from consolidated metadata when there is some.</summary>
    /// <param name="relativePath">The array's path relative to the group.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The array.</returns>
    public Task<ZarrArray> OpenArrayAsync(string relativePath, CancellationToken cancellationToken = default) =>
        OpenArrayAsync(relativePath, null, cancellationToken);

    /// <summary>Opens an array below this group with options (such as a <see cref="ZarrArrayOptions.ChunkCache"/>), from consolidated metadata when there is some.</summary>
    /// <param name="relativePath">The array's path relative to the group.</param>
    /// <param name="options">How to read it (see <see cref="ZarrArray.OpenAsync(IReadableStore, string, ZarrArrayOptions?, CancellationToken)"/>); null for the defaults.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The array.</returns>
    public Task<ZarrArray> OpenArrayAsync(string relativePath, ZarrArrayOptions? options, CancellationToken cancellationToken = default)
    {
        var rel = ZarrArray.NormalizePath(relativePath);
        if (_consolidated is not null && _consolidated.TryGetValue(rel, out var node) && node.IsArray)
        {
            options?.ValidateForOpen();
            return Task.FromResult(ZarrFormat == 3
                ? ZarrArray.FromV3(Store, _prefix + rel, node.Document, options)
                : ZarrArray.FromV2(Store, _prefix + rel, node.Document, node.Attributes, options));
        }

        return ZarrArray.OpenAsync(Store, _prefix + rel, options, cancellationToken);
    }

    /// <summary>Opens a group below this one, keeping the consolidated metadata that covers it.</summary>
    /// <param name="relativePath">The group's path relative to this one.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The group.</returns>
    public async Task<ZarrGroup> OpenGroupAsync(string relativePath, CancellationToken cancellationToken = default)
    {
        var rel = ZarrArray.NormalizePath(relativePath);
        if (_consolidated is not null && _consolidated.TryGetValue(rel, out var node) && !node.IsArray)
        {
            var subset = new Dictionary<string, ConsolidatedNode>(StringComparer.Ordinal);
            foreach (var (name, n) in _consolidated)
            {
                if (name.StartsWith(rel + "/", StringComparison.Ordinal))
                {
                    subset[name[(rel.Length + 1)..]] = n;
                }
            }

            var attributes = ZarrFormat == 3
                ? MetadataReader.Attributes(MetadataReader.Optional(node.Document, "attributes"), rel)
                : MetadataReader.Attributes(node.Attributes, rel + "/.zattrs");
            return new ZarrGroup(Store, _prefix + rel, ZarrFormat, attributes, subset);
        }

        return await OpenAsync(Store, _prefix + rel, cancellationToken).ConfigureAwait(false);
    }

    private static Dictionary<string, ConsolidatedNode> ParseV2Consolidated(ReadOnlyMemory<byte> bytes, string key)
    {
        var doc = MetadataReader.Object(MetadataReader.Parse(bytes, key), key);
        var metadata = MetadataReader.Object(MetadataReader.Required(doc, "metadata", key), key + " metadata");
        var arrays = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        var groups = new HashSet<string>(StringComparer.Ordinal);
        var attrs = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var p in metadata.EnumerateObject())
        {
            var slash = p.Name.LastIndexOf('/');
            var node = slash < 0 ? string.Empty : p.Name[..slash];
            var file = slash < 0 ? p.Name : p.Name[(slash + 1)..];
            switch (file)
            {
                case ".zarray": arrays[node] = p.Value; break;
                case ".zgroup": groups.Add(node); break;
                case ".zattrs": attrs[node] = p.Value; break;
            }
        }

        var result = new Dictionary<string, ConsolidatedNode>(StringComparer.Ordinal);
        foreach (var (name, zarray) in arrays)
        {
            result[name] = new ConsolidatedNode(true, zarray, attrs.TryGetValue(name, out var a) ? a : null);
        }

        foreach (var name in groups)
        {
            result[name] = new ConsolidatedNode(false, default, attrs.TryGetValue(name, out var a) ? a : null);
        }

        result.Remove(string.Empty);
        return result;
    }

    private sealed record ConsolidatedNode(bool IsArray, JsonElement Document, JsonElement? Attributes);
}
