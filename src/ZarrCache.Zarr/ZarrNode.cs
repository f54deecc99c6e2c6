namespace ZarrCache.Zarr;

/// <summary>What is at a path of a Zarr hierarchy: an array, a group, or nothing.</summary>
public static class ZarrNode
{
    /// <summary>
    /// Finds the node at a path from its metadata keys: v3 <c>zarr.json</c> (its <c>node_type</c>), else v2
    /// <c>.zarray</c>, else v2 <c>.zgroup</c>.
    /// </summary>
    /// <param name="store">The store.</param>
    /// <param name="path">The node's path ("" for the root).</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The node (its name is the last part of the path), or null when there is none.</returns>
    /// <exception cref="ZarrFormatException">The <c>zarr.json</c> there is not valid JSON.</exception>
    public static async Task<ZarrNodeInfo?> FindAsync(IReadableStore store, string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        path = ZarrArray.NormalizePath(path);
        var prefix = path.Length == 0 ? string.Empty : path + "/";
        var name = path[(path.LastIndexOf('/') + 1)..];
        if (await MetadataReader.ReadAsync(store, prefix + "zarr.json", cancellationToken).ConfigureAwait(false) is { } doc)
        {
            return new ZarrNodeInfo(name, path, IsV3Array(MetadataReader.Parse(doc, prefix + "zarr.json")));
        }

        if (await store.GetSizeAsync(prefix + ".zarray", cancellationToken).ConfigureAwait(false) is not null)
        {
            return new ZarrNodeInfo(name, path, true);
        }

        return await store.GetSizeAsync(prefix + ".zgroup", cancellationToken).ConfigureAwait(false) is not null
            ? new ZarrNodeInfo(name, path, false)
            : null;
    }

    /// <summary>Whether a v3 metadata document (a <c>zarr.json</c>, or an entry of consolidated metadata) is an array's.</summary>
    internal static bool IsV3Array(JsonElement document) =>
        document.ValueKind == JsonValueKind.Object && document.TryGetProperty("node_type", out var t)
        && t.ValueKind == JsonValueKind.String && t.GetString() == "array";
}
