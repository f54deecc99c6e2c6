using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace ZarrCache.Tests.Diagnostics;

public class ZarrCacheDiagnosticsTests
{
    [Fact]
    public async Task The_meter_reports_hits_misses_origin_bytes_and_size_per_cache()
    {
        var name = "diag-" + Guid.NewGuid().ToString("N");
        var origin = new MemoryStore();
        await origin.SetAsync("a/c/0", new byte[300]);
        var store = new CachedStore(origin, new LruMemoryCache(1 << 20), new CacheConfig { Name = name });
        await store.GetAsync("a/c/0");
        await store.GetAsync("a/c/0");
        await store.GetAsync("a/c/0");

        var seen = new Dictionary<string, long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == ZarrCacheDiagnostics.Name)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            string? cache = null;
            string? result = null;
            foreach (var tag in tags)
            {
                if (tag.Key == "zarrcache.cache")
                {
                    cache = tag.Value as string;
                }
                else if (tag.Key == "result")
                {
                    result = tag.Value as string;
                }
            }

            if (cache == name)
            {
                seen[result is null ? instrument.Name : $"{instrument.Name}/{result}"] = value;
            }
        });
        listener.Start();
        listener.RecordObservableInstruments();

        Assert.Equal(2, seen["zarrcache.requests/hit"]);
        Assert.Equal(1, seen["zarrcache.requests/miss"]);
        Assert.Equal(1, seen["zarrcache.origin.reads"]);
        Assert.Equal(300, seen["zarrcache.origin.bytes"]);
        Assert.Equal(600, seen["zarrcache.served.bytes"]);
        Assert.Equal(300, seen["zarrcache.size"]);
        Assert.Equal(1, seen["zarrcache.entries"]);
        GC.KeepAlive(store);
    }

    [Fact]
    public void The_meter_publishes_each_cache_figure_with_its_name_unit_description_and_kind()
    {
        var expected = new (string Name, string? Unit, string? Description, bool Held)[]
        {
            ("zarrcache.requests", "{request}", "Reads through a CachedStore, by result.", false),
            ("zarrcache.origin.reads", "{request}", "Reads sent to the origin store.", false),
            ("zarrcache.origin.bytes", "By", "Bytes read from the origin store.", false),
            ("zarrcache.served.bytes", "By", "Bytes served from the cache.", false),
            ("zarrcache.coalesced", "{request}", "Misses that awaited another caller's origin read.", false),
            ("zarrcache.revalidations", "{request}", "Expired entries the origin confirmed unchanged (304).", false),
            ("zarrcache.stale_served", "{request}", "Expired entries served because the origin failed (stale-if-error).", false),
            ("zarrcache.inserts", "{entry}", "Values cached.", false),
            ("zarrcache.rejected", "{entry}", "Values not cached for their size.", false),
            ("zarrcache.evictions", "{entry}", "Entries evicted to make room.", false),
            ("zarrcache.prefetch.issued", "{request}", "Origin reads started by prefetching.", false),
            ("zarrcache.prefetch.used", "{entry}", "Prefetched values a read then used.", false),
            ("zarrcache.prefetch.wasted", "{entry}", "Prefetched values that left the cache unused.", false),
            ("zarrcache.prefetch.dropped", "{request}", "Predictions dropped by the queue bound or the unused-bytes cap.", false),
            ("zarrcache.size", "By", "Bytes held by the cache.", true),
            ("zarrcache.entries", "{entry}", "Entries held by the cache.", true),
        };
        var meter = ZarrCacheDiagnostics.Meter; // Creates the store instruments.
        var published = new List<(string, string?, string?, bool)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, _) =>
        {
            if (ReferenceEquals(instrument.Meter, meter) && instrument.IsObservable && !instrument.Name.StartsWith("zarrcache.redis.", StringComparison.Ordinal))
            {
                lock (published)
                {
                    published.Add((instrument.Name, instrument.Unit, instrument.Description, instrument is ObservableUpDownCounter<long>));
                }
            }
        };
        listener.Start();

        Assert.Equal(expected.OrderBy(e => e.Item1, StringComparer.Ordinal), published.OrderBy(p => p.Item1, StringComparer.Ordinal));
    }

    [Fact]
    public async Task An_origin_read_starts_an_activity_and_a_hit_does_not()
    {
        var origin = new MemoryStore();
        await origin.SetAsync("act/c/0", new byte[10]);
        var store = new CachedStore(origin, new LruMemoryCache(1 << 20));
        var started = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == ZarrCacheDiagnostics.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a =>
            {
                if (a.GetTagItem("zarrcache.key") as string == "act/c/0")
                {
                    lock (started)
                    {
                        started.Add(a);
                    }
                }
            },
        };
        ActivitySource.AddActivityListener(listener);

        await store.GetAsync("act/c/0");
        await store.GetAsync("act/c/0");

        var activity = Assert.Single(started);
        Assert.Equal("zarrcache.origin.read", activity.OperationName);
        Assert.Equal(10, activity.GetTagItem("zarrcache.bytes"));
    }
}
