using ZarrCache.Zarr.Metadata;

namespace ZarrCache.Zarr;

/// <summary>The chunks of one opened array: the store they are read through, their grid, their keys and their metadata.</summary>
internal sealed class ArrayChunks
{
    private readonly string _prefix;

    public ArrayChunks(IReadableStore store, string path, ArrayMetadata metadata)
    {
        Store = store;
        Path = path;
        Metadata = metadata;
        _prefix = path.Length == 0 ? string.Empty : path + "/";
        Grid = new ChunkGrid(metadata.Shape, metadata.ChunkShape);
    }

    /// <summary>The store the chunks are read through.</summary>
    public IReadableStore Store { get; }

    /// <summary>The array's path ("" for the root), for messages.</summary>
    public string Path { get; }

    /// <summary>The array's metadata: shape, chunk representation, codecs, fill value, key encoding.</summary>
    public ArrayMetadata Metadata { get; }

    /// <summary>The chunk grid (for a sharded array, of the shards).</summary>
    public ChunkGrid Grid { get; }

    /// <summary>The store key of the chunk at <paramref name="coordinates"/> on the grid.</summary>
    public StoreKey Key(ReadOnlySpan<long> coordinates) => new(_prefix + Metadata.KeyEncoding.Encode(coordinates));
}
