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
