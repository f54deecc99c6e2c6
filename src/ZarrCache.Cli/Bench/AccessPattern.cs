using ZarrCache.Zarr;

namespace ZarrCache.Cli.Bench;

/// <summary>
/// The reads of one bench pass: per reader, the selections it reads one after another. The same pattern, shape, chunk
/// shape, reader count, read count and seed always give the same selections (<see cref="System.Random"/> with a seed is
/// stable across .NET versions).
/// </summary>
internal static class AccessPattern
{
    /// <summary>The share of the chunks that make up the hot region of <see cref="AccessPatternKind.Tiles"/>.</summary>
    public const double HotChunkFraction = 0.2;

    /// <summary>The share of <see cref="AccessPatternKind.Tiles"/> reads that go to the hot region.</summary>
    public const double HotReadFraction = 0.8;

    /// <summary>The most reads one pass may make (a scan of a huge array would not end).</summary>
    public const int MaxReadsPerPass = 1_000_000;

    /// <summary>Parses a --pattern value.</summary>
    /// <param name="text">scan, timeseries, tiles or random (any case).</param>
    /// <returns>The pattern.</returns>
    /// <exception cref="ArgumentException">Not a pattern; the message names --pattern.</exception>
    public static AccessPatternKind Parse(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "scan" => AccessPatternKind.Scan,
        "timeseries" => AccessPatternKind.Timeseries,
        "tiles" => AccessPatternKind.Tiles,
        "random" => AccessPatternKind.Random,
        _ => throw new ArgumentException($"--pattern: '{text}' is not a pattern (scan, timeseries, tiles or random)."),
    };

    /// <summary>The --pattern name of a pattern.</summary>
    public static string Name(AccessPatternKind kind) => kind.ToString().ToLowerInvariant();

    /// <summary>Generates the selections of a pass.</summary>
    /// <param name="kind">The pattern.</param>
    /// <param name="shape">The array's shape (every length at least 1).</param>
    /// <param name="chunkShape">The array's chunk shape (the read grid: shards for a sharded array).</param>
    /// <param name="readers">How many readers share the pass (at least 1).</param>
    /// <param name="reads">How many reads <see cref="AccessPatternKind.Tiles"/> and <see cref="AccessPatternKind.Random"/> make in all (at least 1); the others read every chunk once per column.</param>
    /// <param name="seed">The seed of every random choice.</param>
    /// <returns>One list of selections per reader (a list may be empty when there are more readers than reads).</returns>
    public static IReadOnlyList<IReadOnlyList<ArraySelection>> Generate(
        AccessPatternKind kind, IReadOnlyList<long> shape, IReadOnlyList<int> chunkShape, int readers, int reads, int seed)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(chunkShape);
        ArgumentOutOfRangeException.ThrowIfLessThan(readers, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(reads, 1);
        if (shape.Count == 0 || shape.Count != chunkShape.Count || shape.Any(s => s < 1) || chunkShape.Any(c => c < 1))
        {
            throw new ArgumentException($"The array must have at least one dimension and no empty one (shape [{string.Join(',', shape)}], chunks [{string.Join(',', chunkShape)}]).", nameof(shape));
        }

        var grid = new ChunkGrid(shape, chunkShape);
        var perPass = kind switch
        {
            AccessPatternKind.Scan => grid.ChunkCount,
            AccessPatternKind.Timeseries => (double)grid.GridShape[0] * readers,
            _ => reads,
        };
        if (perPass > MaxReadsPerPass)
        {
            throw new ArgumentException($"--pattern {Name(kind)}: a pass would make {perPass:N0} reads ({grid.ChunkCount:N0} chunks), more than {MaxReadsPerPass:N0}; bench a smaller array.");
        }

        var random = new Random(seed);
        return kind switch
        {
            AccessPatternKind.Scan => Scan(grid, readers),
            AccessPatternKind.Timeseries => Timeseries(grid, readers, random),
            AccessPatternKind.Tiles => RoundRobin(Tiles(grid, reads, random), readers),
            AccessPatternKind.Random => RoundRobin(RandomRegions(grid, reads, random), readers),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown pattern."),
        };
    }

    private static List<ArraySelection>[] Scan(ChunkGrid grid, int readers)
    {
        // Contiguous shares of the chunks in C order, so each reader scans a band of its own.
        var result = NewLists(readers);
        var count = grid.ChunkCount;
        for (var r = 0; r < readers; r++)
        {
            for (var i = count * r / readers; i < count * (r + 1) / readers; i++)
            {
                result[r].Add(grid.ChunkRegion(i));
            }
        }

        return result;
    }

