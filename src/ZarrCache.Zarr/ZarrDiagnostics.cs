using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;

namespace ZarrCache.Zarr;

/// <summary>
/// The Zarr layer's instruments on a meter named <c>ZarrCache</c> (<see cref="ZarrCacheDiagnostics.Name"/>, so one
/// listener gets both layers): every live <see cref="DecodedChunkCache"/> reports through observable instruments, so
/// its hit path pays nothing for metrics. Each measurement is tagged <c>zarrcache.cache</c> with <see cref="DecodedChunkCache.Name"/>.
/// </summary>
/// <remarks>
/// Instruments: <c>zarrcache.decoded.requests</c> (tag <c>result</c>: hit, miss), <c>zarrcache.decoded.inserts</c>,
/// <c>zarrcache.decoded.evictions</c>, <c>zarrcache.decoded.coalesced</c> (counters), <c>zarrcache.decoded.size</c> (bytes
/// held) and <c>zarrcache.decoded.entries</c> (up-down counters).
/// </remarks>
internal static class ZarrDiagnostics
{
    private static readonly ConditionalWeakTable<DecodedChunkCache, object?> Caches = new();
    private static readonly Meter Meter = new(ZarrCacheDiagnostics.Name, typeof(ZarrDiagnostics).Assembly.GetName().Version?.ToString());

    static ZarrDiagnostics()
    {
        Meter.CreateObservableCounter("zarrcache.decoded.requests", ObserveRequests, "{request}", "Chunk reads through a DecodedChunkCache, by result.");
        Meter.CreateObservableCounter("zarrcache.decoded.inserts", () => Observe(s => s.Inserts), "{chunk}", "Decoded chunks kept.");
        Meter.CreateObservableCounter("zarrcache.decoded.evictions", () => Observe(s => s.Evictions), "{chunk}", "Decoded chunks evicted to make room.");
        Meter.CreateObservableCounter("zarrcache.decoded.coalesced", () => Observe(s => s.CoalescedWaits), "{request}", "Reads that awaited another read's decode of the same chunk.");
        Meter.CreateObservableUpDownCounter("zarrcache.decoded.size", () => Observe(s => s.BytesHeld), "By", "Bytes of decoded chunks held.");
        Meter.CreateObservableUpDownCounter("zarrcache.decoded.entries", () => Observe(s => s.Entries), "{chunk}", "Decoded chunks held.");
    }

    public static void Register(DecodedChunkCache cache) => Caches.AddOrUpdate(cache, null);

    private static IEnumerable<Measurement<long>> Observe(Func<CacheStats, long> read)
    {
        foreach (var (cache, _) in Caches)
        {
            yield return new Measurement<long>(read(cache.Stats), CacheTag(cache));
        }
    }

    private static IEnumerable<Measurement<long>> ObserveRequests()
    {
        foreach (var (cache, _) in Caches)
        {
            var stats = cache.Stats;
            yield return new Measurement<long>(stats.Hits, CacheTag(cache), new KeyValuePair<string, object?>("result", "hit"));
            yield return new Measurement<long>(stats.Misses, CacheTag(cache), new KeyValuePair<string, object?>("result", "miss"));
        }
    }

    private static KeyValuePair<string, object?> CacheTag(DecodedChunkCache cache) => new("zarrcache.cache", cache.Name);
}
