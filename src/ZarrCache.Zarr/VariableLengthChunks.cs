using ZarrCache.Zarr.Codecs;
using ZarrCache.Zarr.Codecs.VariableLength;

namespace ZarrCache.Zarr;

/// <summary>
/// Reads and writes the chunks of an array of variable-length elements (strings, byte strings): each chunk is fetched,
/// its bytes-to-bytes codecs undone, its frame decoded into items and the selected region copied. These chunks do not
/// go through the decoded-chunk cache (the store's cache still serves their bytes).
/// </summary>
internal sealed class VariableLengthChunks(ZarrArray array)
{
    private IVariableLengthCodec Codec => (IVariableLengthCodec)array.Metadata.Codecs.ArrayToBytes;

    /// <summary>Reads the box (<paramref name="start"/>, <paramref name="count"/>) into <paramref name="output"/> in C order.</summary>
    public async Task ReadAsync<T>(long[] start, long[] count, T[] output, IItemConverter<T> converter, CancellationToken cancellationToken)
    {
        if (output.Length == 0)
        {
            return;
        }

        var fill = Fill(converter);
        await ForEachChunkAsync(
            start,
            count,
            async (coords, overlap, token) =>
            {
                var items = await ReadChunkAsync(coords, converter, token).ConfigureAwait(false);
                if (items is null)
                {
                    RegionCopy.FillRegion(output.AsSpan(), count, overlap.InRegion, overlap.Count, fill);
                }
                else
                {
                    RegionCopy.Copy<T>(items, ChunkShape, overlap.InChunk, output, count, overlap.InRegion, overlap.Count);
                }
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes the box from <paramref name="data"/> (C order); partial chunks are read, updated and rewritten.</summary>
    public async Task WriteAsync<T>(IWritableStore writable, long[] start, long[] count, ReadOnlyMemory<T> data, IItemConverter<T> converter, CancellationToken cancellationToken)
    {
        var fill = Fill(converter);
        await ForEachChunkAsync(
            start,
            count,
            async (coords, overlap, token) =>
            {
                var items = overlap.CoversChunk ? null : await ReadChunkAsync(coords, converter, token).ConfigureAwait(false);
                if (items is null)
                {
                    items = new T[array.Metadata.ChunkRepresentation.ElementCount];
                    items.AsSpan().Fill(fill);
                }

                RegionCopy.Copy(data.Span, count, overlap.InRegion, items, ChunkShape, overlap.InChunk, overlap.Count);
                var encoded = array.Metadata.Codecs.EncodeBytesToBytes(Codec.Encode<T>(items, converter));
                await writable.SetAsync(array.ChunkKey(coords), encoded, token).ConfigureAwait(false);
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs <paramref name="body"/> for each chunk the box touches, at most <see cref="ZarrArray.MaxConcurrency"/> at once.</summary>
    private Task ForEachChunkAsync(long[] start, long[] count, Func<long[], ChunkOverlap, CancellationToken, ValueTask> body, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(
            array.Grid.ChunksIntersecting(start, count),
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, array.MaxConcurrency), CancellationToken = cancellationToken },
            (coords, token) => body(coords, array.Grid.Overlap(coords, start, count), token));

    private long[] ChunkShape => array.Metadata.ChunkShape.Select(c => (long)c).ToArray();

    /// <summary>What a missing chunk's elements read as: null for a null fill value, else the fill converted.</summary>
    private T Fill<T>(IItemConverter<T> converter) => array.Metadata.NullFill ? default! : converter.FromBytes(array.Metadata.FillValue);

    /// <summary>A chunk's items, or null when it is missing; a chunk that does not decode from a cache is dropped from it and read once more.</summary>
    private async Task<T[]?> ReadChunkAsync<T>(long[] coords, IItemConverter<T> converter, CancellationToken cancellationToken)
    {
        var key = array.ChunkKey(coords);
        try
        {
            return await FetchAndDecodeAsync(key, converter, cancellationToken).ConfigureAwait(false);
        }
        catch (ZarrFormatException) when (array.Store is ICachingStore cache)
        {
            await cache.RemoveCachedAsync(key, cancellationToken).ConfigureAwait(false);
            return await FetchAndDecodeAsync(key, converter, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<T[]?> FetchAndDecodeAsync<T>(StoreKey key, IItemConverter<T> converter, CancellationToken cancellationToken)
    {
        if (await array.Store.GetAsync(key, cancellationToken).ConfigureAwait(false) is not { } encoded)
        {
            return null;
        }

        var items = new T[array.Metadata.ChunkRepresentation.ExactElementCount(key.Value)];
        try
        {
            var frame = array.Metadata.Codecs.DecodeBytesToBytes(encoded, key.Value);
            Codec.Decode<T>(frame.Span, items, converter, key.Value);
        }
        catch (Exception ex) when (ex is IndexOutOfRangeException or ArgumentOutOfRangeException or InvalidOperationException or OverflowException)
        {
            throw new ZarrFormatException($"{key.Value}: the chunk does not decode: {ex.Message}", ex);
        }

        return items;
    }
}
