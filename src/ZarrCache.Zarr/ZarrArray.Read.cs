using ZarrCache.Zarr.Sharding;

namespace ZarrCache.Zarr;

/// <summary>Reading selections.</summary>
public sealed partial class ZarrArray
{
    /// <summary>Reads a selection as little-endian bytes in C order; chunks are fetched and decoded in parallel (at most <see cref="MaxConcurrency"/> at once).</summary>
    /// <param name="selection">The selection (null: everything).</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The elements and their shape.</returns>
    /// <exception cref="ArgumentException">The selection does not fit the array, or the result is too large for one buffer.</exception>
    /// <exception cref="ZarrFormatException">A chunk is corrupt; the message names its key.</exception>
    public async Task<ZarrArrayData> ReadAsync(ArraySelection? selection = null, CancellationToken cancellationToken = default)
    {
        var (start, count, shape, elements) = Resolve(selection);
        var output = new byte[elements * DataType.Size];
        await ReadIntoAsync(start, count, output, cancellationToken).ConfigureAwait(false);
        return new ZarrArrayData(output, shape, DataType);
    }

    /// <summary>Reads a selection into a typed array, decoding straight into it (no intermediate buffer of the result).</summary>
    /// <typeparam name="T">The element type: <see cref="DataTypes.ZarrDataType.ClrType"/> (bool, sbyte … ulong, Half, float, double, Complex64, Complex).</typeparam>
    /// <param name="selection">The selection (null: everything).</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The elements in C order and their shape.</returns>
    public async Task<ZarrArrayData<T>> ReadAsync<T>(ArraySelection? selection = null, CancellationToken cancellationToken = default)
        where T : unmanaged
    {
        if (typeof(T) != DataType.ClrType)
        {
            throw new ArgumentException($"Array '{Path}' holds {DataType} ({DataType.ClrType.Name}), not {typeof(T).Name}.", nameof(T));
        }

        var (start, count, shape, elements) = Resolve(selection);
        var data = new T[elements];
        await ReadIntoAsync(start, count, new ElementBytes<T>(data).Memory, cancellationToken).ConfigureAwait(false);
        return new ZarrArrayData<T>(data, shape);
    }

    /// <summary>The box a selection reads, the shape of its result, and its element count (checked to fit one buffer).</summary>
    private (long[] Start, long[] Count, long[] Shape, long Elements) Resolve(ArraySelection? selection)
    {
        var (start, count, kept) = (selection ?? ArraySelection.All).Resolve(_metadata.Shape);
        var total = count.Aggregate(1.0, (a, b) => a * b);
        if (total * DataType.Size > Array.MaxLength)
        {
            throw new ArgumentException($"Array '{Path}': the selection holds {total} elements, too many for one buffer; read a smaller region.", nameof(selection));
        }

        return (start, count, count.Where((_, d) => kept[d]).ToArray(), (long)total);
    }

