namespace ZarrCache;

/// <summary>What <see cref="MissRatioCurves.Analyze"/> simulates.</summary>
public sealed record MissRatioCurveOptions
{
    /// <summary>The online policies to draw (OPT is always added as the floor). Default: S3-FIFO, LRU, CLOCK.</summary>
    public IReadOnlyList<SimulatedPolicy> Policies { get; init; } = [SimulatedPolicy.S3Fifo, SimulatedPolicy.Lru, SimulatedPolicy.Clock];

    /// <summary>The cache sizes in bytes; null for <see cref="MissRatioCurves.DefaultPointCount"/> sizes spaced
    /// geometrically from 1/200 of the trace's unique bytes to all of them.</summary>
    public IReadOnlyList<long>? Sizes { get; init; }

    /// <summary>The SHARDS sampling rate (0 &lt; R ≤ 1; 1 simulates exactly); null to choose it from the trace's size
    /// (see <see cref="MissRatioCurves.ChooseSamplingRate"/>).</summary>
    public double? SamplingRate { get; init; }
}
