using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;

namespace ZarrCache;

/// <summary>
/// The library's <see cref="System.Diagnostics.Metrics.Meter"/> and <see cref="System.Diagnostics.ActivitySource"/>,
/// both named <c>ZarrCache</c>. Every live <see cref="CachedStore"/> reports through observable instruments tagged
/// <c>zarrcache.cache</c> with its <see cref="CacheConfig.Name"/>, so the hit path pays nothing for metrics.
/// </summary>
/// <remarks>
/// Instruments: <c>zarrcache.requests</c> (tag <c>result</c>: hit, miss, negative_hit), <c>zarrcache.origin.reads</c>,
/// <c>zarrcache.origin.bytes</c>, <c>zarrcache.served.bytes</c>, <c>zarrcache.coalesced</c>, <c>zarrcache.revalidations</c>, <c>zarrcache.stale_served</c>, <c>zarrcache.inserts</c>,
/// <c>zarrcache.rejected</c>, <c>zarrcache.evictions</c> (counters), <c>zarrcache.size</c> (bytes held) and
/// <c>zarrcache.entries</c> (up-down counters).
/// </remarks>
public static class ZarrCacheDiagnostics
{
    /// <summary>The name of the meter and of the activity source.</summary>
    public const string Name = "ZarrCache";

    private static readonly ConditionalWeakTable<CachedStore, object?> Stores = new();

    /// <summary>The meter named <c>ZarrCache</c>.</summary>
    public static Meter Meter { get; } = new(Name, typeof(ZarrCacheDiagnostics).Assembly.GetName().Version?.ToString());

    /// <summary>The activity source named <c>ZarrCache</c>; origin reads start an activity <c>zarrcache.origin.read</c>.</summary>
    public static ActivitySource ActivitySource { get; } = new(Name, typeof(ZarrCacheDiagnostics).Assembly.GetName().Version?.ToString());

    static ZarrCacheDiagnostics()
    {
        Meter.CreateObservableCounter("zarrcache.requests", ObserveRequests, "{request}", "Reads through a CachedStore, by result.");
        Counter("zarrcache.origin.reads", s => s.OriginReads, "{request}", "Reads sent to the origin store.");
        Counter("zarrcache.origin.bytes", s => s.OriginBytes, "By", "Bytes read from the origin store.");
        Counter("zarrcache.served.bytes", s => s.BytesServed, "By", "Bytes served from the cache.");
        Counter("zarrcache.coalesced", s => s.CoalescedWaits, "{request}", "Misses that awaited another caller's origin read.");
        Counter("zarrcache.revalidations", s => s.Revalidated, "{request}", "Expired entries the origin confirmed unchanged (304).");
        Counter("zarrcache.stale_served", s => s.StaleServed, "{request}", "Expired entries served because the origin failed (stale-if-error).");
        Counter("zarrcache.inserts", s => s.Inserts, "{entry}", "Values cached.");
        Counter("zarrcache.rejected", s => s.Rejected, "{entry}", "Values not cached for their size.");
        Counter("zarrcache.evictions", s => s.Evictions, "{entry}", "Entries evicted to make room.");
        Counter("zarrcache.prefetch.issued", s => s.PrefetchesIssued, "{request}", "Origin reads started by prefetching.");
        Counter("zarrcache.prefetch.used", s => s.PrefetchesUsed, "{entry}", "Prefetched values a read then used.");
        Counter("zarrcache.prefetch.wasted", s => s.PrefetchesWasted, "{entry}", "Prefetched values that left the cache unused.");
        Counter("zarrcache.prefetch.dropped", s => s.PrefetchesDropped, "{request}", "Predictions dropped by the queue bound or the unused-bytes cap.");
        Meter.CreateObservableUpDownCounter("zarrcache.size", () => Observe(s => s.BytesHeld), "By", "Bytes held by the cache.");
        Meter.CreateObservableUpDownCounter("zarrcache.entries", () => Observe(s => s.Entries), "{entry}", "Entries held by the cache.");
    }

    internal static void Register(CachedStore store) => Stores.AddOrUpdate(store, null);

    private static void Counter(string name, Func<CacheStats, long> read, string unit, string description) =>
        Meter.CreateObservableCounter(name, () => Observe(read), unit, description);

    private static IEnumerable<Measurement<long>> Observe(Func<CacheStats, long> read)
    {
        foreach (var (store, _) in Stores)
        {
            yield return new Measurement<long>(read(store.CacheStats), new KeyValuePair<string, object?>("zarrcache.cache", store.Config.Name));
        }
    }

    private static IEnumerable<Measurement<long>> ObserveRequests()
    {
        foreach (var (store, _) in Stores)
        {
            var stats = store.CacheStats;
            var cache = new KeyValuePair<string, object?>("zarrcache.cache", store.Config.Name);
            yield return new Measurement<long>(stats.Hits, cache, new("result", "hit"));
            yield return new Measurement<long>(stats.Misses, cache, new("result", "miss"));
            yield return new Measurement<long>(stats.NegativeHits, cache, new("result", "negative_hit"));
        }
    }
}
