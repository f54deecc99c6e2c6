using ZarrCache.Zarr.Metadata;

namespace ZarrCache.Zarr;

/// <summary>
/// A Zarr v2 or v3 group: attributes and members. When consolidated metadata is there (v2 <c>.zmetadata</c>, v3 inline
/// <c>consolidated_metadata</c>), members and their arrays are opened from it without further requests.
/// </summary>
public sealed class ZarrGroup
{
    private readonly ConsolidatedMetadata? _consolidated;
    private readonly string _prefix;

    private ZarrGroup(IReadableStore store, string path, int format, IReadOnlyDictionary<string, JsonElement> attributes, ConsolidatedMetadata? consolidated)
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

    /// <summary>
    /// Opens the group at a path, finding its format: v2 consolidated metadata at the store root (<c>.zmetadata</c>)
    /// first, which answers for every node of the hierarchy in one request; then v3 <c>zarr.json</c> (with its
    /// <c>consolidated_metadata</c>, if any); then v2 <c>.zgroup</c> with <c>.zattrs</c> and the group's own
    /// <c>.zmetadata</c>.
    /// </summary>
    /// <param name="store">The store.</param>
    /// <param name="path">The group's path ("" for the root).</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The group.</returns>
    /// <exception cref="ZarrFormatException">There is no group there, or its metadata is invalid.</exception>
    public static Task<ZarrGroup> OpenAsync(IReadableStore store, string path = "", CancellationToken cancellationToken = default) =>
        OpenAsync(store, path, null, cancellationToken);

    /// <summary>
    /// Opens the group at a path of a location in one line, behind a cache: a local path, <c>file://</c>,
    /// <c>http(s)://</c>, or <c>s3://bucket/prefix</c> with <c>options.UseS3(...)</c> (ZarrCache.S3), as
    /// <see cref="ZarrStore.Open"/> opens it.
    /// </summary>
    /// <param name="location">Where the hierarchy is.</param>
    /// <param name="path">The group's path under the location ("" for the root).</param>
    /// <param name="options">The cache and the openers; null for the defaults (a memory cache; no s3://).</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The group; its store is the <see cref="CachedStore"/>, whose origin the caller disposes when it is <see cref="IDisposable"/>.</returns>
    /// <exception cref="ArgumentException">A malformed location, an unknown scheme, a missing folder, or an s3:// location without <c>UseS3</c>, named.</exception>
    /// <exception cref="ZarrFormatException">There is no group there, or its metadata is invalid.</exception>
    public static Task<ZarrGroup> OpenAsync(string location, string path, StoreOpenOptions? options, CancellationToken cancellationToken = default) =>
        OpenAsync(ZarrStore.Open(location, options), path, cancellationToken);

