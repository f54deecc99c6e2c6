using ZarrCache.Zarr.Codecs;

namespace ZarrCache.Zarr;

/// <summary>
/// The write path of one opened array: a box of element bytes into the chunks it touches (partial chunks read,
/// updated and re-encoded), dropping their decoded copies (<see cref="IDecodedChunks"/>) around each write.
/// </summary>
internal sealed class ArrayWriter(ArrayChunks chunks, IDecodedChunks decoded)
{
    /// <summary>Writes <paramref name="bytes"/> (the box's elements, C order) through <paramref name="writable"/>; chunks in parallel.</summary>
    public Task WriteBoxAsync(IWritableStore writable, long[] start, long[] count, ReadOnlyMemory<byte> bytes, int maxConcurrency, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(
            chunks.Grid.ChunksIntersecting(start, count),
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, maxConcurrency), CancellationToken = cancellationToken },
            async (coords, token) => await WriteChunkAsync(writable, coords, start, count, bytes, token).ConfigureAwait(false));

    private async Task WriteChunkAsync(IWritableStore writable, long[] coords, long[] start, long[] count, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        var metadata = chunks.Metadata;
        var overlap = chunks.Grid.Overlap(coords, start, count);
        var key = chunks.Key(coords);
        byte[] chunk;
        if (!overlap.CoversChunk && await chunks.Store.GetAsync(key, cancellationToken).ConfigureAwait(false) is { } existing)
        {
            chunk = ChunkPlacement.Decode(metadata.Codecs, existing, metadata.ChunkRepresentation, key.Value);
        }
        else
        {
            chunk = new byte[metadata.ChunkRepresentation.ByteSize];
            RegionCopy.Fill(chunk, metadata.FillValue);
        }

        var chunkShape = metadata.ChunkShape.Select(c => (long)c).ToArray();
        RegionCopy.Copy(data.Span, count, overlap.InRegion, chunk, chunkShape, overlap.InChunk, overlap.Count, metadata.DataType.Size);
        var encoded = metadata.Codecs.Encode(chunk, metadata.ChunkRepresentation);

        // Decoded copies of the chunk stop being served from here on, and one decoded from the old bytes while the
        // write runs is never served after it.
        decoded.BeginWrite(key);
        try
        {
            await writable.SetAsync(key, encoded, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            decoded.EndWrite(key);
        }
    }
}
