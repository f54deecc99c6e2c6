using System.Numerics;

namespace ZarrCache.Zarr;

/// <summary>
/// A regular chunk grid: an array (or a shard) of <see cref="ArrayShape"/> cut into chunks of <see cref="ChunkShape"/>,
/// the last chunk along a dimension overhanging the edge. The one place the grid arithmetic lives: which chunks a
/// region touches, where a chunk lies, and how a chunk and a region overlap. Reads, writes, prefetch, sharding (the
/// inner chunks of a shard form a grid over the shard) and the CLI's bench patterns all use it.
/// </summary>
public sealed class ChunkGrid
{
    private readonly long[] _shape;
    private readonly int[] _chunkShape;
    private readonly long[] _gridShape;

    /// <summary>The grid of an array of <paramref name="arrayShape"/> cut into chunks of <paramref name="chunkShape"/>.</summary>
    /// <param name="arrayShape">The array's (or shard's) shape; no negative extent.</param>
    /// <param name="chunkShape">The chunk shape: as many dimensions, each at least 1.</param>
    /// <exception cref="ArgumentException">The ranks differ, an extent is negative or a chunk extent is below 1.</exception>
    public ChunkGrid(IReadOnlyList<long> arrayShape, IReadOnlyList<int> chunkShape)
    {
        ArgumentNullException.ThrowIfNull(arrayShape);
        ArgumentNullException.ThrowIfNull(chunkShape);
        if (arrayShape.Count != chunkShape.Count || arrayShape.Any(s => s < 0) || chunkShape.Any(c => c < 1))
        {
            throw new ArgumentException(
                $"A chunk grid needs a chunk shape of the array's rank with every extent at least 1 (array [{string.Join(',', arrayShape)}], chunks [{string.Join(',', chunkShape)}]).",
                nameof(chunkShape));
        }

        _shape = [.. arrayShape];
        _chunkShape = [.. chunkShape];
        _gridShape = new long[_shape.Length];
        for (var d = 0; d < _shape.Length; d++)
        {
            _gridShape[d] = (_shape[d] / _chunkShape[d]) + (_shape[d] % _chunkShape[d] == 0 ? 0 : 1); // no overflow near long.MaxValue
        }
    }

    /// <summary>The shape of the array (or shard) the grid covers.</summary>
    public IReadOnlyList<long> ArrayShape => _shape;

    /// <summary>The shape of every chunk.</summary>
    public IReadOnlyList<int> ChunkShape => _chunkShape;

    /// <summary>The number of chunks along each dimension.</summary>
    public IReadOnlyList<long> GridShape => _gridShape;

    /// <summary>The number of dimensions.</summary>
    public int Rank => _shape.Length;

    /// <summary>The number of chunks, exact however large.</summary>
    public BigInteger ExactChunkCount => _gridShape.Aggregate(BigInteger.One, (a, b) => a * b);

    /// <summary>The number of chunks; <see cref="long.MaxValue"/> when there are more (see <see cref="ExactChunkCount"/>).</summary>
    public long ChunkCount => ExactChunkCount is var count && count > long.MaxValue ? long.MaxValue : (long)count;

    /// <summary>The first chunk and the number of chunks along each dimension that a non-empty region touches.</summary>
    /// <param name="start">The region's corner.</param>
    /// <param name="count">The region's extent along each dimension (each at least 1).</param>
    /// <returns>The box of the grid.</returns>
    public (long[] First, long[] Extent) ChunkBox(ReadOnlySpan<long> start, ReadOnlySpan<long> count)
    {
        var first = new long[Rank];
        var extent = new long[Rank];
        for (var d = 0; d < Rank; d++)
        {
            first[d] = start[d] / _chunkShape[d];
            extent[d] = ((start[d] + (count[d] - 1)) / _chunkShape[d]) - first[d] + 1;
        }

        return (first, extent);
    }

