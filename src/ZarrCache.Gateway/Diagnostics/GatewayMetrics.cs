using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;

namespace ZarrCache.Gateway.Diagnostics;

/// <summary>
/// What the gateway counts: requests by API and status, their latency and the bytes served, as instruments on the
/// <c>ZarrCache</c> meter (exported at <c>/metrics</c> beside the cache's own), and the same totals plus the busiest
/// keys for the status page.
/// </summary>
internal sealed class GatewayMetrics
{
    /// <summary>How many distinct keys are counted for "busiest keys"; later new keys are not counted (the first ones seen stay).</summary>
    public const int TrackedKeys = 10_000;

    private static readonly Counter<long> Requests = ZarrCacheDiagnostics.Meter.CreateCounter<long>(
        "zarrcache.gateway.requests", "{request}", "Requests the gateway answered, by API and status code.");

    private static readonly Histogram<double> Duration = ZarrCacheDiagnostics.Meter.CreateHistogram<double>(
        "zarrcache.gateway.request.duration", "s", "How long the gateway took to answer a request, by API.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });

    private static readonly Counter<long> Served = ZarrCacheDiagnostics.Meter.CreateCounter<long>(
        "zarrcache.gateway.served.bytes", "By", "Response body bytes the gateway sent.");

    private readonly ConcurrentDictionary<string, StrongBox<long>> _keys = new(StringComparer.Ordinal);
    private long _requests;
    private long _bytes;
    private int _tracked;

    /// <summary>Requests answered since start.</summary>
    public long TotalRequests => Interlocked.Read(ref _requests);

    /// <summary>Body bytes sent since start.</summary>
    public long TotalBytes => Interlocked.Read(ref _bytes);

    /// <summary>Records one answered request.</summary>
    /// <param name="api"><c>http</c> or <c>s3</c>.</param>
    /// <param name="status">The status code.</param>
    /// <param name="seconds">How long it took.</param>
    public void Request(string api, int status, double seconds)
    {
        Interlocked.Increment(ref _requests);
        var apiTag = new KeyValuePair<string, object?>("api", api);
        Requests.Add(1, apiTag, new KeyValuePair<string, object?>("status", status));
        Duration.Record(seconds, apiTag);
    }

    /// <summary>Records body bytes sent.</summary>
    /// <param name="bytes">The count.</param>
    public void BytesServed(long bytes)
    {
        Interlocked.Add(ref _bytes, bytes);
        Served.Add(bytes);
    }

    /// <summary>Counts a read of a key for "busiest keys" (a new key only while fewer than <see cref="TrackedKeys"/> are counted).</summary>
    /// <param name="key">The key.</param>
    public void KeyRead(StoreKey key)
    {
        if (!_keys.TryGetValue(key.Value, out var count))
        {
            if (Volatile.Read(ref _tracked) >= TrackedKeys)
            {
                return;
            }

            // The dictionary's Count takes every lock: the number of keys is counted here instead.
            var added = new StrongBox<long>();
            if (_keys.TryAdd(key.Value, added))
            {
                Interlocked.Increment(ref _tracked);
                count = added;
            }
            else if (!_keys.TryGetValue(key.Value, out count))
            {
                return;
            }
        }

        Interlocked.Increment(ref count.Value);
    }

    /// <summary>The keys read most, most first.</summary>
    /// <param name="count">How many.</param>
    /// <returns>Key and reads.</returns>
    public IReadOnlyList<(string Key, long Reads)> BusiestKeys(int count) =>
        _keys.Select(p => (p.Key, Interlocked.Read(ref p.Value.Value)))
            .OrderByDescending(p => p.Item2)
            .ThenBy(p => p.Key, StringComparer.Ordinal)
            .Take(count)
            .ToList();
}
