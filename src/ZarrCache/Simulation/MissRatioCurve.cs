namespace ZarrCache;

/// <summary>The miss ratio of one policy at each cache size, sizes ascending.</summary>
/// <param name="Policy">The policy simulated.</param>
/// <param name="Points">One point per size, ascending.</param>
public sealed record MissRatioCurve(SimulatedPolicy Policy, IReadOnlyList<MissRatioPoint> Points);
