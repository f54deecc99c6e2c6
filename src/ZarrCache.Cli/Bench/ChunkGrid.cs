using ZarrCache.Zarr;

namespace ZarrCache.Cli.Bench;

/// <summary>An array's chunk grid as the bench patterns walk it: chunk counts per dimension and chunk regions by C-order index.</summary>
internal sealed class ChunkGrid
{
    /// <summary>The grid of an array of <paramref name="shape"/> cut into <paramref name="chunkShape"/> chunks.</summary>
    public ChunkGrid(IReadOnlyList<long> shape, IReadOnlyList<int> chunkShape)
    {
        Shape = shape;
        ChunkShape = chunkShape;
        Grid = shape.Select((s, d) => (s + chunkShape[d] - 1) / chunkShape[d]).ToArray();
        Count = Grid.Aggregate(1L, (a, b) => a * b);
    }

    /// <summary>The array's shape.</summary>
    public IReadOnlyList<long> Shape { get; }

    /// <summary>The chunk shape.</summary>
    public IReadOnlyList<int> ChunkShape { get; }

    /// <summary>Chunks per dimension.</summary>
    public long[] Grid { get; }

    /// <summary>Chunks in all.</summary>
    public long Count { get; }

    /// <summary>Dimensions.</summary>
    public int Rank => Shape.Count;

    /// <summary>The region of the chunk with C-order index <paramref name="index"/>, clipped to the array.</summary>
    public ArraySelection ChunkRegion(long index)
    {
        var dims = new DimensionSelection[Rank];
        for (var d = Rank - 1; d >= 0; d--)
        {
            var chunk = index % Grid[d];
            index /= Grid[d];
            var start = chunk * ChunkShape[d];
            dims[d] = DimensionSelection.Slice(start, Math.Min(start + ChunkShape[d], Shape[d]));
        }

        return new ArraySelection(dims);
    }
}
