namespace ZarrCache;

/// <summary>
/// Bélády's offline policy, made size-aware: on a miss the value is inserted, then the entries whose next use is
/// furthest (never-used-again first) are evicted until the budget holds, which may be the new value itself (a bypass).
/// With equal sizes this is optimal; with variable sizes optimal caching is NP-hard and this furthest-next-use rule is
/// a heuristic, a practical bound rather than a proven one. It must see the trace's requests in order, from the first.
/// </summary>
internal sealed class BeladySimulator : ISimulatedCache
{
    private readonly int[] _next;
    private readonly long _budget;
    private readonly int[] _nextUseOf;
    private readonly int[] _sizes;
    private readonly PriorityQueue<int, int> _heap = new(Comparer<int>.Create((a, b) => b.CompareTo(a)));
    private int _position;
    private int _held;
    private long _bytesHeld;

    /// <summary>Prepares a replay at <paramref name="budget"/> bytes with the next uses of <see cref="NextUses"/>.</summary>
    public BeladySimulator(int[] next, long budget, int keyCount)
    {
        _next = next;
        _budget = budget;
        _nextUseOf = new int[keyCount];
        Array.Fill(_nextUseOf, -1);
        _sizes = new int[keyCount];
    }

    /// <summary>The position of each request's key's next request (<see cref="int.MaxValue"/> for none); computed once
    /// per trace and shared by every budget.</summary>
    public static int[] NextUses(ReadOnlySpan<int> requests, int keyCount)
    {
        var next = new int[requests.Length];
        var seenAt = new int[keyCount];
        Array.Fill(seenAt, int.MaxValue);
        for (var i = requests.Length - 1; i >= 0; i--)
        {
            next[i] = seenAt[requests[i]];
            seenAt[requests[i]] = i;
        }

        return next;
    }

    public bool Access(int id, int size)
    {
        var when = _next[_position++];
        var hit = _nextUseOf[id] >= 0;
        if (!hit)
        {
            _sizes[id] = size;
            _bytesHeld += size;
            _held++;
        }

        _nextUseOf[id] = when;
        _heap.Enqueue(id, when);
        while (_bytesHeld > _budget && _heap.TryDequeue(out var victim, out var victimWhen))
        {
            if (_nextUseOf[victim] == victimWhen)
            {
                _nextUseOf[victim] = -1;
                _bytesHeld -= _sizes[victim];
                _held--;
            }
        }

        if (_heap.Count > 4 * (_held + 16) && _heap.Count > _nextUseOf.Length)
        {
            Compact();
        }

        return hit;
    }

    /// <summary>Drops stale heap items (keys whose next use moved on); run only once the heap outgrows the key count, so
    /// its scan of every key is paid for by as many enqueues.</summary>
    private void Compact()
    {
        _heap.Clear();
        for (var id = 0; id < _nextUseOf.Length; id++)
        {
            if (_nextUseOf[id] >= 0)
            {
                _heap.Enqueue(id, _nextUseOf[id]);
            }
        }
    }
}
