namespace ZarrCache.Zarr.Metadata;

/// <summary>An array's metadata documents in a store: found and parsed when an array is opened, written when one is created.</summary>
internal static class ArrayDocuments
{
    /// <summary>
    /// Reads the metadata of the array at <paramref name="path"/> (normalized): from v2 consolidated metadata at the
    /// store root when it lists the array, else v3 <c>zarr.json</c>, else v2 <c>.zarray</c> (with <c>.zattrs</c>);
    /// with a known <paramref name="zarrFormat"/> (a group's, whose consolidated metadata was consulted already), only
    /// that format's documents.
    /// </summary>
    public static async Task<ArrayMetadata> ReadAsync(IReadableStore store, string path, int? zarrFormat, CancellationToken cancellationToken)
    {
        var prefix = path.Length == 0 ? string.Empty : path + "/";
        var where = path.Length == 0 ? "array at the store root" : $"array '{path}'";
        var consolidated = zarrFormat is null ? await ConsolidatedMetadata.ReadV2Async(store, string.Empty, cancellationToken).ConfigureAwait(false) : null;
        switch (consolidated?.Find(path))
        {
            case { IsArray: true } node:
                return FromConsolidated(path, 2, node);
            case { IsArray: false }:
                throw new ZarrFormatException($"No Zarr array at '{path}': .zmetadata lists a group there.");
        }

        // A v2 hierarchy (it has .zmetadata) has no zarr.json to look for.
        var v3 = consolidated is null && zarrFormat != 2 ? await MetadataReader.ReadAsync(store, prefix + "zarr.json", cancellationToken).ConfigureAwait(false) : null;
        if (v3 is { } v3Bytes)
        {
            var doc = MetadataReader.Parse(v3Bytes, prefix + "zarr.json");
            return ArrayMetadataParser.ParseV3(doc, $"{where} ({prefix}zarr.json)");
        }

        if (zarrFormat == 3)
        {
            throw new ZarrNodeNotFoundException(path, $"No Zarr v3 array at '{path}': {prefix}zarr.json does not exist.");
        }

        // .zattrs is always read with .zarray: one round trip for both.
        var documents = await MetadataReader.ReadTogetherAsync(store, [prefix + ".zarray", prefix + ".zattrs"], cancellationToken).ConfigureAwait(false);
        var v2 = documents[0]
            ?? throw new ZarrNodeNotFoundException(path, $"No Zarr array at '{path}': " + (consolidated is not null ? $".zmetadata does not list it and {prefix}.zarray does not exist."
                : zarrFormat is null ? $"neither {prefix}zarr.json nor {prefix}.zarray exists." : $"{prefix}.zarray does not exist."));
        var attrs = documents[1];
        var zarray = MetadataReader.Parse(v2, prefix + ".zarray");
        JsonElement? zattrs = attrs is { } a ? MetadataReader.Parse(a, prefix + ".zattrs") : null;
        return ArrayMetadataParser.ParseV2(zarray, zattrs, $"{where} ({prefix}.zarray)");
    }

    /// <summary>The metadata of an array listed in a hierarchy's consolidated metadata.</summary>
    public static ArrayMetadata FromConsolidated(string path, int zarrFormat, ConsolidatedNode node) =>
        zarrFormat == 3
            ? ArrayMetadataParser.ParseV3(node.Document, $"array '{path}' (consolidated zarr.json)")
            : ArrayMetadataParser.ParseV2(node.Document, node.Attributes, $"array '{path}' (consolidated .zarray)");

    /// <summary>
    /// Writes a new array's metadata (v2 <c>.zarray</c> and <c>.zattrs</c>, or v3 <c>zarr.json</c>) at
    /// <paramref name="path"/> (normalized), adds it to the consolidated metadata of the groups above it that have
    /// some, and returns it parsed as an opened array's would be.
    /// </summary>
    /// <exception cref="ArgumentException">The options are inconsistent (named <c>options</c>).</exception>
    public static async Task<ArrayMetadata> CreateAsync(IStore store, string path, ZarrArrayOptions options, CancellationToken cancellationToken)
    {
        var prefix = path.Length == 0 ? string.Empty : path + "/";
        var json = ArrayMetadataWriter.Write(options);
        ArrayMetadata metadata;
        try
        {
            var doc = MetadataReader.Parse(json, "new array");
            metadata = options.ZarrFormat == 2
                ? ArrayMetadataParser.ParseV2(doc, MetadataReader.Parse(ArrayMetadataWriter.Attributes(options.Attributes), "new .zattrs"), $"new array '{path}'")
                : ArrayMetadataParser.ParseV3(doc, $"new array '{path}'");
        }
        catch (ZarrFormatException e)
        {
            throw new ArgumentException(e.Message, nameof(options), e);
        }

        var written = options.ZarrFormat == 2
            ? new Dictionary<string, ReadOnlyMemory<byte>>(StringComparer.Ordinal) { [".zarray"] = json, [".zattrs"] = ArrayMetadataWriter.Attributes(options.Attributes) }
            : new Dictionary<string, ReadOnlyMemory<byte>>(StringComparer.Ordinal) { ["zarr.json"] = json };
        foreach (var (name, bytes) in written)
        {
            await store.SetAsync(prefix + name, bytes, cancellationToken).ConfigureAwait(false);
        }

        await Consolidation.UpdateAsync(store, path, written, cancellationToken).ConfigureAwait(false);
        return metadata;
    }
}