    /// <summary>Reads the box into <paramref name="output"/> (little-endian elements in C order); chunks in parallel.</summary>
    private async Task ReadIntoAsync(long[] start, long[] count, Memory<byte> output, CancellationToken cancellationToken)
    {
        if (output.Length == 0)
        {
            return;
        }

        PrefetchAfter(start, count);
        var (first, extent) = ChunkBox(start, count, ChunkShape);
        if (extent.All(e => e == 1))
        {
            // One chunk: read it here; a small read does not pay for the parallel loop's tasks.
            await ReadChunkIntoAsync(first, start, count, output, cancellationToken).ConfigureAwait(false);
            return;
        }

        await Parallel.ForEachAsync(
            ChunksIntersecting(start, count),
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, MaxConcurrency), CancellationToken = cancellationToken },
            async (coords, token) => await ReadChunkIntoAsync(coords, start, count, output, token).ConfigureAwait(false)).ConfigureAwait(false);
    }

    internal IEnumerable<long[]> ChunksIntersecting(long[] start, long[] count)
    {
        var rank = start.Length;
        var (first, extent) = ChunkBox(start, count, ChunkShape);
        var total = extent.Aggregate(1L, (a, b) => a * b);

        var index = new long[rank];
        for (long n = 0; n < total; n++)
        {
            var coords = new long[rank];
            for (var d = 0; d < rank; d++)
            {
                coords[d] = first[d] + index[d];
            }

            yield return coords;
            for (var d = rank - 1; d >= 0; d--)
            {
                if (++index[d] < extent[d])
                {
                    break;
                }

                index[d] = 0;
            }
        }
    }

    /// <summary>The box of a chunk grid (first chunk, chunks along each dimension) that a non-empty region touches.</summary>
    internal static (long[] First, long[] Extent) ChunkBox(long[] start, long[] count, IReadOnlyList<int> chunkShape)
    {
        var first = new long[start.Length];
        var extent = new long[start.Length];
        for (var d = 0; d < start.Length; d++)
        {
            first[d] = start[d] / chunkShape[d];
            extent[d] = ((start[d] + count[d] - 1) / chunkShape[d]) - first[d] + 1;
        }

        return (first, extent);
    }

    /// <summary>
    /// Reads one chunk's part of the selection. Over a caching store, a chunk that does not decode is dropped from the
    /// cache and read once more: the cached copy may be the damaged one (a body cut short, a flipped bit on disk).
    /// </summary>
    private async Task ReadChunkIntoAsync(long[] coords, long[] start, long[] count, Memory<byte> output, CancellationToken cancellationToken)
    {
        try
        {
            await ReadChunkOnceAsync(coords, start, count, output, cancellationToken).ConfigureAwait(false);
        }
        catch (ZarrFormatException) when (_cachingStore is { } cache)
        {
            await cache.RemoveCachedAsync(ChunkKey(coords), cancellationToken).ConfigureAwait(false);
            await ReadChunkOnceAsync(coords, start, count, output, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task ReadChunkOnceAsync(long[] coords, long[] start, long[] count, Memory<byte> output, CancellationToken cancellationToken)
    {
        var rank = coords.Length;
        var chunkStart = new long[rank];
        var lo = new long[rank];
        var n = new long[rank];
        for (var d = 0; d < rank; d++)
        {
            chunkStart[d] = coords[d] * ChunkShape[d];
            lo[d] = Math.Max(start[d], chunkStart[d]);
            n[d] = Math.Min(start[d] + count[d], chunkStart[d] + ChunkShape[d]) - lo[d];
        }

        var key = ChunkKey(coords);
        var repr = _metadata.ChunkRepresentation;
        if (Sharding is { } sharding && _metadata.Codecs.ArrayToArray.Count == 0 && _metadata.Codecs.BytesToBytes.Count == 0)
        {
            var regionStart = lo.Select((l, d) => l - chunkStart[d]).ToArray();
            await ShardReader.ReadAsync(Store, key, sharding, repr, regionStart, n, (inner, bytes) =>
            {
                var innerStart = new long[rank];
                var ilo = new long[rank];
                var icount = new long[rank];
                for (var d = 0; d < rank; d++)
                {
                    innerStart[d] = chunkStart[d] + ((long)inner[d] * sharding.ChunkShape[d]);
                    ilo[d] = Math.Max(lo[d], innerStart[d]);
                    icount[d] = Math.Min(lo[d] + n[d], innerStart[d] + sharding.ChunkShape[d]) - ilo[d];
                }

                Place(bytes, sharding.ChunkShape, innerStart, ilo, icount, start, count, output.Span);
            }, cancellationToken).ConfigureAwait(false);
            return;
        }

        var encoded = await Store.GetAsync(key, cancellationToken).ConfigureAwait(false);
        byte[]? chunk = null;
        if (encoded is { } e)
        {
            chunk = DecodeChunk(e, key);
        }

        Place(chunk, ChunkShape, chunkStart, lo, n, start, count, output.Span);
    }

    internal byte[] DecodeChunk(ReadOnlyMemory<byte> encoded, StoreKey key)
    {
        try
        {
            return _metadata.Codecs.Decode(encoded, _metadata.ChunkRepresentation, key.Value);
        }
        catch (Exception ex) when (ex is IndexOutOfRangeException or ArgumentOutOfRangeException or InvalidOperationException or OverflowException)
        {
            throw new ZarrFormatException($"{key}: the chunk does not decode: {ex.Message}", ex);
        }
    }

    private void Place(byte[]? chunk, IReadOnlyList<int> chunkShape, long[] chunkStart, long[] lo, long[] n, long[] start, long[] count, Span<byte> output)
    {
        var rank = lo.Length;
        var size = DataType.Size;
        var dstStart = lo.Select((l, d) => l - start[d]).ToArray();
        if (chunk is null)
        {
            RegionCopy.FillRegion(output, count, dstStart, n, _metadata.FillValue);
            return;
        }

        var srcShape = chunkShape.Select(c => (long)c).ToArray();
        var srcStart = lo.Select((l, d) => l - chunkStart[d]).ToArray();
        RegionCopy.Copy(chunk, srcShape, srcStart, output, count, dstStart, n, size);
    }
}
