namespace ZarrCache.Zarr;

/// <summary>Walks the coordinates of a grid in C order.</summary>
internal sealed class ChunkGridIterator
{
    private readonly int[] _shape;

    public ChunkGridIterator(int[] shape)
    {
        _shape = shape;
        Current = new int[shape.Length];
    }

    public int[] Current { get; }

    public void MoveNext()
    {
        for (var d = _shape.Length - 1; d >= 0; d--)
        {
            if (++Current[d] < _shape[d])
            {
                return;
            }

            Current[d] = 0;
        }
    }
}
