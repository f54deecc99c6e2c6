using System.Diagnostics;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using ZarrCache.Hosting;
using ZarrCache.Tests.TestSupport;

namespace ZarrCache.Tests.DocSnippets;

/// <summary>The code of docs/hosting.md that needs no server (the Redis tier's is in the integration tests):
/// any IDistributedCache as a tier, the disk tier as HybridCache's L2, and the OpenTelemetry registration.</summary>
public sealed class HostingSnippets : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task A_distributed_cache_registered_in_the_container_becomes_the_tier_below_memory()
    {
        await new FileSystemStore(_temp.Path).SetAsync("a/c/0", new byte[] { 5, 6 });
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["ZarrCache:Origin"] = _temp.Path }).Build();
        var services = new ServiceCollection();

        // begin-snippet: distributed-cache-tier
        services.AddDistributedMemoryCache();   // or AddDistributedSqlServerCache(o => …), AddStackExchangeRedisCache(o => …), …
        services.AddZarrCache(configuration).AddDistributedCacheTier();
        // end-snippet

        await using var provider = services.BuildServiceProvider();
        var instance = provider.GetRequiredService<ZarrCacheInstance>();
        Assert.Equal(["memory", "distributed"], instance.Tiers.Select(t => t.Name));
        Assert.Equal(new byte[] { 5, 6 }, (await instance.Store.GetAsync("a/c/0"))!.Value.ToArray());
        var distributed = instance.Tiers[1].Cache;
        Assert.Equal(1, distributed.Stats.Inserts);
        await instance.Tiers[0].Cache.ClearAsync();
        Assert.Equal(new byte[] { 5, 6 }, (await instance.Store.GetAsync("a/c/0"))!.Value.ToArray());
        Assert.Equal(1, distributed.Stats.Hits);
        Assert.Equal(1, instance.Store.CacheStats.OriginReads);
    }

    [Fact]
    public async Task HybridCache_over_the_disk_tier_does_not_run_the_factory_again_in_a_new_container()
    {
        var cacheDir = Path.Combine(_temp.Path, "app");
        var factoryRuns = 0;

        async Task<string> GetAsync()
        {
            var services = new ServiceCollection();

            // begin-snippet: hybrid-cache-over-disk
            services.AddSingleton<IDistributedCache>(new ZarrCacheDistributedCache(new DiskCache(cacheDir, 10L << 30))); // e.g. "/var/cache/app"
            services.AddHybridCache();
            // end-snippet

            await using var provider = services.BuildServiceProvider();
            return await provider.GetRequiredService<HybridCache>().GetOrCreateAsync("report:42", _ =>
            {
                factoryRuns++;
                return ValueTask.FromResult("the report");
            });
        }

        Assert.Equal("the report", await GetAsync());
        Assert.Equal("the report", await GetAsync());
        Assert.Equal(1, factoryRuns);
    }

    [Fact]
    public async Task The_opentelemetry_registration_exports_ZarrCache_metrics_and_origin_read_spans()
    {
        await new FileSystemStore(_temp.Path).SetAsync("a/c/0", new byte[] { 1 });
        var services = new ServiceCollection();
        services.AddZarrCache(o => o.Origin = _temp.Path);

        // begin-snippet: opentelemetry
        var metrics = new List<Metric>();
        var spans = new List<Activity>();
        services.AddOpenTelemetry()
            .WithMetrics(m => m.AddZarrCacheInstrumentation().AddInMemoryExporter(metrics))   // in production e.g. .AddOtlpExporter() (OpenTelemetry.Exporter.OpenTelemetryProtocol)
            .WithTracing(t => t.AddZarrCacheInstrumentation().AddInMemoryExporter(spans));
        // end-snippet

        await using (var provider = services.BuildServiceProvider())
        {
            var meters = provider.GetRequiredService<MeterProvider>();
            _ = provider.GetRequiredService<TracerProvider>();
            await provider.GetRequiredService<CachedStore>().GetAsync("a/c/0");
            meters.ForceFlush();
        }

        Assert.Contains(spans, s => s.OperationName == "zarrcache.origin.read");
        Assert.Contains(metrics, m => m.Name == "zarrcache.requests");
    }
}
