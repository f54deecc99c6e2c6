namespace ZarrCache;

/// <summary>
/// Exact byte-LRU for every cache size in one pass (Mattson et al. 1970): a request hits an LRU cache of
/// <c>C</c> bytes exactly when its stack distance — the bytes of the distinct keys requested since this key's last
/// request, itself included — is at most <c>C</c>. Distances are summed with a Fenwick tree over request positions
/// (each key's size sits at its latest position), so the pass costs O(n log n).
/// </summary>
internal static class LruStackDistances
{
    /// <summary>The miss ratio of an LRU cache at each of <paramref name="budgets"/> (sorted ascending).</summary>
    public static MissRatio[] Replay(AccessTrace trace, IReadOnlyList<long> budgets, CancellationToken cancellationToken)
    {
        var requests = trace.RequestSpan;
        var sizes = trace.SizeArray;
        var tree = new long[requests.Length + 1];
        var last = new int[sizes.Length];
        Array.Fill(last, -1);
        var hits = new long[budgets.Count + 1];
        var hitBytes = new long[budgets.Count + 1];
        long bytes = 0;
        for (var i = 0; i < requests.Length; i++)
        {
            if ((i & 0xFFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var id = requests[i];
            var size = sizes[id];
            bytes += size;
            var previous = last[id];
            if (previous >= 0)
            {
                var distance = size + Sum(tree, i) - Sum(tree, previous + 1);
                var smallest = LowerBound(budgets, distance);
                hits[smallest]++;
                hitBytes[smallest] += size;
                Add(tree, previous, -size);
            }

            Add(tree, i, size);
            last[id] = i;
        }

        var result = new MissRatio[budgets.Count];
        long cumulativeHits = 0, cumulativeBytes = 0;
        for (var b = 0; b < budgets.Count; b++)
        {
            cumulativeHits += hits[b];
            cumulativeBytes += hitBytes[b];
            result[b] = new MissRatio(requests.Length, requests.Length - cumulativeHits, bytes, bytes - cumulativeBytes);
        }

        return result;
    }

    /// <summary>The index of the first budget of at least <paramref name="distance"/> (the count when none is).</summary>
    private static int LowerBound(IReadOnlyList<long> budgets, long distance)
    {
        int low = 0, high = budgets.Count;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (budgets[mid] < distance)
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
    private static void Add(long[] tree, int index, long delta)
    {
        for (var i = index + 1; i < tree.Length; i += i & -i)
        {
            tree[i] += delta;
        }
    }

    /// <summary>The sum of positions 0 .. <paramref name="count"/> − 1.</summary>
    private static long Sum(long[] tree, int count)
    {
        long sum = 0;
        for (var i = count; i > 0; i -= i & -i)
        {
            sum += tree[i];
        }

        return sum;
    }
}
