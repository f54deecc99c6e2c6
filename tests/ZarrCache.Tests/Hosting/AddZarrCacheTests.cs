using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using ZarrCache.Hosting;
using ZarrCache.Tests.TestSupport;

namespace ZarrCache.Tests.Hosting;

/// <summary>services.AddZarrCache: configuration binding, validation at start, named stores, services from DI, tiers, health checks.</summary>
public sealed class AddZarrCacheTests : IDisposable
{
    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task The_ZarrCache_section_configures_the_default_store_that_reads_through_the_cache()
    {
        await new FileSystemStore(_data.Path).SetAsync("a/c/0", new byte[] { 1, 2, 3 });
        using var host = Build(new()
        {
            ["ZarrCache:Origin"] = _data.Path,
            ["ZarrCache:Cache:MaxMemorySize"] = "1048576",
            ["ZarrCache:Cache:ChunkTtl"] = "00:10:00",
            ["ZarrCache:Cache:EvictionPolicy"] = "Lru",
        });
        await host.StartAsync();

        var store = host.Services.GetRequiredService<CachedStore>();
        await store.GetAsync("a/c/0");
        var again = await store.GetAsync("a/c/0");

        Assert.Equal(new byte[] { 1, 2, 3 }, again!.Value.ToArray());
        Assert.Equal(1, store.CacheStats.OriginReads);
        Assert.Equal((1048576L, TimeSpan.FromMinutes(10), EvictionPolicy.Lru), (store.Config.MaxMemorySize, store.Config.ChunkTtl, store.Config.EvictionPolicy));
        Assert.IsAssignableFrom<IWritableStore>(store);
        await host.StopAsync();
    }

