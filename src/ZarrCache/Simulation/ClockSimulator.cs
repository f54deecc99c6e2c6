namespace ZarrCache;

/// <summary>
/// CLOCK by bytes, as <see cref="LruMemoryCache"/> runs it (ClockPolicy): a FIFO ring with one reference bit per entry;
/// a hit sets the bit; eviction passes over the ring, clearing set bits (one second chance per pass) and evicting the
/// first entry whose bit is clear.
/// </summary>
internal sealed class ClockSimulator(long budget, int keyCount) : ISimulatedCache
{
    private readonly Queue<int> _ring = new();
    private readonly byte[] _state = new byte[keyCount]; // 0 absent, 1 held, 2 held and referenced
    private readonly int[] _sizes = new int[keyCount];
    private long _bytes;

    public bool Access(int id, int size)
    {
        if (_state[id] != 0)
        {
            _state[id] = 2;
            return true;
        }

        if (size > budget)
        {
            return false;
        }

        while (_bytes + size > budget && TakeVictim() is var victim && victim >= 0)
        {
            _state[victim] = 0;
            _bytes -= _sizes[victim];
        }

        _state[id] = 1;
        _sizes[id] = size;
        _bytes += size;
        _ring.Enqueue(id);
        return false;
    }

    private int TakeVictim()
    {
        for (var chances = _ring.Count; _ring.TryDequeue(out var head); chances--)
        {
            if (_state[head] == 1 || chances <= 0)
            {
                return head;
            }

            _state[head] = 1;
            _ring.Enqueue(head);
        }

        return -1;
    }
}
