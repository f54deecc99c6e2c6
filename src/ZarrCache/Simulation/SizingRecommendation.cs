namespace ZarrCache;

/// <summary>The smallest simulated cache size whose hit ratio is within one point of the best one a policy reached on
/// a trace, and what it would have saved the origin.</summary>
/// <param name="Policy">The policy.</param>
/// <param name="CacheSize">The recommended size in bytes.</param>
/// <param name="HitRatio">The hit ratio (by request) at that size.</param>
/// <param name="BestHitRatio">The best hit ratio over all sizes simulated.</param>
/// <param name="RequestsSaved">Requests of the whole trace that would not reach the origin at that size.</param>
/// <param name="BytesSaved">Bytes of the whole trace that would not come from the origin at that size.</param>
public sealed record SizingRecommendation(SimulatedPolicy Policy, long CacheSize, double HitRatio, double BestHitRatio, long RequestsSaved, long BytesSaved)
{
    /// <summary>How far below the best hit ratio the recommended size may be: one percentage point.</summary>
    public const double Tolerance = 0.01;
}
