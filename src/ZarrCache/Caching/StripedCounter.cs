using System.Runtime.InteropServices;

namespace ZarrCache;

/// <summary>
/// A counter that many threads add to without contending: each processor adds to its own cache line, and a read
/// sums them. Reads are not atomic snapshots across cells, which statistics do not need.
/// </summary>
internal sealed class StripedCounter
{
    private readonly PaddedLong[] _cells;
    private readonly int _mask;

    public StripedCounter()
    {
        var count = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(1, Environment.ProcessorCount));
        _cells = new PaddedLong[count];
        _mask = count - 1;
    }

    public void Increment() => Interlocked.Increment(ref _cells[Thread.GetCurrentProcessorId() & _mask].Value);

    public void Add(long amount) => Interlocked.Add(ref _cells[Thread.GetCurrentProcessorId() & _mask].Value, amount);

    public long Sum()
    {
        long total = 0;
        for (var i = 0; i < _cells.Length; i++)
        {
            total += Volatile.Read(ref _cells[i].Value);
        }

        return total;
    }

    public void Reset()
    {
        for (var i = 0; i < _cells.Length; i++)
        {
            Volatile.Write(ref _cells[i].Value, 0);
        }
    }

    [StructLayout(LayoutKind.Explicit, Size = 128)]
    private struct PaddedLong
    {
        [FieldOffset(64)]
        public long Value;
    }
}
