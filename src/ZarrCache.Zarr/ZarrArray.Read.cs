using ZarrCache.Zarr.Codecs;
using ZarrCache.Zarr.DataTypes;

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
    /// <exception cref="InvalidOperationException">The array holds variable-length strings (<see cref="ZarrArrayStrings.ReadStringsAsync"/> reads them).</exception>
    public async Task<ZarrArrayData> ReadAsync(ArraySelection? selection = null, CancellationToken cancellationToken = default)
    {
        CheckFixedSize();
        var (start, count, shape, elements) = Resolve(selection);
        var output = GC.AllocateUninitializedArray<byte>((int)(elements * DataType.Size)); // every element is written: chunk data or fill
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
        CheckElementType<T>();
        var (start, count, shape, elements) = Resolve(selection);
        var data = GC.AllocateUninitializedArray<T>((int)elements); // every element is written: chunk data or fill
        await ReadIntoAsync(start, count, new ElementBytes<T>(data).Memory, cancellationToken).ConfigureAwait(false);
        return new ZarrArrayData<T>(data, shape);
    }

    /// <summary>
    /// Reads a selection into the caller's buffer, in C order: nothing is allocated for the result, so a loop of reads
    /// can reuse one buffer (a warm read of decoded chunks is then a copy). Chunks are decoded straight into it where
    /// they lie contiguously there.
    /// </summary>
    /// <typeparam name="T">The element type: <see cref="DataTypes.ZarrDataType.ClrType"/>.</typeparam>
    /// <param name="selection">The selection (null: everything).</param>
    /// <param name="destination">Exactly as many elements as the selection holds (a slice of a larger buffer is fine).</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The shape of what was read (dimensions selected by an index dropped).</returns>
    /// <exception cref="ArgumentException">The element type is not the array's, the selection does not fit the array, or <paramref name="destination"/> is not its size.</exception>
    public async Task<IReadOnlyList<long>> ReadIntoAsync<T>(ArraySelection? selection, Memory<T> destination, CancellationToken cancellationToken = default)
        where T : unmanaged
    {
        CheckElementType<T>();
        var (start, count, shape, elements) = Resolve(selection);
        if (destination.Length != elements)
        {
            throw new ArgumentException(
                $"Array '{Path}': the selection holds {elements} elements (shape [{string.Join(',', shape)}]); the destination has room for {destination.Length}.", nameof(destination));
        }

        await ReadIntoAsync(start, count, new ElementBytes<T>(destination).Memory, cancellationToken).ConfigureAwait(false);
        return shape;
    }

    private void CheckElementType<T>()
    {
        CheckFixedSize();
        if (typeof(T) != DataType.ClrType)
        {
            throw new ArgumentException($"Array '{Path}' holds {DataType} ({DataType.ClrType.Name}), not {typeof(T).Name}.", nameof(T));
        }
    }

    /// <summary>Reads up to this many bytes copy kept decoded chunks on the caller's thread before any parallel work.</summary>
    private const int SynchronousCopyLimit = 1 << 20;

    /// <summary>The box a selection reads, the shape of its result, and its element count (checked to fit one buffer).</summary>
    internal (long[] Start, long[] Count, long[] Shape, long Elements) Resolve(ArraySelection? selection)
    {
        var (start, count, kept) = (selection ?? ArraySelection.All).Resolve(_metadata.Shape);
        var total = count.Aggregate(1.0, (a, b) => a * b);
        if (total * Math.Max(1, DataType.Size) > Array.MaxLength)
        {
            throw new ArgumentException($"Array '{Path}': the selection holds {total} elements, too many for one buffer; read a smaller region.", nameof(selection));
        }

        return (start, count, count.Where((_, d) => kept[d]).ToArray(), (long)total);
    }

    /// <summary>Reads the box into <paramref name="output"/> (little-endian elements in C order); chunks in parallel.</summary>
    internal async Task ReadIntoAsync(long[] start, long[] count, Memory<byte> output, CancellationToken cancellationToken)
    {
        if (output.Length == 0)
        {
            return;
        }

        PrefetchAfter(start, count);
        if (Grid.IsInOneChunk(start, count))
        {
            // One chunk: read it here; a small read does not pay for the parallel loop's tasks.
            var only = Grid.ChunkOf(start);
            if (!TryReadKeptChunk(only, start, count, output))
            {
                await ReadChunkIntoAsync(only, start, count, output, cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        // A small read copies the chunks whose decoded copies are kept here, synchronously, and sends only the others
        // to the parallel loop (its tasks would cost more than the copies); a large one copies them in the loop too.
        var copiedKept = _decoded.KeepsChunks && output.Length <= SynchronousCopyLimit;
        var chunks = copiedKept
            ? Grid.ChunksIntersecting(start, count).Where(coords => !TryReadKeptChunk(coords, start, count, output)).ToList()
            : Grid.ChunksIntersecting(start, count);
        await Parallel.ForEachAsync(
            chunks,
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, MaxConcurrency), CancellationToken = cancellationToken },
            async (coords, token) =>
            {
                if (copiedKept || !TryReadKeptChunk(coords, start, count, output))
                {
                    await ReadChunkIntoAsync(coords, start, count, output, token).ConfigureAwait(false);
                }
            }).ConfigureAwait(false);
    }

    /// <summary>Copies one chunk's part of the selection from kept decoded chunks; false when they are not all kept.</summary>
    private bool TryReadKeptChunk(long[] coords, long[] start, long[] count, Memory<byte> output)
    {
        if (!_decoded.KeepsChunks)
        {
            return false;
        }

        var overlap = Grid.Overlap(coords, start, count);
        return _metadata.Codecs.PartialDecoder.TryDecodeKept(
            _decoded, ChunkKey(coords), _metadata.ChunkRepresentation, overlap.InChunk, overlap.Count, new RegionTarget(output, count, overlap.InRegion));
    }

    /// <summary>
    /// Reads one chunk's part of the selection through the codecs' partial decoder. Over a caching store, a chunk that
    /// does not decode is dropped from the cache and read once more: the cached copy may be the damaged one (a body cut
    /// short, a flipped bit on disk).
    /// </summary>
    private async Task ReadChunkIntoAsync(long[] coords, long[] start, long[] count, Memory<byte> output, CancellationToken cancellationToken)
    {
        var overlap = Grid.Overlap(coords, start, count);
        var key = ChunkKey(coords);
        var target = new RegionTarget(output, count, overlap.InRegion);
        var decoder = _metadata.Codecs.PartialDecoder;
        try
        {
            await decoder.DecodeAsync(Store, _decoded, key, _metadata.ChunkRepresentation, overlap.InChunk, overlap.Count, target, cancellationToken).ConfigureAwait(false);
        }
        catch (ZarrFormatException) when (_cachingStore is { } cache)
        {
            await cache.RemoveCachedAsync(key, cancellationToken).ConfigureAwait(false);
            await decoder.DecodeAsync(Store, _decoded, key, _metadata.ChunkRepresentation, overlap.InChunk, overlap.Count, target, cancellationToken).ConfigureAwait(false);
        }
    }

    internal byte[] DecodeChunk(ReadOnlyMemory<byte> encoded, StoreKey key) =>
        ChunkPlacement.Decode(_metadata.Codecs, encoded, _metadata.ChunkRepresentation, key.Value);

    /// <summary>Refuses a byte-level read or write of variable-length elements, which have no fixed-size bytes.</summary>
    private void CheckFixedSize()
    {
        if (DataType.IsVariableLength)
        {
            throw new InvalidOperationException($"Array '{Path}' holds variable-length {(DataType.Kind == ZarrDataTypeKind.String ? "strings" : "byte strings")} ({DataType.Name}), which have no element bytes: use ReadStringsAsync/ReadByteStringsAsync and WriteStringsAsync/WriteByteStringsAsync.");
        }
    }
}
