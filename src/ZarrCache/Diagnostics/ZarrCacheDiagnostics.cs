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
/// One instrument per figure of <see cref="CacheStats"/> that is reported (or, for <c>zarrcache.requests</c>, one for
/// three figures, each reading tagged <c>result</c>: hit, miss, negative_hit): counters, and up-down counters for what
/// is held now (<c>zarrcache.size</c>, <c>zarrcache.entries</c>). <c>StatsInstrument.All</c> lists them.
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
        foreach (var instrument in StatsInstrument.All)
        {
            if (instrument.Held)
            {
                Meter.CreateObservableUpDownCounter(instrument.Name, () => Observe(instrument), instrument.Unit, instrument.Description);
            }
            else
            {
                Meter.CreateObservableCounter(instrument.Name, () => Observe(instrument), instrument.Unit, instrument.Description);
            }
        }
    }

    internal static void Register(CachedStore store) => Stores.AddOrUpdate(store, null);

    private static IEnumerable<Measurement<long>> Observe(StatsInstrument instrument)
    {
        foreach (var (store, _) in Stores)
        {
            var stats = store.CacheStats;
            var cache = new KeyValuePair<string, object?>("zarrcache.cache", store.Config.Name);
            foreach (var (result, read) in instrument.Readings)
            {
                yield return result is null
                    ? new Measurement<long>(read(stats), cache)
                    : new Measurement<long>(read(stats), cache, new("result", result));
            }
        }
    }
}
