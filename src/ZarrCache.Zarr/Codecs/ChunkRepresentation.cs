using ZarrCache.Zarr.DataTypes;

namespace ZarrCache.Zarr.Codecs;

/// <summary>What a codec sees on its decoded side: a chunk's shape, element type and fill value (little endian in memory).</summary>
internal sealed record ChunkRepresentation(int[] Shape, ZarrDataType DataType, byte[] FillValue)
{
    public long ElementCount
    {
        get
        {
            long n = 1;
            foreach (var s in Shape)
            {
                n *= s;
            }

            return n;
        }
    }

    public long ByteSize => ElementCount * DataType.Size;

    public int ExactByteSize(string where)
    {
        var size = ByteSize;
        return size > Array.MaxLength ? throw new ZarrFormatException($"{where}: a chunk of {size} bytes is larger than this reader supports.") : (int)size;
    }

    /// <summary>The element count of a chunk of variable-length elements, checked to fit one array.</summary>
    public int ExactElementCount(string where)
    {
        var count = ElementCount;
        return count > Array.MaxLength ? throw new ZarrFormatException($"{where}: a chunk of {count} elements is larger than this reader supports.") : (int)count;
    }

    public ChunkRepresentation WithShape(int[] shape) => this with { Shape = shape };
}
