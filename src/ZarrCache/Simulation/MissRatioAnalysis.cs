namespace ZarrCache;

/// <summary>The miss-ratio curves of a trace, with what was simulated and how exactly.</summary>
public sealed record MissRatioAnalysis
{
    /// <summary>The trace's name.</summary>
    public required string TraceName { get; init; }

    /// <summary>Requests in the whole trace.</summary>
    public required long Requests { get; init; }

    /// <summary>Distinct keys in the whole trace.</summary>
    public required int UniqueKeys { get; init; }

    /// <summary>Bytes of the distinct keys: the size at which every policy misses only on first requests.</summary>
    public required long UniqueBytes { get; init; }

    /// <summary>Bytes of every request together.</summary>
    public required long TotalBytes { get; init; }

    /// <summary>Hits the recorded cache had (null for a generated trace).</summary>
    public long? RecordedHits { get; init; }

    /// <summary>The SHARDS sampling rate the curves were simulated at (1: exact).</summary>
    public required double SamplingRate { get; init; }

    /// <summary>Requests replayed: the sample's, or all of them when exact.</summary>
    public required long SimulatedRequests { get; init; }

    /// <summary>The stated bound on the absolute error of each point's miss ratio caused by sampling, the largest of
    /// the policies drawn (0 when exact): <see cref="MissRatioCurves.SampledErrorBound"/>.</summary>
    public double ErrorBound => SamplingRate >= 1 ? 0 : Curves.Max(c => MissRatioCurves.SampledErrorBound(c.Policy));

    /// <summary>One curve per policy, in the order asked, with OPT last.</summary>
    public required IReadOnlyList<MissRatioCurve> Curves { get; init; }

    /// <summary>The smallest size within one point (<see cref="SizingRecommendation.Tolerance"/>) of the best hit ratio
    /// <paramref name="policy"/> reached, and the origin requests and bytes it would save over the whole trace.</summary>
    /// <param name="policy">A policy among <see cref="Curves"/>.</param>
    public SizingRecommendation Recommend(SimulatedPolicy policy)
    {
        var curve = Curves.FirstOrDefault(c => c.Policy == policy)
            ?? throw new ArgumentException($"The analysis has no curve for {policy}.", nameof(policy));
        var best = curve.Points.Max(p => p.HitRatio);
        var chosen = curve.Points.First(p => p.HitRatio >= best - SizingRecommendation.Tolerance);
        return new SizingRecommendation(
            policy,
            chosen.CacheSize,
            chosen.HitRatio,
            best,
            (long)Math.Round(chosen.HitRatio * Requests),
            (long)Math.Round((1 - chosen.ByByte) * TotalBytes));
    }
}
