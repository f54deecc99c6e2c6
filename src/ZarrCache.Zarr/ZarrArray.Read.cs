using System.Buffers;
using ZarrCache.Zarr.Codecs;
using ZarrCache.Zarr.DataTypes;

namespace ZarrCache.Zarr;

/// <summary>Reading selections.</summary>
public sealed partial class ZarrArray
{
    /// <summary>
    /// Reads a selection (NumPy's: steps, negative indexes, <c>...</c>) as little-endian bytes in C order; chunks are
    /// fetched and decoded in parallel (at most <see cref="MaxConcurrency"/> at once).
    /// </summary>
    /// <param name="selection">The selection (null: everything).</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The elements and their shape.</returns>
    /// <exception cref="ArgumentException">The selection does not fit the array (the dimension and value named), or the result is too large for one buffer.</exception>
    /// <exception cref="ZarrFormatException">A chunk is corrupt; the message names its key.</exception>
    /// <exception cref="InvalidOperationException">The array holds variable-length strings (<see cref="ZarrArrayStrings.ReadStringsAsync"/> reads them).</exception>
    public async Task<ZarrArrayData> ReadAsync(ArraySelection? selection = null, CancellationToken cancellationToken = default)
    {
        CheckFixedSize();
        var plan = SelectionPlan.Create(selection, _metadata.Shape, DataType.Size, Path);
        var output = GC.AllocateUninitializedArray<byte>((int)(plan.Elements * DataType.Size)); // every element is written: chunk data or fill
        await ReadSelectionAsync(plan, ElementConversion.Identity, output.AsMemory(), cancellationToken).ConfigureAwait(false);
        return new ZarrArrayData(output, plan.Shape, DataType);
    }

    /// <summary>
    /// Reads a selection (NumPy's: steps, negative indexes, <c>...</c>) into a typed array: of the array's own type,
    /// decoding straight into it, or converted from it where NumPy's safe casting allows (int16 → float32,
    /// float32 → double, uint8 → int32; the fill value converts as any element).
    /// </summary>
    /// <typeparam name="T">The element type: <see cref="DataTypes.ZarrDataType.ClrType"/>, or a numeric type it converts to safely.</typeparam>
    /// <param name="selection">The selection (null: everything).</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The elements in C order and their shape (<see cref="ZarrArrayData{T}.ToArray2D"/> and <see cref="ZarrArrayData{T}.ToArray3D"/> make T[,] and T[,,]).</returns>
    /// <exception cref="ArgumentException">The selection does not fit the array, or the conversion is not safe (the message says which casting allows it).</exception>
    public Task<ZarrArrayData<T>> ReadAsync<T>(ArraySelection? selection = null, CancellationToken cancellationToken = default)
        where T : unmanaged =>
        ReadAsync<T>(selection, ZarrCasting.Safe, cancellationToken);

    /// <summary>Reads a selection into a typed array, converting the elements with the casting allowed (as NumPy's <c>astype(T, casting=...)</c>).</summary>
    /// <typeparam name="T">A numeric element type (or the array's own).</typeparam>
    /// <param name="selection">The selection (null: everything).</param>
    /// <param name="casting">Which conversions are allowed.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The elements in C order and their shape.</returns>
    /// <exception cref="ArgumentException">The selection does not fit the array, or <paramref name="casting"/> refuses the conversion.</exception>
    public async Task<ZarrArrayData<T>> ReadAsync<T>(ArraySelection? selection, ZarrCasting casting, CancellationToken cancellationToken = default)
        where T : unmanaged
    {
        CheckFixedSize();
        var conversion = ElementConversion.For<T>(DataType, casting, Path);
        var plan = SelectionPlan.Create(selection, _metadata.Shape, DataType.Size, Path);
        var data = GC.AllocateUninitializedArray<T>((int)plan.Elements); // every element is written: chunk data or fill
        await ReadSelectionAsync(plan, conversion, data.AsMemory(), cancellationToken).ConfigureAwait(false);
        return new ZarrArrayData<T>(data, plan.Shape);
    }

