namespace ZarrCache.Zarr;

/// <summary>The store keys behind a selection: what to warm or prefetch.</summary>
public sealed partial class ZarrArray
{
    /// <summary>
    /// The keys of the chunks (for a sharded array, the shards) that a selection touches, in C order of the chunk grid.
    /// Warming these keys (<see cref="CachedStore.WarmAsync(IReadOnlyCollection{StoreKey}, WarmOptions?, IProgress{WarmProgress}?, CancellationToken)"/>)
    /// makes a later read of the selection cost no origin request.
    /// </summary>
    /// <param name="selection">The selection (null: everything).</param>
    /// <returns>The keys; chunks that are missing at the origin are included (they read as the fill value).</returns>
    /// <exception cref="ArgumentException">The selection does not fit the array.</exception>
    public IReadOnlyList<StoreKey> ChunkKeysFor(ArraySelection? selection = null)
    {
        var (start, count, _) = (selection ?? ArraySelection.All).Resolve(_metadata.Shape);
        return Grid.ChunksIntersecting(start, count).Select(coordinates => ChunkKey(coordinates)).ToList();
    }
}
