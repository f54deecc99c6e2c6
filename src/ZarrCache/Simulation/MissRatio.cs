namespace ZarrCache;

/// <summary>The misses of one policy on one trace at one cache size.</summary>
/// <param name="Requests">Requests replayed.</param>
/// <param name="Misses">Requests that missed.</param>
/// <param name="Bytes">Bytes requested.</param>
/// <param name="MissBytes">Bytes of the requests that missed.</param>
public readonly record struct MissRatio(long Requests, long Misses, long Bytes, long MissBytes)
{
    /// <summary>Misses over requests.</summary>
    public double ByRequest => Requests == 0 ? 0 : (double)Misses / Requests;

    /// <summary>Missed bytes over requested bytes.</summary>
    public double ByByte => Bytes == 0 ? 0 : (double)MissBytes / Bytes;
}
