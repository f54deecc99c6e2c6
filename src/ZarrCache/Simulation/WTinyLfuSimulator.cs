namespace ZarrCache;

/// <summary>
/// Weighted W-TinyLFU (Einziger et al.; Caffeine's policy) for the simulator, over key numbers: an LRU window of 1% of the budget in
/// bytes, and a segmented-LRU main space (probation, and protected up to 80% of main). New keys enter the window; keys
/// leaving it become candidates at the end of probation. While over budget, the oldest candidate meets the main space's
/// victim (the least recent probation entry): the one the frequency sketch has seen less often leaves (the candidate on
/// a tie), so a candidate larger than one victim displaces as many victims as it needs only while it keeps winning.
/// </summary>
internal sealed class WTinyLfuSimulator : ISimulatedCache
{
    private readonly Entry?[] _map;
    private readonly LinkedList<Entry> _window = new();
    private readonly LinkedList<Entry> _probation = new();
    private readonly LinkedList<Entry> _protected = new();
    private readonly Queue<Entry> _candidates = new();
    private readonly FrequencySketch _sketch;
    private readonly long _maxSize;
    private readonly long _windowMax;
    private readonly long _protectedMax;
    private long _windowBytes;
    private long _protectedBytes;
    private long _size;

    public WTinyLfuSimulator(long maxSize, int keyCount)
    {
        _maxSize = maxSize;
        _map = new Entry?[keyCount];
        _windowMax = Math.Max(1, maxSize / 100);
        _protectedMax = (maxSize - _windowMax) * 8 / 10;
        _sketch = new FrequencySketch(1 << 16);
    }

    public bool Access(int id, int size)
    {
        if (Touch(id))
        {
            return true;
        }

        if (size <= _maxSize)
        {
            Insert(id, size);
        }

        return false;
    }

    private bool Touch(int key)
    {
        _sketch.Increment(key);
        if (_map[key] is not { } entry)
        {
            return false;
        }

        switch (entry.Segment)
        {
            case Segment.Window:
                MoveToBack(_window, entry);
                break;
            case Segment.Probation:
                entry.Candidate = false;
                _probation.Remove(entry.Node);
                AddProtected(entry);
                break;
            default:
                MoveToBack(_protected, entry);
                break;
        }

        return true;
    }

    private void Insert(int key, int size)
    {
        var entry = new Entry(key, size);
        _map[key] = entry;
        entry.Node = _window.AddLast(entry);
        _windowBytes += size;
        _size += size;
        while (_windowBytes > _windowMax && _window.First is { } oldest)
        {
            _window.RemoveFirst();
            _windowBytes -= oldest.Value.Size;
            oldest.Value.Segment = Segment.Probation;
            oldest.Value.Candidate = true;
            oldest.Value.Node = _probation.AddLast(oldest.Value);
            _candidates.Enqueue(oldest.Value);
        }

        while (_size > _maxSize)
        {
            var victim = (_probation.First ?? _protected.First ?? _window.First)!.Value;
            var candidate = NextCandidate();
            if (candidate is null || candidate == victim || _sketch.Frequency(candidate.Key) > _sketch.Frequency(victim.Key))
            {
                Evict(victim);
            }
            else
            {
                Evict(candidate);
            }
        }

        while (NextCandidate() is { } admitted)
        {
            admitted.Candidate = false;
            _candidates.Dequeue();
        }
    }

    private Entry? NextCandidate()
    {
        while (_candidates.TryPeek(out var head) && !head.Candidate)
        {
            _candidates.Dequeue();
        }

        return _candidates.TryPeek(out var candidate) ? candidate : null;
    }

    private void AddProtected(Entry entry)
    {
        entry.Segment = Segment.Protected;
        entry.Node = _protected.AddLast(entry);
        _protectedBytes += entry.Size;
        while (_protectedBytes > _protectedMax && _protected.First is { } demoted)
        {
            _protected.RemoveFirst();
            _protectedBytes -= demoted.Value.Size;
            demoted.Value.Segment = Segment.Probation;
            demoted.Value.Node = _probation.AddLast(demoted.Value);
        }
    }

    private void Evict(Entry entry)
    {
        entry.Candidate = false;
        switch (entry.Segment)
        {
            case Segment.Window:
                _window.Remove(entry.Node);
                _windowBytes -= entry.Size;
                break;
            case Segment.Probation:
                _probation.Remove(entry.Node);
                break;
            default:
                _protected.Remove(entry.Node);
                _protectedBytes -= entry.Size;
                break;
        }

        _map[entry.Key] = null;
        _size -= entry.Size;
    }

    private static void MoveToBack(LinkedList<Entry> list, Entry entry)
    {
        list.Remove(entry.Node);
        list.AddLast(entry.Node);
    }

    private enum Segment
    {
        Window,
        Probation,
        Protected,
    }

    private sealed class Entry(int key, int size)
    {
        public readonly int Key = key;
        public readonly int Size = size;
        public Segment Segment;
        public bool Candidate;
        public LinkedListNode<Entry> Node = null!;
    }

    /// <summary>A count-min sketch of 4-bit-like counters (bytes capped at 15), halved every 10 x width additions so old
    /// popularity fades, as in TinyLFU.</summary>
    private sealed class FrequencySketch(int width)
    {
        private readonly byte[][] _rows = [new byte[width], new byte[width], new byte[width], new byte[width]];
        private static readonly uint[] Seeds = [0x9E3779B9u, 0x85EBCA6Bu, 0xC2B2AE35u, 0x27D4EB2Fu];
        private int _additions;

        public void Increment(int key)
        {
            var hash = Mix(key);
            for (var r = 0; r < _rows.Length; r++)
            {
                ref var counter = ref _rows[r][Index(hash, r)];
                if (counter < 15)
                {
                    counter++;
                }
            }

            if (++_additions >= width * 10)
            {
                _additions = 0;
                foreach (var row in _rows)
                {
                    for (var i = 0; i < row.Length; i++)
                    {
                        row[i] >>= 1;
                    }
                }
            }
        }

        public int Frequency(int key)
        {
            var hash = Mix(key);
            var min = int.MaxValue;
            for (var r = 0; r < _rows.Length; r++)
            {
                min = Math.Min(min, _rows[r][Index(hash, r)]);
            }

            return min;
        }

        /// <summary>Spreads key numbers (dense, sequential) over the counters: the murmur3 finalizer.</summary>
        private static uint Mix(int key)
        {
            var h = (uint)key;
            h ^= h >> 16;
            h *= 0x85EBCA6Bu;
            h ^= h >> 13;
            h *= 0xC2B2AE35u;
            return h ^ (h >> 16);
        }

        private int Index(uint hash, int row)
        {
            var mixed = (hash ^ Seeds[row]) * 0x9E3779B1u;
            mixed ^= mixed >> 15;
            return (int)(mixed & (uint)(width - 1));
        }
    }
}
