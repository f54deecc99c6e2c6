using Microsoft.Extensions.DependencyInjection;
using ZarrCache.Hosting;
using ZarrCache.IntegrationTests.Infrastructure;
using ZarrCache.Redis;

namespace ZarrCache.IntegrationTests.Redis;

/// <summary>The shared Redis tier through <c>services.AddZarrCache</c> (docs/hosting.md), against the real redis-server.</summary>
public sealed class AddZarrCacheRedisTests
{
    [Fact]
    public async Task Two_hosts_with_the_redis_tier_share_what_one_fetched_so_the_second_makes_no_origin_read()
    {
        var redis = RedisServers.Shared();
        var folder = Directory.CreateTempSubdirectory("zarrcache-hosting-redis-");
        try
        {
            await new FileSystemStore(folder.FullName).SetAsync("a/c/0", new byte[] { 1, 2, 3 });
            var prefix = "zc-hosting-" + Guid.NewGuid().ToString("N") + ":";
            ServiceProvider Build()
            {
                var services = new ServiceCollection();
                services.AddZarrCache(o =>
                {
                    o.Origin = folder.FullName;
                    o.Cache = o.Cache.WithRedis(new RedisTierOptions { Configuration = redis, KeyPrefix = prefix });
                });
                return services.BuildServiceProvider();
            }

            await using var first = Build();
            await using var second = Build();
            var one = first.GetRequiredService<CachedStore>();
            var two = second.GetRequiredService<CachedStore>();

            Assert.Equal(new byte[] { 1, 2, 3 }, (await one.GetAsync("a/c/0"))!.Value.ToArray());
            Assert.Equal(1, one.CacheStats.OriginReads);
            Assert.Equal(new byte[] { 1, 2, 3 }, (await two.GetAsync("a/c/0"))!.Value.ToArray());
            Assert.Equal(0, two.CacheStats.OriginReads);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
