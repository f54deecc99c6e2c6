namespace ZarrCache;

/// <summary>How far a cache warm-up has come; reported through <see cref="IProgress{T}"/>.</summary>
/// <param name="KeysDone">Keys read so far (warmed, already cached, or missing).</param>
/// <param name="KeysTotal">Keys to read, when known; null while a listing is still streaming.</param>
/// <param name="BytesWarmed">Bytes read from the origin into the cache so far.</param>
/// <param name="Elapsed">Time since the warm-up started.</param>
public readonly record struct WarmProgress(long KeysDone, long? KeysTotal, long BytesWarmed, TimeSpan Elapsed)
{
    /// <summary>Bytes per second so far.</summary>
    public double BytesPerSecond => Elapsed > TimeSpan.Zero ? BytesWarmed / Elapsed.TotalSeconds : 0;
}
