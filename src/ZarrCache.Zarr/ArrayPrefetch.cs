namespace ZarrCache.Zarr;

/// <summary>What a read tells the store's prefetcher: the box it read, so the chunks predicted next are queued.</summary>
internal interface IArrayPrefetch
{
    /// <summary>Follows a read of the box <paramref name="start"/>, <paramref name="count"/> (elements).</summary>
    void After(long[] start, long[] count);
}

/// <summary>An array over a store that does not prefetch: reads tell nothing.</summary>
internal sealed class NoArrayPrefetch : IArrayPrefetch
{
    public static readonly NoArrayPrefetch Instance = new();

    private NoArrayPrefetch()
    {
    }

    public void After(long[] start, long[] count)
    {
    }
}

/// <summary>
/// Prefetching for an array read through an <see cref="IPrefetchingStore"/> (a <see cref="CachedStore"/> with a
/// <see cref="PrefetchConfig"/>): each read's box goes to a <see cref="ChunkAccessPredictor"/> on the grid of the
/// smallest parts the codecs read alone, and the parts it predicts are queued.
/// </summary>
/// <param name="chunks">The array's chunks.</param>
/// <param name="store">The store that queues the reads.</param>
/// <param name="units">
/// The grid of the smallest parts the codecs' partial decoder reads alone (<see cref="Codecs.IPartialDecoder.UnitShape"/>:
/// the chunks' own grid, or a finer one of units read by byte ranges): the grid the reader's walk is followed on.
/// </param>
/// <param name="predictor">The predictor on <paramref name="units"/>.</param>
internal sealed class ArrayPrefetch(ArrayChunks chunks, IPrefetchingStore store, ChunkGrid units, ChunkAccessPredictor predictor) : IArrayPrefetch
{
    /// <summary>Prefetching for the array's chunks when its store prefetches (a prefetch config set), else the null object.</summary>
    public static IArrayPrefetch For(ArrayChunks chunks)
    {
        if (chunks.Store is not IPrefetchingStore { PrefetchConfig: { } config } store)
        {
            return NoArrayPrefetch.Instance;
        }

        var metadata = chunks.Metadata;
        var unit = metadata.Codecs.PartialDecoder.UnitShape(metadata.ChunkRepresentation);
        var units = unit.SequenceEqual(metadata.ChunkShape) ? chunks.Grid : new ChunkGrid(metadata.Shape, unit);
        return new ArrayPrefetch(chunks, store, units, new ChunkAccessPredictor([.. units.GridShape], config));
    }

    /// <summary>
    /// Tells the predictor which box of the unit grid a read covers, and queues the units predicted next. When units
    /// are smaller than chunks, only reads of one unit are followed (a larger box is read with merged byte ranges that
    /// per-unit prefetches would not meet).
    /// </summary>
    public void After(long[] start, long[] count)
    {
        var (first, extent) = units.ChunkBox(start, count);
        var unitsAreChunks = ReferenceEquals(units, chunks.Grid);
        if (!unitsAreChunks && extent.Any(e => e != 1))
        {
            return;
        }

        foreach (var coords in predictor.Observe(first, extent))
        {
            if (!(unitsAreChunks ? store.TryPrefetch(chunks.Key(coords)) : TryPrefetchUnit(coords)))
            {
                break;
            }
        }
    }

    /// <summary>Queues the reads that a read of one unit makes (<see cref="Codecs.IPartialDecoder.FetchAsync"/>).</summary>
    private bool TryPrefetchUnit(long[] unit)
    {
        var element = units.ChunkStart(unit);
        var size = units.ChunkShape.Select(c => (long)c).ToArray();
        var grid = chunks.Grid;
        var chunk = grid.ChunkOf(element);
        var overlap = grid.Overlap(chunk, element, size);
        var key = chunks.Key(chunk);
        var repr = chunks.Metadata.ChunkRepresentation;
        var decoder = chunks.Metadata.Codecs.PartialDecoder;
        return store.TryPrefetch(key, token => decoder.FetchAsync(store, key, repr, overlap.InChunk, overlap.Count, token));
    }
}
