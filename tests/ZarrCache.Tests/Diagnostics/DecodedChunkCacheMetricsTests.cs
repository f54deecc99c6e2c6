using System.Diagnostics.Metrics;
using ZarrCache.Zarr;
using ZarrCache.Zarr.DataTypes;

namespace ZarrCache.Tests.Diagnostics;

public class DecodedChunkCacheMetricsTests
{
    [Fact]
    public async Task The_meter_reports_a_decoded_caches_hits_misses_inserts_and_size_under_its_name()
    {
        var name = "decoded-" + Guid.NewGuid().ToString("N");
        var store = new MemoryStore();
        var created = await ZarrArray.CreateAsync(store, "a", new ZarrArrayOptions { Shape = [20], ChunkShape = [10], DataType = ZarrDataTypeKind.Int32 });
        await created.WriteAsync<int>(null, Enumerable.Range(0, 20).ToArray());
        var cache = new DecodedChunkCache(1 << 20, name);
        var array = await ZarrArray.OpenAsync(store, "a", new ZarrArrayOptions { ChunkCache = cache });
        await array.ReadAsync<int>(); // 2 misses
        await array.ReadAsync<int>(); // 2 hits
        await array.ReadAsync<int>(ArraySelection.Parse("3:5")); // 1 hit

        var seen = new Dictionary<string, long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == ZarrCacheDiagnostics.Name && instrument.Name.StartsWith("zarrcache.decoded.", StringComparison.Ordinal))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            string? cacheName = null;
            string? result = null;
            foreach (var tag in tags)
            {
                if (tag.Key == "zarrcache.cache")
                {
                    cacheName = tag.Value as string;
                }
                else if (tag.Key == "result")
                {
                    result = tag.Value as string;
                }
            }

            if (cacheName == name)
            {
                seen[result is null ? instrument.Name : $"{instrument.Name}/{result}"] = value;
            }
        });
        listener.Start();
        listener.RecordObservableInstruments();

        Assert.Equal(3, seen["zarrcache.decoded.requests/hit"]);
        Assert.Equal(2, seen["zarrcache.decoded.requests/miss"]);
        Assert.Equal(2, seen["zarrcache.decoded.inserts"]);
        Assert.Equal(0, seen["zarrcache.decoded.evictions"]);
        Assert.Equal(80, seen["zarrcache.decoded.size"]);
        Assert.Equal(2, seen["zarrcache.decoded.entries"]);
        GC.KeepAlive(cache);
    }
}