    /// <summary>Whether a non-empty region lies in one chunk.</summary>
    /// <param name="start">The region's corner.</param>
    /// <param name="count">The region's extent.</param>
    /// <returns>True when one chunk holds all of it.</returns>
    public bool IsInOneChunk(ReadOnlySpan<long> start, ReadOnlySpan<long> count)
    {
        for (var d = 0; d < Rank; d++)
        {
            if (start[d] / _chunkShape[d] != (start[d] + (count[d] - 1)) / _chunkShape[d])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The coordinates of the chunks a region touches, in C order of the grid; none for an empty region.</summary>
    /// <param name="start">The region's corner.</param>
    /// <param name="count">The region's extent.</param>
    /// <returns>A new array of coordinates for each chunk.</returns>
    public IEnumerable<long[]> ChunksIntersecting(long[] start, long[] count)
    {
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(count);
        return count.Any(c => c == 0) ? [] : Walk(ChunkBox(start, count));
    }

    /// <summary>The coordinates of every chunk, in C order.</summary>
    /// <returns>A new array of coordinates for each chunk.</returns>
    public IEnumerable<long[]> AllChunks() => _gridShape.Any(g => g == 0) ? [] : Walk((new long[Rank], [.. _gridShape]));

    /// <summary>The coordinates of the chunk with C-order index <paramref name="index"/>.</summary>
    /// <param name="index">The index, from 0 to <see cref="ChunkCount"/> - 1.</param>
    /// <returns>The coordinates.</returns>
    public long[] CoordinatesOf(long index)
    {
        var coords = new long[Rank];
        for (var d = Rank - 1; d >= 0; d--)
        {
            coords[d] = index % _gridShape[d];
            index /= _gridShape[d];
        }

        return coords;
    }

    /// <summary>The C-order index of the chunk at <paramref name="coordinates"/>.</summary>
    /// <param name="coordinates">The chunk's coordinates.</param>
    /// <returns>The index.</returns>
    public long IndexOf(ReadOnlySpan<long> coordinates)
    {
        long index = 0;
        for (var d = 0; d < Rank; d++)
        {
            index = (index * _gridShape[d]) + coordinates[d];
        }

        return index;
    }

    /// <summary>The coordinates of the chunk holding an element.</summary>
    /// <param name="element">The element's coordinates.</param>
    /// <returns>The chunk's coordinates.</returns>
    public long[] ChunkOf(ReadOnlySpan<long> element)
    {
        var coords = new long[Rank];
        for (var d = 0; d < Rank; d++)
        {
            coords[d] = element[d] / _chunkShape[d];
        }

        return coords;
    }

    /// <summary>The coordinates of a chunk's first element.</summary>
    /// <param name="coordinates">The chunk's coordinates.</param>
    /// <returns>Its first element's coordinates.</returns>
    public long[] ChunkStart(ReadOnlySpan<long> coordinates)
    {
        var start = new long[Rank];
        for (var d = 0; d < Rank; d++)
        {
            start[d] = coordinates[d] * _chunkShape[d];
        }

        return start;
    }

    /// <summary>The region of the chunk with C-order index <paramref name="index"/>, clipped to the array.</summary>
    /// <param name="index">The chunk's index.</param>
    /// <returns>The chunk's elements as a selection.</returns>
    public ArraySelection ChunkRegion(long index)
    {
        var coords = CoordinatesOf(index);
        var dims = new DimensionSelection[Rank];
        for (var d = 0; d < Rank; d++)
        {
            var start = coords[d] * _chunkShape[d];
            dims[d] = DimensionSelection.Slice(start, Math.Min(start + _chunkShape[d], _shape[d]));
        }

        return new ArraySelection(dims);
    }

    /// <summary>How the chunk at <paramref name="coordinates"/> and the region (<paramref name="start"/>, <paramref name="count"/>) overlap.</summary>
    /// <param name="coordinates">The chunk's coordinates.</param>
    /// <param name="start">The region's corner.</param>
    /// <param name="count">The region's extent.</param>
    /// <returns>The overlap: where it starts in the chunk and in the region, and its extent.</returns>
    public ChunkOverlap Overlap(ReadOnlySpan<long> coordinates, ReadOnlySpan<long> start, ReadOnlySpan<long> count)
    {
        var inChunk = new long[Rank];
        var inRegion = new long[Rank];
        var extent = new long[Rank];
        var whole = true;
        for (var d = 0; d < Rank; d++)
        {
            var chunkStart = coordinates[d] * _chunkShape[d];
            var lo = Math.Max(start[d], chunkStart);
            var hi = Math.Min(start[d] + count[d], chunkStart + _chunkShape[d]);
            inChunk[d] = lo - chunkStart;
            inRegion[d] = lo - start[d];
            extent[d] = hi - lo;
            whole &= extent[d] == Math.Min(_chunkShape[d], _shape[d] - chunkStart);
        }

        return new ChunkOverlap(inChunk, inRegion, extent, whole);
    }

    private IEnumerable<long[]> Walk((long[] First, long[] Extent) box)
    {
        var (first, extent) = box;
        var total = extent.Aggregate(1L, (a, b) => a * b);
        var index = new long[Rank];
        for (long n = 0; n < total; n++)
        {
            var coords = new long[Rank];
            for (var d = 0; d < Rank; d++)
            {
                coords[d] = first[d] + index[d];
            }

            yield return coords;
            for (var d = Rank - 1; d >= 0; d--)
            {
                if (++index[d] < extent[d])
                {
                    break;
                }

                index[d] = 0;
            }
        }
    }
}

/// <summary>Where a chunk and a region overlap.</summary>
/// <param name="InChunk">The overlap's corner in the chunk's own coordinates.</param>
/// <param name="InRegion">The overlap's corner relative to the region's corner.</param>
/// <param name="Count">The overlap's extent.</param>
/// <param name="CoversChunk">Whether the overlap is all of the chunk that lies inside the array.</param>
public sealed record ChunkOverlap(long[] InChunk, long[] InRegion, long[] Count, bool CoversChunk);
