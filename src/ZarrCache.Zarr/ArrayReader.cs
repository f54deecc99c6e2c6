using System.Buffers;
using ZarrCache.Zarr.Codecs;

namespace ZarrCache.Zarr;

/// <summary>
/// The read path of one opened array: a planned selection into a destination, chunk by chunk through the codecs'
/// partial decoder and the decoded chunks kept (<see cref="IDecodedChunks"/>), telling the prefetcher what was read.
/// </summary>
internal sealed class ArrayReader(ArrayChunks chunks, IDecodedChunks decoded, IArrayPrefetch prefetch)
{
    /// <summary>Reads up to this many bytes copy kept decoded chunks on the caller's thread before any parallel work.</summary>
    private const int SynchronousCopyLimit = 1 << 20;

    /// <summary>The store beneath when it caches: a chunk that does not decode is dropped from it and read again.</summary>
    private readonly ICachingStore? _cachingStore = chunks.Store as ICachingStore;

    private ChunkGrid Grid => chunks.Grid;

    /// <summary>Reads a planned selection into <paramref name="destination"/>: straight into it when it is a box of the array's type, else through pooled buffers (the box, the gathered elements) and the conversion.</summary>
    public async Task ReadSelectionAsync<T>(SelectionPlan plan, ElementConversion conversion, Memory<T> destination, int maxConcurrency, CancellationToken cancellationToken)
        where T : unmanaged
    {
        if (plan.IsBox && conversion.IsIdentity)
        {
            await ReadBoxAsync(plan.BoxStart, plan.BoxCount, new ElementBytes<T>(destination).Memory, maxConcurrency, cancellationToken).ConfigureAwait(false);
            return;
        }

        var size = chunks.Metadata.DataType.Size;
        var box = ArrayPool<byte>.Shared.Rent((int)(plan.BoxElements * size));
        var gathered = plan.IsBox ? null : ArrayPool<byte>.Shared.Rent((int)(plan.Elements * size));
        try
        {
            await ReadBoxAsync(plan.BoxStart, plan.BoxCount, box.AsMemory(0, (int)(plan.BoxElements * size)), maxConcurrency, cancellationToken).ConfigureAwait(false);
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

    /// <summary>Reads the box into <paramref name="output"/> (little-endian elements in C order); chunks in parallel, at most <paramref name="maxConcurrency"/> at once.</summary>
    public async Task ReadBoxAsync(long[] start, long[] count, Memory<byte> output, int maxConcurrency, CancellationToken cancellationToken)
    {
        if (output.Length == 0)
        {
            return;
        }

        prefetch.After(start, count);
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
        var copiedKept = decoded.KeepsChunks && output.Length <= SynchronousCopyLimit;
        IEnumerable<long[]> chunks;
        if (copiedKept)
        {
            var left = Grid.ChunksIntersecting(start, count).Where(coords => !TryReadKeptChunk(coords, start, count, output)).ToList();
            if (left.Count <= 1)
            {
                // All kept (the loop would still start its workers on the thread pool), or one left to read here.
                if (left.Count == 1)
                {
                    await ReadChunkIntoAsync(left[0], start, count, output, cancellationToken).ConfigureAwait(false);
                }

                return;
            }

            chunks = left;
        }
        else
        {
            chunks = Grid.ChunksIntersecting(start, count);
        }

        await Parallel.ForEachAsync(
            chunks,
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, maxConcurrency), CancellationToken = cancellationToken },
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
        if (!decoded.KeepsChunks)
        {
            return false;
        }

        var overlap = Grid.Overlap(coords, start, count);
        var metadata = chunks.Metadata;
        return metadata.Codecs.PartialDecoder.TryDecodeKept(
            decoded, chunks.Key(coords), metadata.ChunkRepresentation, overlap.InChunk, overlap.Count, new RegionTarget(output, count, overlap.InRegion));
    }

    /// <summary>
    /// Reads one chunk's part of the selection through the codecs' partial decoder. Over a caching store, a chunk that
    /// does not decode is dropped from the cache and read once more: the cached copy may be the damaged one (a body cut
    /// short, a flipped bit on disk).
    /// </summary>
    private async Task ReadChunkIntoAsync(long[] coords, long[] start, long[] count, Memory<byte> output, CancellationToken cancellationToken)
    {
        var overlap = Grid.Overlap(coords, start, count);
        var key = chunks.Key(coords);
        var target = new RegionTarget(output, count, overlap.InRegion);
        var metadata = chunks.Metadata;
        var decoder = metadata.Codecs.PartialDecoder;
        try
        {
            await decoder.DecodeAsync(chunks.Store, decoded, key, metadata.ChunkRepresentation, overlap.InChunk, overlap.Count, target, cancellationToken).ConfigureAwait(false);
        }
        catch (ZarrFormatException) when (_cachingStore is { } cache)
        {
            await cache.RemoveCachedAsync(key, cancellationToken).ConfigureAwait(false);
            await decoder.DecodeAsync(chunks.Store, decoded, key, metadata.ChunkRepresentation, overlap.InChunk, overlap.Count, target, cancellationToken).ConfigureAwait(false);
        }
    }
}
