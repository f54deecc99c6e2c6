using ZarrCache.Zarr.Codecs;

namespace ZarrCache.Zarr.Sharding;

/// <summary>
/// Reads some inner chunks of one shard with range requests: the index with one request (a suffix range when it is at
/// the end), then the byte ranges of the inner chunks needed, adjacent ones merged, in one <c>GetRangesAsync</c> call.
/// </summary>
internal static class ShardReader
{
    /// <summary>Reads the inner chunks that intersect a region of the shard; <paramref name="sink"/> gets each one's grid coordinates and decoded elements (null: missing, reads as fill); without a sink the bytes are only fetched (prefetching).</summary>
    public static async Task ReadAsync(
        IReadableStore store, StoreKey key, ShardingCodec codec, ChunkRepresentation shard,
        long[] regionStart, long[] regionCount, Action<int[], byte[]?>? sink, CancellationToken cancellationToken)
    {
        var rank = shard.Shape.Length;
        var perShard = codec.ChunksPerShard(shard.Shape);
        var first = new int[rank];
        var extent = new int[rank];
        for (var d = 0; d < rank; d++)
        {
            first[d] = (int)(regionStart[d] / codec.ChunkShape[d]);
            extent[d] = (int)(((regionStart[d] + regionCount[d] - 1) / codec.ChunkShape[d]) - first[d] + 1);
        }

        var needed = new List<(int Linear, int[] Coords)>();
        var walk = new ChunkGridIterator(extent);
        var total = extent.Aggregate(1, (a, b) => a * b);
        for (var n = 0; n < total; n++, walk.MoveNext())
        {
            var coords = new int[rank];
            var linear = 0;
            for (var d = 0; d < rank; d++)
            {
                coords[d] = first[d] + walk.Current[d];
                linear = (linear * perShard[d]) + coords[d];
            }

            needed.Add((linear, coords));
        }

        var indexSize = codec.IndexEncodedSize(shard.Shape);
        var range = codec.Location == ShardIndexLocation.End ? ByteRange.Suffix(indexSize) : ByteRange.FromOffset(0, indexSize);
        var indexBytes = await store.GetRangeAsync(key, range, cancellationToken).ConfigureAwait(false);
        if (indexBytes is not { } indexData)
        {
            foreach (var (_, coords) in needed)
            {
                sink?.Invoke(coords, null);
            }

            return;
        }

        if (indexData.Length != indexSize)
        {
            throw new ZarrFormatException($"{key}: the shard is {indexData.Length} bytes, shorter than its {indexSize}-byte index.");
        }

        var index = codec.ParseIndex(indexData, shard, shardSize: null, key.Value);
        var present = new List<(int Offset, int Length, long Start, int[] Coords)>();
        foreach (var (linear, coords) in needed)
        {
            if (index.IsMissing(linear))
            {
                sink?.Invoke(coords, null);
            }
            else
            {
                var (offset, length) = index[linear];
                if (codec.Location == ShardIndexLocation.Start && offset < indexSize)
                {
                    throw new ZarrFormatException($"{key}: shard index entry {linear} points into the index.");
                }

                present.Add((0, length, offset, coords));
            }
        }

        if (present.Count == 0)
        {
            return;
        }

        present.Sort((a, b) => a.Start.CompareTo(b.Start));
        var ranges = new List<ByteRange>();
        var rangeOf = new int[present.Count];
        long rangeStart = -1, rangeEnd = -1;
        for (var i = 0; i < present.Count; i++)
        {
            var p = present[i];
            if (rangeStart >= 0 && p.Start == rangeEnd)
            {
                rangeEnd += p.Length;
            }
            else if (rangeStart >= 0 && p.Start >= rangeStart && p.Start + p.Length <= rangeEnd)
            {
                // Inside the current range already (two entries sharing bytes).
            }
            else
            {
                if (rangeStart >= 0)
                {
                    ranges.Add(ByteRange.FromOffset(rangeStart, rangeEnd - rangeStart));
                }

                rangeStart = p.Start;
                rangeEnd = p.Start + p.Length;
            }

            rangeOf[i] = ranges.Count;
            present[i] = p with { Offset = (int)(p.Start - rangeStart) };
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

        if (sink is null)
        {
            return;
        }

        var inner = codec.InnerRepresentation(shard);
        try
        {
            Parallel.For(0, present.Count, new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
            {
                var p = present[i];
                var bytes = data[rangeOf[i]].Slice(p.Offset, p.Length);
                sink(p.Coords, codec.InnerCodecs.Decode(bytes, inner, $"{key} (inner chunk [{string.Join(',', p.Coords)}])"));
            });
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            // Surface the first decoding error itself (ZarrFormatException naming the key), not the aggregate.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerExceptions[0]);
        }
    }
}