    /// <summary>
    /// Opens the group at a path in a known format (as zarr-python's <c>zarr_format</c>): 3 reads only <c>zarr.json</c>
    /// (one request, also for a hierarchy with consolidated metadata); 2 reads <c>.zmetadata</c> at the store root, then
    /// <c>.zgroup</c> and <c>.zattrs</c>; null finds the format (see <see cref="OpenAsync(IReadableStore, string, CancellationToken)"/>).
    /// </summary>
    /// <param name="store">The store.</param>
    /// <param name="path">The group's path ("" for the root).</param>
    /// <param name="zarrFormat">2, 3, or null to find it.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The group.</returns>
    /// <exception cref="ZarrFormatException">There is no group there, or its metadata is invalid.</exception>
    public static async Task<ZarrGroup> OpenAsync(IReadableStore store, string path, int? zarrFormat, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (zarrFormat is not (null or 2 or 3))
        {
            throw new ArgumentOutOfRangeException(nameof(zarrFormat), zarrFormat, "zarrFormat is 2, 3 or null (find it).");
        }

        path = ZarrArray.NormalizePath(path);
        var prefix = path.Length == 0 ? string.Empty : path + "/";
        if (zarrFormat != 3 && await ConsolidatedMetadata.ReadV2Async(store, string.Empty, cancellationToken).ConfigureAwait(false) is { } root)
        {
            return root.Find(path) switch
            {
                { IsArray: false } node => FromConsolidated(store, path, node, path.Length == 0 ? root : root.Below(path)),
                { IsArray: true } => throw new ZarrFormatException($"No Zarr group at '{path}': .zmetadata lists an array there."),
                null => await OpenV2Async(store, path, cancellationToken).ConfigureAwait(false),
            };
        }

        if (zarrFormat != 2 && await MetadataReader.ReadAsync(store, prefix + "zarr.json", cancellationToken).ConfigureAwait(false) is { } v3)
        {
            var where = prefix + "zarr.json";
            var doc = MetadataReader.Object(MetadataReader.Parse(v3, where), where);
            var nodeType = MetadataReader.RequiredString(doc, "node_type", where);
            if (nodeType != "group")
            {
                throw new ZarrFormatException($"{where}: node_type is '{nodeType}', not a group.");
            }

            return new ZarrGroup(store, path, 3, MetadataReader.Attributes(MetadataReader.Optional(doc, "attributes"), where), ConsolidatedMetadata.ParseV3(doc, where));
        }

        if (zarrFormat == 3)
        {
            throw new ZarrNodeNotFoundException(path, $"No Zarr v3 group at '{path}': {prefix}zarr.json does not exist.");
        }

        return await OpenV2Async(store, path, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Consolidates the metadata of the hierarchy below the group at <paramref name="path"/>, as zarr-python's
    /// <c>consolidate_metadata</c> does: reads every node's metadata (listing the store) and writes v2 <c>.zmetadata</c>
    /// (format 1) or, for v3, <c>consolidated_metadata</c> in the group's <c>zarr.json</c>. Then every node opens from
    /// that one document, and a store that cannot list (plain HTTP) can list the group's members.
    /// </summary>
    /// <param name="store">A listable, writable store.</param>
    /// <param name="path">The group's path ("" for the root).</param>
    /// <param name="cancellationToken">Cancels the reads and writes.</param>
    /// <returns>The group, opened from its consolidated metadata.</returns>
    /// <exception cref="ZarrFormatException">There is no group there, or some metadata is invalid.</exception>
    public static async Task<ZarrGroup> ConsolidateAsync(IStore store, string path = "", CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        path = ZarrArray.NormalizePath(path);
        await Consolidation.ConsolidateAsync(store, path, cancellationToken).ConfigureAwait(false);
        var prefix = path.Length == 0 ? string.Empty : path + "/";
        return await OpenAsync(store, path, await store.GetSizeAsync(prefix + "zarr.json", cancellationToken).ConfigureAwait(false) is null ? 2 : 3, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Creates a group: writes v3 <c>zarr.json</c> or v2 <c>.zgroup</c> and <c>.zattrs</c>, and adds it to the
    /// consolidated metadata of the groups above it that have some.
    /// </summary>
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
        var written = new Dictionary<string, ReadOnlyMemory<byte>>(StringComparer.Ordinal);
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
            written["zarr.json"] = document;
        }
        else if (zarrFormat == 2)
        {
            written[".zgroup"] = "{\n  \"zarr_format\": 2\n}"u8.ToArray();
            written[".zattrs"] = attrs;
        }
        else
        {
            throw new ArgumentOutOfRangeException(nameof(zarrFormat), zarrFormat, "ZarrFormat is 2 or 3.");
        }

        foreach (var (name, bytes) in written)
        {
            await store.SetAsync(prefix + name, bytes, cancellationToken).ConfigureAwait(false);
        }

        await Consolidation.UpdateAsync(store, path, written, cancellationToken).ConfigureAwait(false);
        return await OpenAsync(store, path, zarrFormat, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The direct members, from consolidated metadata or by listing the store. A member written after the metadata was
    /// consolidated, by another writer than ZarrCache, is not listed (as in zarr-python); it still opens by its path.
    /// </summary>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The members, sorted by name.</returns>
    /// <exception cref="ZarrListingException">There is no consolidated metadata and the store cannot list keys (plain HTTP).</exception>
    public async Task<IReadOnlyList<ZarrNodeInfo>> ListMembersAsync(CancellationToken cancellationToken = default)
    {
        var result = new List<ZarrNodeInfo>();
        var consolidated = _consolidated;
        if (consolidated is null)
        {
            NotSupportedException? cannotList = null;
            if (Store is IListableStore listable)
            {
                try
                {
                    await ListAsync(listable, result, cancellationToken).ConfigureAwait(false);
                }
                catch (NotSupportedException e)
                {
                    cannotList = e;
                }
            }

            if (Store is not IListableStore || cannotList is not null)
            {
                consolidated = await AncestorConsolidatedAsync(cancellationToken).ConfigureAwait(false) ?? throw ZarrListingException.ForGroup(Path, cannotList);
            }
        }

        if (consolidated is not null)
        {
            result.Clear();
            foreach (var (name, node) in consolidated.Members())
            {
                result.Add(new ZarrNodeInfo(name, _prefix + name, node.IsArray));
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
        if (_consolidated?.Find(rel) is { IsArray: true } node)
        {
            options?.ValidateForOpen();
            return Task.FromResult(ZarrArray.FromConsolidated(Store, _prefix + rel, ZarrFormat, node, options));
        }

        return ZarrArray.OpenAsync(Store, _prefix + rel, options, ZarrFormat, cancellationToken);
    }

    /// <summary>Opens a group below this one, keeping the consolidated metadata that covers it.</summary>
    /// <param name="relativePath">The group's path relative to this one.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The group.</returns>
    public async Task<ZarrGroup> OpenGroupAsync(string relativePath, CancellationToken cancellationToken = default)
    {
        var rel = ZarrArray.NormalizePath(relativePath);
        if (_consolidated?.Find(rel) is { IsArray: false } node)
        {
            return FromConsolidated(Store, _prefix + rel, node, _consolidated.Below(rel));
        }

        return await OpenAsync(Store, _prefix + rel, ZarrFormat, cancellationToken).ConfigureAwait(false);
    }

    private static ZarrGroup FromConsolidated(IReadableStore store, string path, ConsolidatedNode node, ConsolidatedMetadata below)
    {
        var where = $"group '{path}' (consolidated metadata)";
        var attributes = below.ZarrFormat == 3
            ? MetadataReader.Attributes(MetadataReader.Optional(node.Document, "attributes"), where)
            : MetadataReader.Attributes(node.Attributes, where);
        return new ZarrGroup(store, path, below.ZarrFormat, attributes, below);
    }

    private static async Task<ZarrGroup> OpenV2Async(IReadableStore store, string path, CancellationToken cancellationToken)
    {
        var prefix = path.Length == 0 ? string.Empty : path + "/";
        // .zattrs is always read with .zgroup, and so is a group's own .zmetadata below the root (the root's was read
        // already): one round trip for all.
        var ownKey = prefix + ConsolidatedMetadata.V2Key;
        StoreKey[] keys = path.Length == 0 ? [prefix + ".zgroup", prefix + ".zattrs"] : [prefix + ".zgroup", prefix + ".zattrs", ownKey];
        var documents = await MetadataReader.ReadTogetherAsync(store, keys, cancellationToken).ConfigureAwait(false);
        var zgroup = documents[0]
            ?? throw new ZarrNodeNotFoundException(path, $"No Zarr group at '{path}': neither {prefix}zarr.json nor {prefix}.zgroup exists.");
        MetadataReader.Object(MetadataReader.Parse(zgroup, prefix + ".zgroup"), prefix + ".zgroup");
        var attributes = MetadataReader.Attributes(documents[1] is { } a ? MetadataReader.Parse(a, prefix + ".zattrs") : null, prefix + ".zattrs");
        var own = documents.Length > 2 && documents[2] is { } consolidated ? ConsolidatedMetadata.ParseV2(MetadataReader.Parse(consolidated, ownKey), ownKey) : null;
        return new ZarrGroup(store, path, 2, attributes, own);
    }

    /// <summary>
    /// For a v3 group opened by its own path, whose <c>zarr.json</c> has no consolidated metadata: the consolidated
    /// metadata of a group above it that covers it (zarr-python writes it into the consolidated group only), or null.
    /// </summary>
    private async Task<ConsolidatedMetadata?> AncestorConsolidatedAsync(CancellationToken cancellationToken)
    {
        if (ZarrFormat != 3 || Path.Length == 0)
        {
            return null;
        }

        var segments = Path.Split('/');
        for (var depth = 0; depth < segments.Length; depth++)
        {
            var key = (depth == 0 ? string.Empty : string.Join('/', segments[..depth]) + "/") + "zarr.json";
            if (await MetadataReader.ReadAsync(Store, key, cancellationToken).ConfigureAwait(false) is { } bytes
                && MetadataReader.Parse(bytes, key) is { ValueKind: JsonValueKind.Object } doc
                && ConsolidatedMetadata.ParseV3(doc, key) is { } above)
            {
                var relative = string.Join('/', segments[depth..]);
                if (above.Find(relative) is { IsArray: false })
                {
                    return above.Below(relative);
                }
            }
        }

        return null;
    }

    private async Task ListAsync(IListableStore listable, List<ZarrNodeInfo> result, CancellationToken cancellationToken)
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
}
