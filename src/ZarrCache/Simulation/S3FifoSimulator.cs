namespace ZarrCache;

/// <summary>
/// S3-FIFO by bytes, as <see cref="S3FifoMemoryCache"/> runs it (S3FifoPolicy and GhostQueue): a small FIFO of 10% of
/// the budget, a main FIFO, and a ghost queue of keys evicted from the small one, bounded by the main share's bytes and
/// by a count; hits raise a frequency capped at 3. Kept step for step with the real policy: a test replays one trace
/// through both and compares the hit ratios.
/// </summary>
internal sealed class S3FifoSimulator : ISimulatedCache
{
    private const byte Absent = 0;
    private const byte InSmall = 1;
    private const byte InMain = 2;
    private const int MaxFrequency = 3;
    private readonly long _budget;
    private readonly long _smallTarget;
    private readonly Queue<int> _small = new();
    private readonly Queue<int> _main = new();
    private readonly byte[] _queue;
    private readonly byte[] _frequency;
    private readonly int[] _sizes;
    private readonly long[] _ghostSequence;
    private readonly Queue<(int Id, int Size, long Sequence)> _ghost = new();
    private readonly long _ghostMaxBytes;
    private readonly int _ghostMaxCount;
    private long _smallBytes;
    private long _bytes;
    private long _ghostBytes;
    private long _sequence;

    public S3FifoSimulator(long budget, int keyCount)
    {
        _budget = budget;
        _smallTarget = Math.Max(1, budget / 100 * 10);
        _ghostMaxBytes = budget - _smallTarget;
        _ghostMaxCount = (int)Math.Clamp(budget / 4096, 1024, 1 << 20);
        _queue = new byte[keyCount];
        _frequency = new byte[keyCount];
        _sizes = new int[keyCount];
        _ghostSequence = new long[keyCount];
    }

    public bool Access(int id, int size)
    {
        if (_queue[id] != Absent)
        {
            if (_frequency[id] < MaxFrequency)
            {
                _frequency[id]++;
            }

            return true;
        }

        if (size > _budget)
        {
            return false;
        }

        while (_bytes + size > _budget && TakeVictim() is var victim && victim >= 0)
        {
            _queue[victim] = Absent;
            _bytes -= _sizes[victim];
        }

        _sizes[id] = size;
        _frequency[id] = 0;
        _bytes += size;
        if (_ghostSequence[id] != 0)
        {
            _ghostSequence[id] = 0;
            Enqueue(_main, id, InMain);
        }
        else
        {
            Enqueue(_small, id, InSmall);
            _smallBytes += size;
        }

        return false;
    }

    private void Enqueue(Queue<int> queue, int id, byte which)
    {
        _queue[id] = which;
        queue.Enqueue(id);
    }

    private int TakeVictim()
    {
        for (var steps = (long)(_small.Count + _main.Count) * (MaxFrequency + 2); ; steps--)
        {
            if (_small.Count > 0 && (_smallBytes > _smallTarget || _main.Count == 0))
            {
                var candidate = _small.Dequeue();
                _smallBytes -= _sizes[candidate];
                if (_frequency[candidate] > 0 && steps > 0)
                {
                    _frequency[candidate] = 0;
                    Enqueue(_main, candidate, InMain);
                    continue;
                }

                Remember(candidate);
                return candidate;
            }

            if (!_main.TryDequeue(out var victim))
            {
                return -1;
            }

            if (_frequency[victim] > 0 && steps > 0)
            {
                _frequency[victim]--;
                _main.Enqueue(victim);
                continue;
            }

            return victim;
        }
    }

    /// <summary>Adds an evicted key to the ghost queue (GhostQueue.Add): its latest sequence wins.</summary>
    private void Remember(int id)
    {
        var sequence = ++_sequence;
        _ghostSequence[id] = sequence;
        _ghost.Enqueue((id, _sizes[id], sequence));
        _ghostBytes += _sizes[id];
        while (_ghost.Count > 0 && (_ghostBytes > _ghostMaxBytes || _ghost.Count > _ghostMaxCount))
        {
            var oldest = _ghost.Dequeue();
            _ghostBytes -= oldest.Size;
            if (_ghostSequence[oldest.Id] == oldest.Sequence)
            {
                _ghostSequence[oldest.Id] = 0;
            }
        }
    }
}
