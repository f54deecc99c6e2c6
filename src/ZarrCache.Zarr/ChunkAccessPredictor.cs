namespace ZarrCache.Zarr;

/// <summary>
/// Predicts which chunks a reader of one array will read next, from the sequence of chunk-grid boxes it read: the
/// walking dimension for <see cref="PrefetchStrategy.Walk"/>, the surrounding chunks for <see cref="PrefetchStrategy.Neighbors"/>.
/// Thread-safe; several readers walking at once are told apart (up to 8 walks are followed).
/// </summary>
/// <remarks>
/// A walk is a sequence of reads of boxes of the same size, each moved by the same step along exactly one dimension
/// (a time-series walk moves along the time dimension; a row scan along the rows). The first read starts a walk, the
/// second sets its step, the third confirms it: from then on every read predicts the next
/// <see cref="PrefetchConfig.NeighborChunks"/> steps, each box once. Reads that do not continue a walk predict nothing,
/// so random reads cost no prefetching.
/// </remarks>
public sealed class ChunkAccessPredictor
{
    private const int MaxWalks = 8;
    private const int MaxStepInBoxes = 4;
    private readonly long[] _grid;
    private readonly PrefetchConfig _config;
    private readonly List<Walk> _walks = [];
    private readonly Lock _lock = new();
    private long _tick;

    /// <summary>Creates a predictor for an array whose chunk grid has <paramref name="chunkGridShape"/>.</summary>
    /// <param name="chunkGridShape">The number of chunks along each dimension.</param>
    /// <param name="config">The prefetch settings (strategy, how far ahead, how many chunks at most per prediction).</param>
    /// <exception cref="CacheConfigException">The config has a bad field.</exception>
    public ChunkAccessPredictor(IReadOnlyList<long> chunkGridShape, PrefetchConfig config)
    {
        ArgumentNullException.ThrowIfNull(chunkGridShape);
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        if (chunkGridShape.Any(n => n < 0))
        {
            throw new ArgumentException($"The chunk grid shape [{string.Join(", ", chunkGridShape)}] has a negative extent.", nameof(chunkGridShape));
        }

        _grid = [.. chunkGridShape];
        _config = config;
    }

    /// <summary>The dimensions of the chunk grid.</summary>
    public int Rank => _grid.Length;

    /// <summary>
    /// Records a read of the box of chunks starting at <paramref name="firstChunk"/> with <paramref name="chunkCounts"/>
    /// chunks along each dimension, and returns the coordinates of the chunks to prefetch (none to many, at most
    /// <see cref="PrefetchConfig.MaxQueueSize"/>; nearest first; never outside the grid).
    /// </summary>
    /// <param name="firstChunk">The grid coordinates of the box's first chunk.</param>
    /// <param name="chunkCounts">How many chunks the box spans along each dimension (each at least 1).</param>
    /// <returns>The chunk coordinates to prefetch.</returns>
    /// <exception cref="ArgumentException">The box does not have the grid's rank or has an empty extent.</exception>
    public IReadOnlyList<long[]> Observe(ReadOnlySpan<long> firstChunk, ReadOnlySpan<long> chunkCounts)
    {
        if (firstChunk.Length != Rank || chunkCounts.Length != Rank)
        {
            throw new ArgumentException($"A box of the chunk grid needs {Rank} coordinates and counts, got {firstChunk.Length} and {chunkCounts.Length}.", nameof(firstChunk));
        }

        foreach (var count in chunkCounts)
        {
            if (count < 1)
            {
                throw new ArgumentException($"Every chunk count must be at least 1, got [{string.Join(", ", chunkCounts.ToArray())}].", nameof(chunkCounts));
            }
        }

        return _config.Strategy == PrefetchStrategy.Neighbors
            ? PredictNeighbors(firstChunk.ToArray(), chunkCounts.ToArray())
            : ObserveWalk(firstChunk.ToArray(), chunkCounts.ToArray());
    }

