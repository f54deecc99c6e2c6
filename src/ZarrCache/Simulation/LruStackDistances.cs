namespace ZarrCache;

/// <summary>
/// Exact byte-LRU for every cache size in one pass (Mattson et al. 1970): a request hits an LRU cache of
/// <c>C</c> bytes exactly when its stack distance — the bytes of the distinct keys requested since this key's last
/// request, itself included — is at most <c>C</c>. Distances are summed with a Fenwick tree over request positions
/// (each key's size sits at its latest position), so the pass costs O(n log n). As an <see cref="ISimulatedCache"/>
/// it answers for the largest budget and counts, for the others, the hits of each distance.
/// </summary>
internal sealed class LruStackDistances : ISimulatedCache
{
    private readonly IReadOnlyList<long> _budgets;
    private readonly long[] _tree;
    private readonly int[] _last;
    private readonly long[] _hits;
    private readonly long[] _hitBytes;
    private int _position;

    /// <summary>Prepares a pass over <paramref name="requestCount"/> requests for <paramref name="budgets"/> (ascending).</summary>
    public LruStackDistances(IReadOnlyList<long> budgets, int keyCount, int requestCount)
    {
        _budgets = budgets;
        _tree = new long[requestCount + 1];
        _last = new int[keyCount];
        Array.Fill(_last, -1);
        _hits = new long[budgets.Count + 1];
        _hitBytes = new long[budgets.Count + 1];
    }

    public bool Access(int id, int size)
    {
        var i = _position++;
        var previous = _last[id];
        var smallest = _budgets.Count;
        if (previous >= 0)
        {
            var distance = size + Sum(i) - Sum(previous + 1);
            smallest = LowerBound(distance);
            _hits[smallest]++;
            _hitBytes[smallest] += size;
            Add(previous, -size);
        }

        Add(i, size);
        _last[id] = i;
        return smallest < _budgets.Count;
    }

    /// <summary>The miss ratio at each budget, once every request of a pass of <paramref name="requests"/> requests and
    /// <paramref name="bytes"/> bytes has been seen.</summary>
    public MissRatio[] Results(long requests, long bytes)
    {
        var result = new MissRatio[_budgets.Count];
        long cumulativeHits = 0, cumulativeBytes = 0;
        for (var b = 0; b < _budgets.Count; b++)
        {
            cumulativeHits += _hits[b];
            cumulativeBytes += _hitBytes[b];
            result[b] = new MissRatio(requests, requests - cumulativeHits, bytes, bytes - cumulativeBytes);
        }

        return result;
    }

    /// <summary>The index of the first budget of at least <paramref name="distance"/> (the count when none is).</summary>
    private int LowerBound(long distance)
    {
        int low = 0, high = _budgets.Count;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (_budgets[mid] < distance)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        return low;
    }

    /// <summary>Adds <paramref name="delta"/> at position <paramref name="index"/> (0-based).</summary>
    private void Add(int index, long delta)
    {
        for (var i = index + 1; i < _tree.Length; i += i & -i)
        {
            _tree[i] += delta;
        }
    }

    /// <summary>The sum of positions 0 .. <paramref name="count"/> − 1.</summary>
    private long Sum(int count)
    {
        long sum = 0;
        for (var i = count; i > 0; i -= i & -i)
        {
            sum += _tree[i];
        }

        return sum;
    }
}