    [Theory]
    [InlineData("ZarrCache:Cache:MaxMemorySize", "0", "ZarrCache:Cache:MaxMemorySize must be positive, was 0.")]
    [InlineData("ZarrCache:Cache:MaxDiskSize", "100", "ZarrCache:Cache:MaxDiskSize needs DiskCacheDir")]
    [InlineData("ZarrCache:Origin", "s3://bucket/x", "ZarrCache:Origin 's3://bucket/x': the scheme s3:// is not opened from configuration")]
    [InlineData("ZarrCache:Origin", "", "ZarrCache:Origin is required")]
    public async Task A_bad_setting_fails_the_start_with_one_line_naming_its_configuration_key(string key, string value, string expected)
    {
        var settings = new Dictionary<string, string?> { ["ZarrCache:Origin"] = _data.Path, [key] = value };
        using var host = Build(settings);

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_key_in_the_section_fails_the_start_naming_it()
    {
        using var host = Build(new() { ["ZarrCache:Origin"] = _data.Path, ["ZarrCache:Cache:MaxMemorySise"] = "10" });

        var error = await Assert.ThrowsAnyAsync<InvalidOperationException>(() => host.StartAsync());

        Assert.Contains("MaxMemorySise", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Named_stores_have_their_own_options_and_are_resolved_by_key()
    {
        var other = Path.Combine(_data.Path, "other");
        await new FileSystemStore(_data.Path).SetAsync("k", new byte[] { 1 });
        await new FileSystemStore(other).SetAsync("k", new byte[] { 2 });
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ZarrCache:Origin"] = _data.Path,
            ["ZarrCache:Stores:era5:Origin"] = other,
            ["ZarrCache:Stores:era5:Cache:MaxMemorySize"] = "4096",
        });
        builder.Services.AddZarrCache(builder.Configuration);
        builder.Services.AddZarrCache(builder.Configuration, "era5");
        using var host = builder.Build();
        await host.StartAsync();

        var main = host.Services.GetRequiredService<CachedStore>();
        var era5 = host.Services.GetRequiredKeyedService<CachedStore>("era5");

        Assert.Equal(new byte[] { 1 }, (await main.GetAsync("k"))!.Value.ToArray());
        Assert.Equal(new byte[] { 2 }, (await era5.GetAsync("k"))!.Value.ToArray());
        Assert.Equal(4096, era5.Config.MaxMemorySize);
        Assert.Same(era5, host.Services.GetRequiredKeyedService<ZarrCacheInstance>("era5").Store);
        await host.StopAsync();
    }

    [Fact]
    public async Task A_bad_setting_of_a_named_store_names_its_own_section()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["ZarrCache:Stores:era5:Origin"] = _data.Path, ["ZarrCache:Stores:era5:Cache:Ttl"] = "-00:01:00" });
        builder.Services.AddZarrCache("era5", builder.Configuration.GetSection("ZarrCache:Stores:era5"));
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("ZarrCache:Stores:era5:Cache:Ttl must be positive", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_clock_comes_from_the_container()
    {
        var time = new ManualTimeProvider();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.AddZarrCache(o => o.Origin = _data.Path);
        using var host = builder.Build();
        await host.StartAsync();

        Assert.Same(time, host.Services.GetRequiredService<CachedStore>().TimeProvider);
    }

    [Fact]
    public async Task An_http_origin_sends_its_requests_through_the_IHttpClientFactory_client()
    {
        await using var server = new RawHttpServer(_ => RawHttpServer.Ok([7, 7, 7]));
        var handler = new CountingHandler();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddZarrCache(o => o.Origin = server.BaseUri.ToString());
        builder.Services.AddHttpClient(ZarrCacheOptions.DefaultHttpClientName).AddHttpMessageHandler(() => handler);
        using var host = builder.Build();
        await host.StartAsync();

        var value = await host.Services.GetRequiredService<CachedStore>().GetAsync("a/c/0");

        Assert.Equal(new byte[] { 7, 7, 7 }, value!.Value.ToArray());
        Assert.Equal(1, handler.Requests);
    }

    [Fact]
    public async Task A_distributed_cache_tier_lets_a_second_host_read_without_the_origin()
    {
        var shared = new MemoryDistributedCache(Options.Create(new MemoryDistributedCacheOptions()));
        await new FileSystemStore(_data.Path).SetAsync("a/c/0", new byte[] { 5, 6 });

        long OriginReadsOfAHost()
        {
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
            builder.Services.AddSingleton<IDistributedCache>(shared);
            var zarr = builder.Services.AddZarrCache(o => o.Origin = _data.Path).AddDistributedCacheTier();
            using var host = builder.Build();
            var instance = host.Services.GetRequiredService<ZarrCacheInstance>();
            Assert.Equal(["memory", "distributed"], instance.Tiers.Select(t => t.Name));
            Assert.Equal(new byte[] { 5, 6 }, instance.Store.GetAsync("a/c/0").AsTask().Result!.Value.ToArray());
            return instance.Store.CacheStats.OriginReads;
        }

        Assert.Equal(1, OriginReadsOfAHost());
        Assert.Equal(0, OriginReadsOfAHost());
    }

    [Fact]
    public async Task Each_tier_has_a_health_check_and_a_tier_that_is_down_is_unhealthy()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddSingleton<IDistributedCache>(new DistributedCacheTierTests.DownDistributedCache());
        builder.Services.AddZarrCache(o =>
        {
            o.Origin = _data.Path;
            o.Cache = new CacheConfig { DiskCacheDir = Path.Combine(_data.Path, ".cache") };
        }).AddHealthChecks().AddDistributedCacheTier();
        using var host = builder.Build();
        await host.StartAsync();

        var report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        Assert.Equal(["zarrcache-default-disk", "zarrcache-default-distributed", "zarrcache-default-memory"], report.Entries.Keys.Order());
        Assert.Equal(HealthStatus.Healthy, report.Entries["zarrcache-default-memory"].Status);
        Assert.Equal(HealthStatus.Healthy, report.Entries["zarrcache-default-disk"].Status);
        Assert.Equal(HealthStatus.Unhealthy, report.Entries["zarrcache-default-distributed"].Status);
    }

    private static IHost Build(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddZarrCache(builder.Configuration);
        return builder.Build();
    }

    private sealed class CountingHandler : DelegatingHandler
    {
        private int _requests;

        public int Requests => Volatile.Read(ref _requests);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _requests);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
