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

    public ChunkRepresentation WithShape(int[] shape) => this with { Shape = shape };
}