    /// <summary>
    /// Reads a selection as <see cref="ReadAsync{T}(ArraySelection?, CancellationToken)"/> does, into an array rented
    /// from <see cref="System.Buffers.ArrayPool{T}.Shared"/> that the result hands back when disposed: a new result per
    /// read, as <c>ReadAsync</c> gives, without a new large array per read (which the runtime backs with fresh pages:
    /// for a chunk-sized result that costs more than the read; docs/benchmarks.md). Dispose the result (<c>using</c>)
    /// when done with its elements.
    /// </summary>
    /// <typeparam name="T">The element type: <see cref="DataTypes.ZarrDataType.ClrType"/>, or a numeric type it converts to safely.</typeparam>
    /// <param name="selection">The selection (null: everything).</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The elements in C order and their shape; dispose it to hand its array back.</returns>
    /// <exception cref="ArgumentException">The selection does not fit the array, or the conversion is not safe.</exception>
    public async Task<PooledArrayData<T>> ReadPooledAsync<T>(ArraySelection? selection = null, CancellationToken cancellationToken = default)
        where T : unmanaged
    {
        CheckFixedSize();
        var conversion = ElementConversion.For<T>(DataType, ZarrCasting.Safe, Path);
        var plan = SelectionPlan.Create(selection, _metadata.Shape, DataType.Size, Path);
        var length = (int)plan.Elements;
        var array = PooledArrayData<T>.Rent(length);
        try
        {
            await ReadSelectionAsync(plan, conversion, array.AsMemory(0, length), cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            PooledArrayData<T>.Return(array);
            throw;
        }

        return new PooledArrayData<T>(array, length, plan.Shape);
    }

    /// <summary>
    /// Reads a selection into the caller's buffer, in C order: nothing is allocated for the result, so a loop of reads
    /// can reuse one buffer (a warm read of decoded chunks is then a copy). Chunks are decoded straight into it where
    /// they lie contiguously there and no conversion or step is asked for.
    /// </summary>
    /// <typeparam name="T">The element type: <see cref="DataTypes.ZarrDataType.ClrType"/>, or a numeric type it converts to safely.</typeparam>
    /// <param name="selection">The selection (null: everything).</param>
    /// <param name="destination">Exactly as many elements as the selection holds (a slice of a larger buffer is fine).</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The shape of what was read (dimensions selected by an index dropped).</returns>
    /// <exception cref="ArgumentException">The conversion is not safe, the selection does not fit the array, or <paramref name="destination"/> is not its size (both named).</exception>
    public async Task<IReadOnlyList<long>> ReadIntoAsync<T>(ArraySelection? selection, Memory<T> destination, CancellationToken cancellationToken = default)
        where T : unmanaged
    {
        CheckFixedSize();
        var conversion = ElementConversion.For<T>(DataType, ZarrCasting.Safe, Path);
        var plan = SelectionPlan.Create(selection, _metadata.Shape, DataType.Size, Path);
        if (destination.Length != plan.Elements)
        {
            throw new ArgumentException(
                $"Array '{Path}': the selection holds {plan.Elements} elements (shape [{string.Join(',', plan.Shape)}]); the destination has room for {destination.Length}.", nameof(destination));
        }

        await ReadSelectionAsync(plan, conversion, destination, cancellationToken).ConfigureAwait(false);
        return plan.Shape;
    }

    /// <summary>Reads a planned selection into <paramref name="destination"/>: straight into it when it is a box of the array's type, else through pooled buffers (the box, the gathered elements) and the conversion.</summary>
    private async Task ReadSelectionAsync<T>(SelectionPlan plan, ElementConversion conversion, Memory<T> destination, CancellationToken cancellationToken)
        where T : unmanaged
    {
        if (plan.IsBox && conversion.IsIdentity)
        {
            await ReadIntoAsync(plan.BoxStart, plan.BoxCount, new ElementBytes<T>(destination).Memory, cancellationToken).ConfigureAwait(false);
            return;
        }

        var size = DataType.Size;
        var box = ArrayPool<byte>.Shared.Rent((int)(plan.BoxElements * size));
        var gathered = plan.IsBox ? null : ArrayPool<byte>.Shared.Rent((int)(plan.Elements * size));
        try
        {
            await ReadIntoAsync(plan.BoxStart, plan.BoxCount, box.AsMemory(0, (int)(plan.BoxElements * size)), cancellationToken).ConfigureAwait(false);
            var elements = box.AsSpan(0, (int)(plan.BoxElements * size));
            if (gathered is not null)
            {
                plan.Gather(elements, gathered, size);
                elements = gathered.AsSpan(0, (int)(plan.Elements * size));
            }

            conversion.Convert(elements, destination.Span);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(box);
            if (gathered is not null)
            {
                ArrayPool<byte>.Shared.Return(gathered);
            }
        }
    }

    /// <summary>Reads up to this many bytes copy kept decoded chunks on the caller's thread before any parallel work.</summary>
    private const int SynchronousCopyLimit = 1 << 20;

    /// <summary>The box a selection reads, the shape of its result, and its element count (checked to fit one buffer); steps are refused (the string reads and the writes take boxes only).</summary>
    internal (long[] Start, long[] Count, long[] Shape, long Elements) Resolve(ArraySelection? selection)
    {
        if (selection is { HasSteps: true })
        {
            throw new ArgumentException($"Array '{Path}': the selection '{selection}' has steps, which only the numeric reads (ReadAsync, ReadIntoAsync) take.", nameof(selection));
        }

        var plan = SelectionPlan.Create(selection, _metadata.Shape, DataType.Size, Path);
        return (plan.BoxStart, plan.BoxCount, plan.Shape, plan.Elements);
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
