using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;
using ZarrCache.Hosting;
using ZarrCache.Tests.TestSupport;

namespace ZarrCache.Tests.Hosting;

/// <summary>ZarrCache tiers offered as an IDistributedCache: the disk tier as HybridCache's L2.</summary>
public sealed class ZarrCacheDistributedCacheTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Values_outlive_the_process_in_the_disk_tier()
    {
        await new ZarrCacheDistributedCache(new DiskCache(_folder.Path, 1 << 20)).SetAsync("user:42", [1, 2, 3], new DistributedCacheEntryOptions());

        var reopened = new ZarrCacheDistributedCache(new DiskCache(_folder.Path, 1 << 20));

        Assert.Equal(new byte[] { 1, 2, 3 }, await reopened.GetAsync("user:42"));
        Assert.Null(await reopened.GetAsync("user:43"));
    }

    [Fact]
    public async Task Absolute_and_sliding_expirations_are_kept()
    {
        var time = new ManualTimeProvider();
        var cache = new ZarrCacheDistributedCache(new S3FifoMemoryCache(1 << 20), time);
        await cache.SetAsync("absolute", [1], new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(1) });
        await cache.SetAsync("sliding", [2], new DistributedCacheEntryOptions { SlidingExpiration = TimeSpan.FromMinutes(1) });

        time.Advance(TimeSpan.FromSeconds(50));
        await cache.RefreshAsync("sliding");
        time.Advance(TimeSpan.FromSeconds(20));

        Assert.Null(await cache.GetAsync("absolute"));
        Assert.Equal(new byte[] { 2 }, await cache.GetAsync("sliding"));
        time.Advance(TimeSpan.FromMinutes(2));
        Assert.Null(await cache.GetAsync("sliding"));
    }

    [Fact]
    public async Task HybridCache_over_the_disk_tier_does_not_run_the_factory_again_in_a_new_process()
    {
        var calls = 0;

        async Task<string> ReadInANewProcess()
        {
            var services = new ServiceCollection();
            services.AddSingleton<IDistributedCache>(new ZarrCacheDistributedCache(new DiskCache(_folder.Path, 1 << 20)));
            services.AddHybridCache();
            await using var provider = services.BuildServiceProvider();
            var hybrid = provider.GetRequiredService<HybridCache>();
            return await hybrid.GetOrCreateAsync("forecast:today", _ =>
            {
                calls++;
                return ValueTask.FromResult("sunny");
            });
        }

        Assert.Equal("sunny", await ReadInANewProcess());
        Assert.Equal("sunny", await ReadInANewProcess());
        Assert.Equal(1, calls);
    }
}
