namespace ZarrCache.Zarr.Metadata;

/// <summary>
/// Writes consolidated metadata (<see cref="ZarrGroup.ConsolidateAsync"/>) and keeps it true when ZarrCache writes a
/// node's metadata below a group that has some (the choice for stale metadata: see docs/zarr.md).
/// </summary>
internal static class Consolidation
{
    private static readonly string[] V2Files = [".zarray", ".zgroup", ".zattrs"];

    /// <summary>Gathers the metadata of every node below the group at <paramref name="path"/>, node by node, and writes it consolidated.</summary>
    public static async Task ConsolidateAsync(IStore store, string path, CancellationToken cancellationToken)
    {
        var prefix = path.Length == 0 ? string.Empty : path + "/";
        if (await MetadataReader.ReadAsync(store, prefix + "zarr.json", cancellationToken).ConfigureAwait(false) is { } v3)
        {
            var group = MetadataReader.Object(MetadataReader.Parse(v3, prefix + "zarr.json"), prefix + "zarr.json");
            var nodeType = MetadataReader.RequiredString(group, "node_type", prefix + "zarr.json");
            if (nodeType != "group")
            {
                throw new ZarrFormatException($"{prefix}zarr.json: node_type is '{nodeType}', not a group: only a group's metadata can be consolidated.");
            }

            var nodes = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            await WalkV3Async(store, prefix, string.Empty, nodes, cancellationToken).ConfigureAwait(false);
            await store.SetAsync(prefix + "zarr.json", ConsolidatedMetadataWriter.WriteV3(group, nodes), cancellationToken).ConfigureAwait(false);
            return;
        }

        if (await store.GetSizeAsync(prefix + ".zgroup", cancellationToken).ConfigureAwait(false) is null)
        {
            throw new ZarrFormatException($"No Zarr group at '{path}': neither {prefix}zarr.json nor {prefix}.zgroup exists, so there is nothing to consolidate.");
        }

        var entries = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        await WalkV2Async(store, prefix, string.Empty, entries, cancellationToken).ConfigureAwait(false);
        await store.SetAsync(prefix + ConsolidatedMetadata.V2Key, ConsolidatedMetadataWriter.WriteV2(entries), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// After ZarrCache wrote the metadata of the node at <paramref name="path"/> (<paramref name="written"/>: its
    /// documents by name, <c>zarr.json</c> or <c>.zarray</c>/<c>.zgroup</c> and <c>.zattrs</c>), puts them into the
    /// consolidated metadata of every group above it that has some, so that it never lists an older node.
    /// </summary>
    public static async Task UpdateAsync(IStore store, string path, IReadOnlyDictionary<string, ReadOnlyMemory<byte>> written, CancellationToken cancellationToken)
    {
        if (path.Length == 0)
        {
            return;
        }

        var segments = path.Split('/');
        for (var depth = 0; depth < segments.Length; depth++)
        {
            var prefix = depth == 0 ? string.Empty : string.Join('/', segments[..depth]) + "/";
            var relative = string.Join('/', segments[depth..]);
            if (written.TryGetValue("zarr.json", out var v3))
            {
                await UpdateV3Async(store, prefix, relative, MetadataReader.Parse(v3, path + "/zarr.json"), cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await UpdateV2Async(store, prefix, relative, written, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static async Task UpdateV3Async(IStore store, string prefix, string relative, JsonElement node, CancellationToken cancellationToken)
    {
        var key = prefix + "zarr.json";
        if (await MetadataReader.ReadAsync(store, key, cancellationToken).ConfigureAwait(false) is not { } bytes)
        {
            return;
        }

        var group = MetadataReader.Parse(bytes, key);
        if (group.ValueKind != JsonValueKind.Object || ConsolidatedMetadata.ParseV3(group, key) is null)
        {
            return;
        }

        var nodes = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var p in group.GetProperty("consolidated_metadata").GetProperty("metadata").EnumerateObject())
        {
            nodes[p.Name] = p.Value;
        }

        nodes[relative] = node;
        await store.SetAsync(key, ConsolidatedMetadataWriter.WriteV3(group, nodes), cancellationToken).ConfigureAwait(false);
    }

    private static async Task UpdateV2Async(IStore store, string prefix, string relative, IReadOnlyDictionary<string, ReadOnlyMemory<byte>> written, CancellationToken cancellationToken)
    {
        var key = prefix + ConsolidatedMetadata.V2Key;
        if (await MetadataReader.ReadAsync(store, key, cancellationToken).ConfigureAwait(false) is not { } bytes)
        {
            return;
        }

        var document = MetadataReader.Object(MetadataReader.Parse(bytes, key), key);
        var entries = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var p in MetadataReader.Object(MetadataReader.Required(document, "metadata", key), key + " metadata").EnumerateObject())
        {
            entries[p.Name] = p.Value;
        }

        foreach (var file in V2Files)
        {
            entries.Remove(relative + "/" + file);
            if (written.TryGetValue(file, out var doc))
            {
                entries[relative + "/" + file] = MetadataReader.Parse(doc, relative + "/" + file);
            }
        }

        await store.SetAsync(key, ConsolidatedMetadataWriter.WriteV2(entries), cancellationToken).ConfigureAwait(false);
    }

    private static async Task WalkV3Async(IStore store, string root, string relative, Dictionary<string, JsonElement> nodes, CancellationToken cancellationToken)
    {
        foreach (var child in await ChildFoldersAsync(store, root + relative, cancellationToken).ConfigureAwait(false))
        {
            var path = relative + child;
            var key = root + path + "/zarr.json";
            if (await MetadataReader.ReadAsync(store, key, cancellationToken).ConfigureAwait(false) is not { } bytes)
            {
                continue;
            }

            var doc = MetadataReader.Object(MetadataReader.Parse(bytes, key), key);
            nodes[path] = doc;
            if (MetadataReader.RequiredString(doc, "node_type", key) == "group")
            {
                await WalkV3Async(store, root, path + "/", nodes, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static async Task WalkV2Async(IStore store, string root, string relative, Dictionary<string, JsonElement> entries, CancellationToken cancellationToken)
    {
        var folders = new List<string>();
        var isArray = false;
        await foreach (var entry in store.ListDirAsync(Prefix(root + relative), cancellationToken).ConfigureAwait(false))
        {
            if (entry.IsPrefix)
            {
                folders.Add(entry.Name);
            }
            else if (Array.IndexOf(V2Files, entry.Name) >= 0)
            {
                var key = root + relative + entry.Name;
                var bytes = await MetadataReader.ReadAsync(store, key, cancellationToken).ConfigureAwait(false)
                    ?? throw new ZarrFormatException($"{key}: listed, but gone when read; consolidate again.");
                entries[relative + entry.Name] = MetadataReader.Parse(bytes, key);
                isArray |= entry.Name == ".zarray";
            }
        }

        if (!isArray)
        {
            folders.Sort(StringComparer.Ordinal);
            foreach (var folder in folders)
            {
                await WalkV2Async(store, root, relative + folder + "/", entries, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static async Task<List<string>> ChildFoldersAsync(IStore store, string prefix, CancellationToken cancellationToken)
    {
        var folders = new List<string>();
        await foreach (var entry in store.ListDirAsync(Prefix(prefix), cancellationToken).ConfigureAwait(false))
        {
            if (entry.IsPrefix)
            {
                folders.Add(entry.Name);
            }
        }

        folders.Sort(StringComparer.Ordinal);
        return folders;
    }

    private static StorePrefix Prefix(string prefix) => prefix.Length == 0 ? StorePrefix.Root : new StorePrefix(prefix);
}
