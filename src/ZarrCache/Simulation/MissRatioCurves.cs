namespace ZarrCache;

/// <summary>
/// Computes miss-ratio curves of an access trace (docs/mrc.md): for each policy, the miss ratio at cache sizes from a
/// small fraction of the trace's unique bytes to all of them, with Bélády's OPT as the floor. Small traces are
/// simulated exactly; large ones through a SHARDS sample (<see cref="ShardsSampler"/>) with a stated error.
/// </summary>
public static class MissRatioCurves
{
    /// <summary>Traces of at most this many requests are simulated exactly when no rate is given.</summary>
    public const int ExactRequestLimit = 1 << 20;

    /// <summary>A sample keeps at least about this many distinct keys when no rate is given.</summary>
    public const int MinSampledKeys = 16_384;

    /// <summary>The stated bound on the absolute error, in miss ratio, of each sampled point at the rate
    /// <see cref="ChooseSamplingRate"/> picks: two percentage points for S3-FIFO, LRU, CLOCK and OPT (at most about one
    /// measured, docs/mrc.md; checked by a test); five for W-TinyLFU, whose frequency sketch does not shrink with the
    /// sample.</summary>
    /// <param name="policy">The policy.</param>
    public static double SampledErrorBound(SimulatedPolicy policy) => policy == SimulatedPolicy.WTinyLfu ? 0.05 : 0.02;

    /// <summary>Points of a curve when no sizes are given.</summary>
    public const int DefaultPointCount = 24;

    /// <summary>The smallest default size, as a fraction of the trace's unique bytes.</summary>
    public const double SmallestFraction = 1.0 / 200;

    /// <summary>The sampling rate used when none is given: 1 (exact) up to <see cref="ExactRequestLimit"/> requests;
    /// above, the larger of <c>ExactRequestLimit / requests</c> and <c>MinSampledKeys / uniqueKeys</c>, at most 1.</summary>
    /// <param name="requests">Requests in the trace.</param>
    /// <param name="uniqueKeys">Distinct keys in the trace.</param>
    public static double ChooseSamplingRate(long requests, int uniqueKeys) =>
        requests <= ExactRequestLimit
            ? 1
            : Math.Min(1, Math.Max((double)ExactRequestLimit / requests, (double)MinSampledKeys / Math.Max(1, uniqueKeys)));

    /// <summary>The default sizes: <see cref="DefaultPointCount"/> sizes spaced geometrically from
    /// <see cref="SmallestFraction"/> of <paramref name="uniqueBytes"/> to all of it.</summary>
    /// <param name="uniqueBytes">The trace's unique bytes.</param>
    public static IReadOnlyList<long> DefaultSizes(long uniqueBytes)
    {
        var largest = Math.Max(1, uniqueBytes);
        var smallest = Math.Max(1, largest * SmallestFraction);
        var ratio = Math.Pow(largest / smallest, 1.0 / (DefaultPointCount - 1));
        return [.. Enumerable.Range(0, DefaultPointCount)
            .Select(i => i == DefaultPointCount - 1 ? largest : (long)Math.Round(smallest * Math.Pow(ratio, i)))
            .Select(s => Math.Max(1, s))
            .Distinct()];
    }

    /// <summary>Simulates every policy of <paramref name="options"/>, and OPT, at every size.</summary>
    /// <param name="trace">The requests.</param>
    /// <param name="options">Policies, sizes and sampling rate; null for the defaults.</param>
    /// <param name="cancellationToken">Stops the simulation.</param>
    public static MissRatioAnalysis Analyze(AccessTrace trace, MissRatioCurveOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(trace);
        options ??= new MissRatioCurveOptions();
        if (trace.Requests.Count == 0)
        {
            throw new ArgumentException($"The trace '{trace.Name}' has no requests.", nameof(trace));
        }

        var uniqueBytes = trace.UniqueBytes;
        var uniqueKeys = CountUniqueKeys(trace);
        var sizes = options.Sizes is { } given ? [.. given.Order()] : DefaultSizes(uniqueBytes);
        if (sizes.Count == 0 || sizes[0] <= 0)
        {
            throw new ArgumentException("Cache sizes must be positive.", nameof(options));
        }

        var rate = options.SamplingRate ?? ChooseSamplingRate(trace.Requests.Count, uniqueKeys);
        if (!(rate > 0 && rate <= 1))
        {
            throw new ArgumentException($"The sampling rate must be in (0, 1], was {rate}.", nameof(options));
        }

        rate = rate >= 1 ? 1 : ShardsSampler.Effective(rate);
        var simulated = rate >= 1 ? trace : ShardsSampler.Sample(trace, rate);
        if (simulated.Requests.Count == 0)
        {
            throw new ArgumentException($"A sampling rate of {rate} keeps no request of '{trace.Name}'; raise it.", nameof(options));
        }

        var budgets = sizes.Select(s => Math.Max(1, (long)Math.Round(s * rate))).ToArray();
        var requestScale = rate >= 1 ? 1 : simulated.Requests.Count / (rate * trace.Requests.Count);
        var byteScale = rate >= 1 ? 1 : simulated.TotalBytes / (rate * Math.Max(1, trace.TotalBytes));
        var curves = new List<MissRatioCurve>();
        foreach (var policy in options.Policies.Where(p => p != SimulatedPolicy.Opt).Distinct().Append(SimulatedPolicy.Opt))
        {
            var ratios = CacheSimulator.Replay(simulated, policy, budgets, cancellationToken);
            var points = sizes.Select((size, i) => new MissRatioPoint(
                size, Math.Min(1, ratios[i].ByRequest * requestScale), Math.Min(1, ratios[i].ByByte * byteScale))).ToArray();
            curves.Add(new MissRatioCurve(policy, policy == SimulatedPolicy.Opt ? Envelope(points) : points));
        }

        return new MissRatioAnalysis
        {
            TraceName = trace.Name,
            Requests = trace.Requests.Count,
            UniqueKeys = uniqueKeys,
            UniqueBytes = uniqueBytes,
            TotalBytes = trace.TotalBytes,
            RecordedHits = trace.RecordedHits,
            SamplingRate = rate,
            SimulatedRequests = simulated.Requests.Count,
            Curves = curves,
        };
    }

    private static int CountUniqueKeys(AccessTrace trace)
    {
        var seen = new bool[trace.Keys.Count];
        var count = 0;
        foreach (var id in trace.RequestSpan)
        {
            if (!seen[id])
            {
                seen[id] = true;
                count++;
            }
        }

        return count;
    }

    /// <summary>
    /// OPT's curve never rises: a larger cache can always do what a smaller one did, so each point takes the fewest
    /// misses (and missed bytes) reached at any size up to its own. The furthest-next-use heuristic alone can rise a
    /// little with variable sizes (see <see cref="BeladySimulator"/>).
    /// </summary>
    private static MissRatioPoint[] Envelope(MissRatioPoint[] points)
    {
        for (var i = 1; i < points.Length; i++)
        {
            var before = points[i - 1];
            points[i] = points[i] with
            {
                ByRequest = Math.Min(points[i].ByRequest, before.ByRequest),
                ByByte = Math.Min(points[i].ByByte, before.ByByte),
            };
        }

        return points;
    }
}
