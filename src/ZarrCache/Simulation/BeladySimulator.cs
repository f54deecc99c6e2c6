namespace ZarrCache.HitRatio;

/// <summary>
/// Bélády's offline policy, made size-aware: on a miss the value is inserted, then the entries whose next use is
/// furthest (never-used-again first) are evicted until the budget holds, which may be the new value itself (a bypass).
/// With equal sizes this is optimal; with variable sizes optimal caching is NP-hard and this furthest-next-use rule is
/// a heuristic, a practical bound rather than a proven one.
/// </summary>
public static class BeladyReplayer
{
    /// <summary>Replays <paramref name="trace"/> at a byte budget, with the same scaled sizes as the real policies.</summary>
    public static MissRatio Replay(Trace trace, long realBudget)
    {
        ArgumentNullException.ThrowIfNull(trace);
        var budget = Math.Max(1, realBudget / PolicyReplayer.Scale);
        var requests = trace.Requests;
        var next = NextUses(requests, trace.Keys.Count);
        var nextUseOf = new Dictionary<int, int>();
        var heap = new PriorityQueue<int, int>(Comparer<int>.Create((a, b) => b.CompareTo(a)));
        long held = 0, misses = 0, bytes = 0, missBytes = 0;
        for (var i = 0; i < requests.Count; i++)
        {
            var id = requests[i];
            var size = trace.Sizes[id];
            bytes += size;
            if (!nextUseOf.ContainsKey(id))
            {
                misses++;
                missBytes += size;
                held += PolicyReplayer.Scaled(size);
            }

            nextUseOf[id] = next[i];
            heap.Enqueue(id, next[i]);
            while (held > budget && heap.TryDequeue(out var victim, out var when))
            {
                if (nextUseOf.TryGetValue(victim, out var current) && current == when)
                {
                    nextUseOf.Remove(victim);
                    held -= PolicyReplayer.Scaled(trace.Sizes[victim]);
                }
            }

            if (heap.Count > 4 * (nextUseOf.Count + 16))
            {
                Compact(heap, nextUseOf);
            }
        }

        return new MissRatio(requests.Count, misses, bytes, missBytes);
    }

    private static int[] NextUses(IReadOnlyList<int> requests, int keyCount)
    {
        var next = new int[requests.Count];
        var seenAt = new int[keyCount];
        Array.Fill(seenAt, int.MaxValue);
        for (var i = requests.Count - 1; i >= 0; i--)
        {
            next[i] = seenAt[requests[i]];
            seenAt[requests[i]] = i;
        }

        return next;
    }

    /// <summary>Drops stale heap items (keys whose next use moved on), keeping the heap proportional to the cache.</summary>
    private static void Compact(PriorityQueue<int, int> heap, Dictionary<int, int> nextUseOf)
    {
        heap.Clear();
        foreach (var (id, when) in nextUseOf)
        {
            heap.Enqueue(id, when);
        }
    }
}
