using ZarrCache.Zarr.Codecs;

namespace ZarrCache.Zarr.Sharding;

/// <summary>
/// The partial decoder of <c>sharding_indexed</c>: reads a shard's index with one request (a suffix range when it is at
/// the end), then the byte ranges of the inner chunks a region touches, adjacent ones merged, in one
/// <c>GetRangesAsync</c> call, and decodes each inner chunk (in parallel). Inner chunks are the units the decoded-chunk
/// cache keeps: those it holds are neither read nor decoded again.
/// </summary>
internal sealed class ShardPartialDecoder(ShardingCodec codec) : IPartialDecoder
{
    private ChunkGrid? _innerGrid;

    public int[] UnitShape(ChunkRepresentation chunk) => codec.ChunkShape;

    public async ValueTask DecodeAsync(
        IReadableStore store, IDecodedChunks decoded, StoreKey key, ChunkRepresentation chunk, long[] regionStart, long[] regionCount,
        RegionTarget target, CancellationToken cancellationToken)
    {
        var ticket = decoded.Begin(key);
        var inner = codec.InnerRepresentation(chunk);
        var units = UnitsOf(chunk, regionStart, regionCount)
            .Where(u => !decoded.TryPlace(ticket, u.Index, inner, u.Overlap.InChunk, u.Overlap.Count, target.Shifted(u.Overlap.InRegion)))
            .ToList();
        if (units.Count == 0)
        {
            return;
        }

        using var validity = CacheValidity.Track();
        var bytes = await FetchUnitsAsync(store, key, chunk, units, cancellationToken).ConfigureAwait(false);
        var validUntil = validity.ValidUntilUtcTicks;
        ValueTask Place(int i, CancellationToken token)
        {
            var (index, overlap) = units[i];
            var fetched = new FetchedChunk(bytes[i], validUntil);
            return decoded.PlaceAsync(
                ticket, index, codec.InnerCodecs, inner, overlap.InChunk, overlap.Count, target.Shifted(overlap.InRegion), _ => new(fetched), token);
        }

        if (units.Count == 1)
        {
            await Place(0, cancellationToken).ConfigureAwait(false);
            return;
        }

        await Parallel.ForEachAsync(
            Enumerable.Range(0, units.Count),
            new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount },
            async (i, token) => await Place(i, token).ConfigureAwait(false)).ConfigureAwait(false);
    }

    public async ValueTask FetchAsync(IReadableStore store, StoreKey key, ChunkRepresentation chunk, long[] regionStart, long[] regionCount, CancellationToken cancellationToken) =>
        _ = await FetchUnitsAsync(store, key, chunk, UnitsOf(chunk, regionStart, regionCount).ToList(), cancellationToken).ConfigureAwait(false);

    /// <summary>False at once: kept inner chunks are looked up one by one in <see cref="DecodeAsync"/>, which fetches only the others.</summary>
    public bool TryDecodeKept(IDecodedChunks decoded, StoreKey key, ChunkRepresentation chunk, long[] regionStart, long[] regionCount, RegionTarget target) => false;

    /// <summary>The inner chunks a region of the shard touches: each one's index in the shard and its overlap with the region.</summary>
    private IEnumerable<(int Index, ChunkOverlap Overlap)> UnitsOf(ChunkRepresentation chunk, long[] regionStart, long[] regionCount)
    {
        var grid = InnerGrid(chunk);
        return grid.ChunksIntersecting(regionStart, regionCount).Select(c => ((int)grid.IndexOf(c), grid.Overlap(c, regionStart, regionCount)));
    }

    private ChunkGrid InnerGrid(ChunkRepresentation chunk)
    {
        if (_innerGrid is { } grid && grid.ArrayShape.SequenceEqual(chunk.Shape.Select(s => (long)s)))
        {
            return grid;
        }

        return _innerGrid = new ChunkGrid(chunk.Shape.Select(s => (long)s).ToArray(), codec.ChunkShape);
    }

    /// <summary>Reads the index, then the bytes of the given inner chunks (null for each one the index marks missing, or all when the shard is missing).</summary>
    private async ValueTask<ReadOnlyMemory<byte>?[]> FetchUnitsAsync(
        IReadableStore store, StoreKey key, ChunkRepresentation chunk, List<(int Index, ChunkOverlap Overlap)> units, CancellationToken cancellationToken)
    {
        var result = new ReadOnlyMemory<byte>?[units.Count];
        var indexSize = codec.IndexEncodedSize(chunk.Shape);
        var range = codec.Location == ShardIndexLocation.End ? ByteRange.Suffix(indexSize) : ByteRange.FromOffset(0, indexSize);
        if (await store.GetRangeAsync(key, range, cancellationToken).ConfigureAwait(false) is not { } indexData)
        {
            return result;
        }

        if (indexData.Length != indexSize)
        {
            throw new ZarrFormatException($"{key}: the shard is {indexData.Length} bytes, shorter than its {indexSize}-byte index.");
        }

        var index = codec.ParseIndex(indexData, chunk, shardSize: null, key.Value);
        var present = new List<(int Unit, long Start, int Length)>();
        for (var i = 0; i < units.Count; i++)
        {
            var linear = units[i].Index;
            if (index.IsMissing(linear))
            {
                continue;
            }

            var (offset, length) = index[linear];
            if (codec.Location == ShardIndexLocation.Start && offset < indexSize)
            {
                throw new ZarrFormatException($"{key}: shard index entry {linear} points into the index.");
            }

            present.Add((i, offset, length));
        }

        if (present.Count > 0)
        {
            await FetchRangesAsync(store, key, present, result, cancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    /// <summary>Reads the inner chunks' byte ranges, adjacent (or shared) ones merged into one range, in one call.</summary>
    private static async ValueTask FetchRangesAsync(
        IReadableStore store, StoreKey key, List<(int Unit, long Start, int Length)> present, ReadOnlyMemory<byte>?[] result, CancellationToken cancellationToken)
    {
        present.Sort((a, b) => a.Start.CompareTo(b.Start));
        var ranges = new List<ByteRange>();
        var rangeOf = new int[present.Count];
        var offsetIn = new int[present.Count];
        long rangeStart = -1, rangeEnd = -1;
        for (var i = 0; i < present.Count; i++)
        {
            var (_, start, length) = present[i];
            if (rangeStart >= 0 && start == rangeEnd)
            {
                rangeEnd += length;
            }
            else if (!(rangeStart >= 0 && start >= rangeStart && start + length <= rangeEnd))
            {
                if (rangeStart >= 0)
                {
                    ranges.Add(ByteRange.FromOffset(rangeStart, rangeEnd - rangeStart));
                }

                rangeStart = start;
                rangeEnd = start + length;
            }

            rangeOf[i] = ranges.Count;
            offsetIn[i] = (int)(start - rangeStart);
        }

        ranges.Add(ByteRange.FromOffset(rangeStart, rangeEnd - rangeStart));
        var data = await store.GetRangesAsync(key, ranges, cancellationToken).ConfigureAwait(false)
            ?? throw new ZarrFormatException($"{key}: the shard disappeared between reading its index and its chunks.");
        if (data.Count != ranges.Count)
        {
            throw new ZarrFormatException($"{key}: the store returned {data.Count} ranges, {ranges.Count} asked.");
        }

        for (var r = 0; r < ranges.Count; r++)
        {
            if (data[r].Length != ranges[r].Length)
            {
                throw new ZarrFormatException($"{key}: range {ranges[r]} returned {data[r].Length} bytes; the shard is shorter than its index says.");
            }
        }

        for (var i = 0; i < present.Count; i++)
        {
            result[present[i].Unit] = data[rangeOf[i]].Slice(offsetIn[i], present[i].Length);
        }
    }
}
