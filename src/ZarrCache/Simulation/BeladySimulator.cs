namespace ZarrCache;

/// <summary>
/// Bélády's offline policy, made size-aware: on a miss the value is inserted, then the entries whose next use is
/// furthest (never-used-again first) are evicted until the budget holds, which may be the new value itself (a bypass).
/// With equal sizes this is optimal; with variable sizes optimal caching is NP-hard and this furthest-next-use rule is
/// a heuristic, a practical bound rather than a proven one.
/// </summary>
internal static class BeladySimulator
{
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

    /// <summary>Replays <paramref name="trace"/> at a byte budget.</summary>
    public static MissRatio Replay(AccessTrace trace, int[] next, long budget, CancellationToken cancellationToken)
    {
        var requests = trace.RequestSpan;
        var sizes = trace.SizeArray;
        var nextUseOf = new int[sizes.Length];
        Array.Fill(nextUseOf, -1);
        var held = 0;
        var heap = new PriorityQueue<int, int>(Comparer<int>.Create((a, b) => b.CompareTo(a)));
        long bytesHeld = 0, misses = 0, bytes = 0, missBytes = 0;
        for (var i = 0; i < requests.Length; i++)
        {
            if ((i & 0xFFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var id = requests[i];
            var size = sizes[id];
            bytes += size;
            if (nextUseOf[id] < 0)
            {
                misses++;
                missBytes += size;
                bytesHeld += size;
                held++;
            }

            nextUseOf[id] = next[i];
            heap.Enqueue(id, next[i]);
            while (bytesHeld > budget && heap.TryDequeue(out var victim, out var when))
            {
                if (nextUseOf[victim] == when)
                {
                    nextUseOf[victim] = -1;
                    bytesHeld -= sizes[victim];
                    held--;
                }
            }

            if (heap.Count > 4 * (held + 16) && heap.Count > sizes.Length)
            {
                Compact(heap, nextUseOf);
            }
        }

        return new MissRatio(requests.Length, misses, bytes, missBytes);
    }

    /// <summary>Drops stale heap items (keys whose next use moved on); run only once the heap outgrows the key count, so
    /// its scan of every key is paid for by as many enqueues.</summary>
    private static void Compact(PriorityQueue<int, int> heap, int[] nextUseOf)
    {
        heap.Clear();
        for (var id = 0; id < nextUseOf.Length; id++)
        {
            if (nextUseOf[id] >= 0)
            {
                heap.Enqueue(id, nextUseOf[id]);
            }
        }
    }
}
