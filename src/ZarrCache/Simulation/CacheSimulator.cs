namespace ZarrCache;

/// <summary>Replays access traces through models of the eviction policies, over key numbers and sizes.</summary>
public static class CacheSimulator
{
    /// <summary>Replays <paramref name="trace"/> through <paramref name="policy"/> at one byte budget.</summary>
    /// <param name="trace">The requests.</param>
    /// <param name="policy">The policy.</param>
    /// <param name="budget">The cache size in bytes; positive.</param>
    /// <param name="cancellationToken">Stops the replay.</param>
    public static MissRatio Replay(AccessTrace trace, SimulatedPolicy policy, long budget, CancellationToken cancellationToken = default) =>
        Replay(trace, policy, [budget], cancellationToken)[0];

    /// <summary>Replays <paramref name="trace"/> through <paramref name="policy"/> at each budget of
    /// <paramref name="budgets"/> (in parallel where the policy needs one replay per budget).</summary>
    /// <param name="trace">The requests.</param>
    /// <param name="policy">The policy.</param>
    /// <param name="budgets">Cache sizes in bytes, positive and ascending.</param>
    /// <param name="cancellationToken">Stops the replay.</param>
    /// <returns>The miss ratio at each budget, in the order of <paramref name="budgets"/>.</returns>
    public static MissRatio[] Replay(AccessTrace trace, SimulatedPolicy policy, IReadOnlyList<long> budgets, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(trace);
        ArgumentNullException.ThrowIfNull(budgets);
        for (var i = 0; i < budgets.Count; i++)
        {
            if (budgets[i] <= 0 || (i > 0 && budgets[i] < budgets[i - 1]))
            {
                throw new ArgumentException($"Cache sizes must be positive and ascending; size {i} is {budgets[i]}.", nameof(budgets));
            }
        }

        if (policy == SimulatedPolicy.Lru)
        {
            var lru = new LruStackDistances(budgets, trace.Keys.Count, trace.Requests.Count);
            var largest = Walk(trace, lru, cancellationToken);
            return lru.Results(largest.Requests, largest.Bytes);
        }

        var next = policy == SimulatedPolicy.Opt ? BeladySimulator.NextUses(trace.RequestSpan, trace.Keys.Count) : null;
        var results = new MissRatio[budgets.Count];
        var parallel = new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount };
        Parallel.For(0, budgets.Count, parallel, i => results[i] = Walk(trace, Create(policy, budgets[i], trace.Keys.Count, next), cancellationToken));
        return results;
    }

    private static ISimulatedCache Create(SimulatedPolicy policy, long budget, int keyCount, int[]? next) => policy switch
    {
        SimulatedPolicy.Opt => new BeladySimulator(next!, budget, keyCount),
        SimulatedPolicy.Clock => new ClockSimulator(budget, keyCount),
        SimulatedPolicy.S3Fifo => new S3FifoSimulator(budget, keyCount),
        SimulatedPolicy.WTinyLfu => new WTinyLfuSimulator(budget, keyCount),
        _ => throw new ArgumentOutOfRangeException(nameof(policy), policy, "Not a policy replayed one budget at a time."),
    };

    /// <summary>The one walk over a trace: every request offered to <paramref name="cache"/>, in order.</summary>
    private static MissRatio Walk(AccessTrace trace, ISimulatedCache cache, CancellationToken cancellationToken)
    {
        var requests = trace.RequestSpan;
        var sizes = trace.SizeArray;
        long misses = 0, bytes = 0, missBytes = 0;
        for (var i = 0; i < requests.Length; i++)
        {
            if ((i & 0xFFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var id = requests[i];
            var size = sizes[id];
            bytes += size;
            if (!cache.Access(id, size))
            {
                misses++;
                missBytes += size;
            }
        }

        return new MissRatio(requests.Length, misses, bytes, missBytes);
    }
}
