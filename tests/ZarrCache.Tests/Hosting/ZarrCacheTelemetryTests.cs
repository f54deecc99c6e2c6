using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using ZarrCache.Hosting;

namespace ZarrCache.Tests.Hosting;

/// <summary>The OpenTelemetry extensions subscribe to the meter and activity source named ZarrCache.</summary>
public class ZarrCacheTelemetryTests
{
    [Fact]
    public async Task The_meter_provider_exports_ZarrCache_metrics_and_the_tracer_provider_its_spans()
    {
        var metrics = new List<Metric>();
        var spans = new List<Activity>();
        using var meterProvider = Sdk.CreateMeterProviderBuilder().AddZarrCacheInstrumentation().AddInMemoryExporter(metrics).Build();
        using var tracerProvider = Sdk.CreateTracerProviderBuilder().AddZarrCacheInstrumentation().AddInMemoryExporter(spans).Build();
        var origin = new MemoryStore();
        await origin.SetAsync("a/c/0", new byte[] { 1 });
        await using var store = new CachedStore(origin, new CacheConfig { Name = "telemetry-test" });

        await store.GetAsync("a/c/0");
        meterProvider.ForceFlush();
        tracerProvider.ForceFlush();

        Assert.Contains(metrics, m => m.Name == "zarrcache.requests" && m.MeterName == "ZarrCache");
        Assert.Contains(spans, s => s.OperationName == "zarrcache.origin.read" && s.Source.Name == "ZarrCache");
    }
}
