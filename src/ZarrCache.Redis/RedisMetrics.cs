using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace ZarrCache.Redis;

/// <summary>
/// The Redis tier's instruments on the <c>ZarrCache</c> meter, observed from every live tier and tagged
/// <c>zarrcache.cache</c>: <c>zarrcache.redis.requests</c> (tag <c>result</c>: hit, miss, bad_value),
/// <c>zarrcache.redis.inserts</c>, <c>zarrcache.redis.rejected</c>, <c>zarrcache.redis.failures</c>,
/// <c>zarrcache.redis.outages</c>, <c>zarrcache.redis.skipped</c>, <c>zarrcache.redis.leases</c> (tag <c>result</c>:
/// taken, waited, timed_out), <c>zarrcache.redis.invalidations</c> (tag <c>direction</c>: sent, received) and
/// <c>zarrcache.redis.ack_timeouts</c>.
/// </summary>
internal static class RedisMetrics
{
    private static readonly ConcurrentDictionary<RedisTier, byte> Tiers = new();

    static RedisMetrics()
    {
        var meter = ZarrCacheDiagnostics.Meter;
        meter.CreateObservableCounter("zarrcache.redis.requests", () => Observe(("result", "hit", s => s.Hits), ("result", "miss", s => s.Misses), ("result", "bad_value", s => s.BadValues)), "{request}", "Lookups in the Redis tier, by result.");
        Counter(meter, "zarrcache.redis.inserts", s => s.Inserts, "{entry}", "Values stored in Redis.");
        Counter(meter, "zarrcache.redis.rejected", s => s.Rejected, "{entry}", "Values above the Redis tier's size bound, not stored.");
        Counter(meter, "zarrcache.redis.failures", s => s.Failures, "{call}", "Redis calls that failed or timed out.");
        Counter(meter, "zarrcache.redis.outages", s => s.Outages, "{outage}", "Times the Redis tier became unavailable and was skipped.");
        Counter(meter, "zarrcache.redis.skipped", s => s.Skipped, "{call}", "Redis calls skipped while the breaker was open.");
        meter.CreateObservableCounter("zarrcache.redis.leases", () => Observe(("result", "taken", s => s.LeasesTaken), ("result", "waited", s => s.LeaseWaitsServed), ("result", "timed_out", s => s.LeaseWaitTimeouts)), "{lease}", "Cross-process miss leases, by outcome.");
        meter.CreateObservableCounter("zarrcache.redis.invalidations", () => Observe(("direction", "sent", s => s.InvalidationsSent), ("direction", "received", s => s.InvalidationsReceived)), "{message}", "Backplane messages, by direction.");
        Counter(meter, "zarrcache.redis.ack_timeouts", s => s.AckTimeouts, "{message}", "Invalidations not acknowledged by every process in time.");
    }

    public static void Register(RedisTier tier) => Tiers[tier] = 0;

    public static void Unregister(RedisTier tier) => Tiers.TryRemove(tier, out _);

    private static void Counter(Meter meter, string name, Func<RedisTierStats, long> read, string unit, string description) =>
        meter.CreateObservableCounter(name, () => Observe(("", "", read)), unit, description);

    private static IEnumerable<Measurement<long>> Observe(params (string Tag, string Value, Func<RedisTierStats, long> Read)[] series)
    {
        foreach (var tier in Tiers.Keys)
        {
            var stats = tier.Stats;
            var cache = new KeyValuePair<string, object?>("zarrcache.cache", tier.Name);
            foreach (var (tag, value, read) in series)
            {
                yield return tag.Length == 0
                    ? new Measurement<long>(read(stats), cache)
                    : new Measurement<long>(read(stats), cache, new KeyValuePair<string, object?>(tag, value));
            }
        }
    }
}
