using System.Runtime.InteropServices;
using ZarrCache.Zarr.Metadata;

namespace ZarrCache.Zarr;

/// <summary>Writing selections and creating arrays.</summary>
public sealed partial class ZarrArray
{
    /// <summary>
    /// Creates an array: writes its metadata (v2 <c>.zarray</c> and <c>.zattrs</c>, or v3 <c>zarr.json</c>), adds it to
    /// the consolidated metadata of the groups above it that have some, and opens it.
    /// </summary>
    /// <param name="store">A writable store.</param>
    /// <param name="path">The array's path ("" for the root).</param>
    /// <param name="options">What the array looks like.</param>
    /// <param name="cancellationToken">Cancels the writes.</param>
    /// <returns>The new array.</returns>
    /// <exception cref="ArgumentException">The options are inconsistent.</exception>
    public static async Task<ZarrArray> CreateAsync(IStore store, string path, ZarrArrayOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        options.ValidateForCreate();
        path = NormalizePath(path);
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
        return new ZarrArray(store, path, metadata, options);
    }

    /// <summary>Writes a selection from typed elements in C order; partial chunks are read, updated and rewritten (for a sharded array, whole shards).</summary>
    /// <typeparam name="T">The element type (<see cref="DataTypes.ZarrDataType.ClrType"/>).</typeparam>
    /// <param name="selection">The selection (null: everything).</param>
    /// <param name="data">As many elements as the selection holds.</param>
    /// <param name="cancellationToken">Cancels the writes.</param>
    /// <returns>A task.</returns>
    public Task WriteAsync<T>(ArraySelection? selection, ReadOnlyMemory<T> data, CancellationToken cancellationToken = default)
        where T : unmanaged
    {
        if (typeof(T) != DataType.ClrType)
        {
            throw new ArgumentException($"Array '{Path}' holds {DataType} ({DataType.ClrType.Name}), not {typeof(T).Name}.", nameof(data));
        }

        return WriteBytesAsync(selection, MemoryMarshal.AsBytes(data.Span).ToArray(), cancellationToken);
    }

    /// <summary>Writes a selection from little-endian element bytes in C order.</summary>
    /// <param name="selection">The selection (null: everything).</param>
    /// <param name="bytes">The elements' bytes.</param>
    /// <param name="cancellationToken">Cancels the writes.</param>
    /// <returns>A task.</returns>
    /// <exception cref="InvalidOperationException">The store is not writable.</exception>
    public async Task WriteBytesAsync(ArraySelection? selection, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken = default)
    {
        CheckFixedSize();
        var writable = Store as IWritableStore ?? throw new InvalidOperationException($"Array '{Path}': the store is not writable.");
        if (selection is { HasSteps: true })
        {
            throw new ArgumentException($"Array '{Path}': the selection '{selection}' has steps; writes take slices with step 1 and indexes.", nameof(selection));
        }

        var (start, count, _) = (selection ?? ArraySelection.All).Resolve(_metadata.Shape);
        var size = DataType.Size;
        var total = count.Aggregate(1L, (a, b) => a * b);
        if (bytes.Length != total * size)
        {
            throw new ArgumentException($"Array '{Path}': the selection holds {total} elements ({total * size} bytes), the data {bytes.Length} bytes.", nameof(bytes));
        }

        if (total == 0)
        {
            return;
        }

        await Parallel.ForEachAsync(
            Grid.ChunksIntersecting(start, count),
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, MaxConcurrency), CancellationToken = cancellationToken },
            async (coords, token) => await WriteChunkAsync(writable, coords, start, count, bytes, token).ConfigureAwait(false)).ConfigureAwait(false);
    }

    private async Task WriteChunkAsync(IWritableStore writable, long[] coords, long[] start, long[] count, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        var overlap = Grid.Overlap(coords, start, count);
        var key = ChunkKey(coords);
        byte[] chunk;
        if (!overlap.CoversChunk && await Store.GetAsync(key, cancellationToken).ConfigureAwait(false) is { } existing)
        {
            chunk = DecodeChunk(existing, key);
        }
        else
        {
            chunk = new byte[_metadata.ChunkRepresentation.ByteSize];
            RegionCopy.Fill(chunk, _metadata.FillValue);
        }

        var chunkShape = ChunkShape.Select(c => (long)c).ToArray();
        RegionCopy.Copy(data.Span, count, overlap.InRegion, chunk, chunkShape, overlap.InChunk, overlap.Count, DataType.Size);
        var encoded = _metadata.Codecs.Encode(chunk, _metadata.ChunkRepresentation);

        // Decoded copies of the chunk stop being served from here on, and one decoded from the old bytes while the
        // write runs is never served after it.
        _decoded.BeginWrite(key);
        try
        {
            await writable.SetAsync(key, encoded, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _decoded.EndWrite(key);
        }
    }
}