    private List<long[]> ObserveWalk(long[] first, long[] counts)
    {
        lock (_lock)
        {
            _tick++;
            Walk? candidate = null;
            long[]? candidateStep = null;
            foreach (var walk in _walks)
            {
                if (!walk.Counts.AsSpan().SequenceEqual(counts))
                {
                    continue;
                }

                var diff = Difference(first, walk.Last);
                if (diff.All(d => d == 0))
                {
                    walk.Tick = _tick;
                    return [];
                }

                if (walk.Step is { } step && step.AsSpan().SequenceEqual(diff))
                {
                    walk.Last = first;
                    walk.Steps++;
                    walk.Tick = _tick;
                    return walk.Steps >= 2 ? PredictAhead(walk) : [];
                }

                // A confirmed walk keeps its step; another reader's box never re-targets it.
                if (walk.Steps < 2 && IsOneStep(diff, counts) && (candidateStep is null || Length(diff) < Length(candidateStep)))
                {
                    (candidate, candidateStep) = (walk, diff);
                }
            }

            if (candidate is not null)
            {
                candidate.Step = candidateStep;
                candidate.Last = first;
                candidate.Steps = 1;
                candidate.PredictedThrough = 1;
                candidate.Tick = _tick;
                return [];
            }

            if (_walks.Count == MaxWalks)
            {
                _walks.Remove(_walks.MinBy(w => w.Tick)!);
            }

            _walks.Add(new Walk { Counts = counts, Last = first, Tick = _tick });
            return [];
        }
    }

    private List<long[]> PredictAhead(Walk walk)
    {
        var result = new List<long[]>();
        var step = walk.Step!;
        var from = Math.Max(walk.PredictedThrough, walk.Steps) + 1;
        var through = walk.Steps + _config.NeighborChunks;
        for (var k = from; k <= through; k++)
        {
            var start = new long[Rank];
            for (var d = 0; d < Rank; d++)
            {
                start[d] = walk.Last[d] + ((k - walk.Steps) * step[d]);
            }

            if (!AddBox(start, walk.Counts, result))
            {
                break;
            }

            walk.PredictedThrough = k;
        }

        return result;
    }

    private List<long[]> PredictNeighbors(long[] first, long[] counts)
    {
        var result = new List<long[]>();
        for (var k = 1; k <= _config.NeighborChunks; k++)
        {
            for (var d = 0; d < Rank; d++)
            {
                foreach (var sign in (ReadOnlySpan<int>)[1, -1])
                {
                    var start = (long[])first.Clone();
                    start[d] += sign * k * counts[d];
                    AddBox(start, counts, result);
                }
            }
        }

        return result;
    }

    /// <summary>Adds the chunks of a box, clipped to the grid, in C order; false when the box lies wholly outside the grid or the result is full.</summary>
    private bool AddBox(long[] start, long[] counts, List<long[]> result)
    {
        var lo = new long[Rank];
        var extent = new long[Rank];
        for (var d = 0; d < Rank; d++)
        {
            lo[d] = Math.Max(0, start[d]);
            var hi = Math.Min(_grid[d], start[d] + counts[d]);
            if (hi <= lo[d])
            {
                return false;
            }

            extent[d] = hi - lo[d];
        }

        var index = new long[Rank];
        while (true)
        {
            if (result.Count >= _config.MaxQueueSize)
            {
                return false;
            }

            var coords = new long[Rank];
            for (var d = 0; d < Rank; d++)
            {
                coords[d] = lo[d] + index[d];
            }

            result.Add(coords);
            var dim = Rank - 1;
            while (dim >= 0 && ++index[dim] == extent[dim])
            {
                index[dim] = 0;
                dim--;
            }

            if (dim < 0)
            {
                return true;
            }
        }
    }

    private static long[] Difference(long[] a, long[] b)
    {
        var diff = new long[a.Length];
        for (var d = 0; d < a.Length; d++)
        {
            diff[d] = a[d] - b[d];
        }

        return diff;
    }

    /// <summary>Whether a move is along exactly one dimension, by at most <see cref="MaxStepInBoxes"/> box lengths.</summary>
    private static bool IsOneStep(long[] diff, long[] counts)
    {
        var moved = 0;
        for (var d = 0; d < diff.Length; d++)
        {
            if (diff[d] != 0)
            {
                moved++;
                if (Math.Abs(diff[d]) > MaxStepInBoxes * counts[d])
                {
                    return false;
                }
            }
        }

        return moved == 1;
    }

    private static long Length(long[] diff) => diff.Sum(Math.Abs);

    private sealed class Walk
    {
        public required long[] Counts { get; init; }

        public required long[] Last { get; set; }

        public long[]? Step { get; set; }

        /// <summary>Steps taken with <see cref="Step"/>: 1 once set, 2 and more once confirmed.</summary>
        public long Steps { get; set; }

        /// <summary>The furthest step (counted like <see cref="Steps"/>) already predicted.</summary>
        public long PredictedThrough { get; set; }

        public long Tick { get; set; }
    }
}
