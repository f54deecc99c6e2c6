using System.Runtime.InteropServices;

namespace ZarrCache;

/// <summary>
/// Counts hits and the bytes they served without an atomic instruction on the hit path: each thread adds to a cell
/// only it writes (found by its managed thread id, which the runtime reuses once a thread has ended, so the cells stay
/// as many as the threads alive at once), and a read sums the cells. Counts are exact; a sum taken while other threads
/// are counting may miss their latest additions, which statistics do not need.
/// </summary>
internal sealed class HitCounter
{
    private readonly Lock _grow = new();
    private Cell?[] _cells = new Cell?[Math.Max(8, Environment.ProcessorCount * 2)];

    public long Hits => Sum(static cell => Volatile.Read(ref cell.Counts.Hits));

    public long Bytes => Sum(static cell => Volatile.Read(ref cell.Counts.Bytes));

    /// <summary>This thread's managed thread id, cached in a thread-static of our own (0 until set): one thread-static
    /// read instead of a call to <see cref="Environment.CurrentManagedThreadId"/> on every hit (32 instead of 42
    /// instructions per hit in the Native AOT instruction-count driver).</summary>
    [ThreadStatic]
    private static int t_threadId;

    /// <summary>Counts one hit of <paramref name="bytes"/> bytes.</summary>
    public void Record(int bytes)
    {
        var id = t_threadId;
        if (id == 0)
        {
            id = t_threadId = Environment.CurrentManagedThreadId;
        }

        var cells = Volatile.Read(ref _cells);
        if ((uint)id < (uint)cells.Length && cells[id] is { } cell)
        {
            // Only this thread writes this cell, so a plain read-add-write loses nothing; the volatile writes publish.
            Volatile.Write(ref cell.Counts.Hits, cell.Counts.Hits + 1);
            Volatile.Write(ref cell.Counts.Bytes, cell.Counts.Bytes + bytes);
            return;
        }

        CellFor(id).Add(bytes);
    }

    /// <summary>One count summed over the cells.</summary>
    private long Sum(Func<Cell, long> read)
    {
        long total = 0;
        foreach (var cell in Volatile.Read(ref _cells))
        {
            total += cell is null ? 0 : read(cell);
        }

        return total;
    }

    private Cell CellFor(int id)
    {
        lock (_grow)
        {
            var cells = _cells;
            if (id >= cells.Length)
            {
                var larger = new Cell?[Math.Max(id + 1, cells.Length * 2)];
                cells.CopyTo(larger, 0);
                cells = larger;
            }

            var cell = cells[id] ??= new Cell();
            Volatile.Write(ref _cells, cells);
            return cell;
        }
    }

    private sealed class Cell
    {
        public PaddedCounts Counts;

        public void Add(int bytes)
        {
            Volatile.Write(ref Counts.Hits, Counts.Hits + 1);
            Volatile.Write(ref Counts.Bytes, Counts.Bytes + bytes);
        }
    }

    /// <summary>The two counts, padded so that two threads' cells never share a cache line.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 192)]
    private struct PaddedCounts
    {
        [FieldOffset(64)]
        public long Hits;

        [FieldOffset(72)]
        public long Bytes;
    }
}
