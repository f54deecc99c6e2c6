namespace ZarrCache;

/// <summary>One point of a miss-ratio curve.</summary>
/// <param name="CacheSize">The cache size in bytes.</param>
/// <param name="ByRequest">Misses over requests at that size (0–1).</param>
/// <param name="ByByte">Missed bytes over requested bytes at that size (0–1).</param>
public readonly record struct MissRatioPoint(long CacheSize, double ByRequest, double ByByte)
{
    /// <summary>Hits over requests: 1 − <see cref="ByRequest"/>.</summary>
    public double HitRatio => 1 - ByRequest;
}