    private static List<ArraySelection>[] Timeseries(ChunkGrid grid, int readers, Random random)
    {
        // A column is a position in dimensions 1..n-1. Readers get distinct columns (in distinct chunks, seeded order)
        // while there are enough; readers that share a column split its walk along dimension 0 into contiguous parts.
        var columnChunks = grid.ChunkCount / grid.GridShape[0];
        var order = DistinctColumns(columnChunks, readers, random);
        var columns = order.Length;
        var positions = new long[columns][];
        for (var c = 0; c < columns; c++)
        {
            // Column chunk order[c], as a chunk index over dimensions 1..n-1 (C order), then a seeded element within it.
            var position = new long[grid.Rank];
            long rest = order[c];
            for (var d = grid.Rank - 1; d >= 1; d--)
            {
                var chunk = rest % grid.GridShape[d];
                rest /= grid.GridShape[d];
                var start = chunk * grid.ChunkShape[d];
                position[d] = start + random.NextInt64(Math.Min(grid.ChunkShape[d], grid.ArrayShape[d] - start));
            }

            position[0] = random.Next(grid.ChunkShape[0]);
            positions[c] = position;
        }

        var result = NewLists(readers);
        var steps = grid.GridShape[0];
        for (var r = 0; r < readers; r++)
        {
            var column = r % columns;
            var sharing = (readers - column + columns - 1) / columns;
            var part = r / columns;
            for (var step = steps * part / sharing; step < steps * (part + 1) / sharing; step++)
            {
                var index = new long[grid.Rank];
                Array.Copy(positions[column], index, grid.Rank);
                index[0] = Math.Min((step * grid.ChunkShape[0]) + positions[column][0], grid.ArrayShape[0] - 1);
                result[r].Add(new ArraySelection(index.Select(DimensionSelection.Index).ToArray()));
            }
        }

        return result;
    }

    private static long[] DistinctColumns(long columnChunks, int readers, Random random)
    {
        if (columnChunks <= readers)
        {
            var all = new long[columnChunks];
            for (var i = 0; i < all.Length; i++)
            {
                all[i] = i;
            }

            random.Shuffle(all);
            return all;
        }

        // Seeded distinct picks, without allocating per column chunk (the grid may be huge).
        var picked = new List<long>(readers);
        var seen = new HashSet<long>();
        while (picked.Count < readers)
        {
            var candidate = random.NextInt64(columnChunks);
            if (seen.Add(candidate))
            {
                picked.Add(candidate);
            }
        }

        return picked.ToArray();
    }

    private static IEnumerable<ArraySelection> Tiles(ChunkGrid grid, int reads, Random random)
    {
        // The hot region: a seeded run of chunks in C order (a band of rows of tiles), wrapping at the end.
        var count = grid.ChunkCount;
        var hot = Math.Max(1, (long)Math.Round(count * HotChunkFraction));
        var hotStart = random.NextInt64(count);
        for (var i = 0; i < reads; i++)
        {
            long offset = hot == count || random.NextDouble() < HotReadFraction
                ? random.NextInt64(hot)
                : hot + random.NextInt64(count - hot);
            yield return grid.ChunkRegion((hotStart + offset) % count);
        }
    }

    private static IEnumerable<ArraySelection> RandomRegions(ChunkGrid grid, int reads, Random random)
    {
        for (var i = 0; i < reads; i++)
        {
            var dims = new DimensionSelection[grid.Rank];
            for (var d = 0; d < grid.Rank; d++)
            {
                var length = Math.Min(grid.ChunkShape[d], grid.ArrayShape[d]);
                var start = random.NextInt64(grid.ArrayShape[d] - length + 1);
                dims[d] = DimensionSelection.Slice(start, start + length);
            }

            yield return new ArraySelection(dims);
        }
    }

    private static List<ArraySelection>[] RoundRobin(IEnumerable<ArraySelection> selections, int readers)
    {
        var result = NewLists(readers);
        var i = 0;
        foreach (var selection in selections)
        {
            result[i++ % readers].Add(selection);
        }

        return result;
    }

    private static List<ArraySelection>[] NewLists(int readers) => Enumerable.Range(0, readers).Select(_ => new List<ArraySelection>()).ToArray();
}
