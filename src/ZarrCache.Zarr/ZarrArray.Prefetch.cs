namespace ZarrCache.Zarr;

/// <summary>
/// Prefetching: a read through an <see cref="IPrefetchingStore"/> (a <see cref="CachedStore"/> with a
/// <see cref="PrefetchConfig"/>) queues the chunks its <see cref="ChunkAccessPredictor"/> says the reader will likely read next.
/// </summary>
public sealed partial class ZarrArray
{
    private ChunkAccessPredictor? _predictor;
    private ChunkGrid? _unitGrid;

    /// <summary>
    /// The grid of the smallest parts the codecs' partial decoder reads alone (<see cref="Codecs.IPartialDecoder.UnitShape"/>:
    /// the chunks themselves, or smaller units read by byte ranges): the grid the reader's walk is followed on.
    /// </summary>
    private ChunkGrid UnitGrid => _unitGrid ??= _metadata.Codecs.PartialDecoder.UnitShape(_metadata.ChunkRepresentation) is var unit && unit.SequenceEqual(ChunkShape)
        ? Grid
        : new ChunkGrid(Shape, unit);

    /// <summary>
    /// Tells the store's prefetcher which box of the unit grid a read covers, and queues the units predicted next. When
    /// units are smaller than chunks, only reads of one unit are followed (a larger box is read with merged byte
    /// ranges that per-unit prefetches would not meet).
    /// </summary>
    private void PrefetchAfter(long[] start, long[] count)
    {
        if (Store is not IPrefetchingStore { PrefetchConfig: { } config } cached)
        {
            return;
        }

        var units = UnitGrid;
        var (first, extent) = units.ChunkBox(start, count);
        if (!ReferenceEquals(units, Grid) && extent.Any(e => e != 1))
        {
            return;
        }

        var predictor = _predictor ?? Interlocked.CompareExchange(ref _predictor, new ChunkAccessPredictor([.. units.GridShape], config), null) ?? _predictor;
        foreach (var coords in predictor.Observe(first, extent))
        {
            if (!(ReferenceEquals(units, Grid) ? cached.TryPrefetch(ChunkKey(coords)) : TryPrefetchUnit(cached, units, coords)))
            {
                break;
            }
        }
    }

    /// <summary>Queues the reads that a read of one unit makes (<see cref="Codecs.IPartialDecoder.FetchAsync"/>).</summary>
    private bool TryPrefetchUnit(IPrefetchingStore cached, ChunkGrid units, long[] unit)
    {
        var element = units.ChunkStart(unit);
        var size = units.ChunkShape.Select(c => (long)c).ToArray();
        var chunk = Grid.ChunkOf(element);
        var overlap = Grid.Overlap(chunk, element, size);
        var key = ChunkKey(chunk);
        var repr = _metadata.ChunkRepresentation;
        var decoder = _metadata.Codecs.PartialDecoder;
        return cached.TryPrefetch(key, token => decoder.FetchAsync(cached, key, repr, overlap.InChunk, overlap.Count, token));
    }
}
