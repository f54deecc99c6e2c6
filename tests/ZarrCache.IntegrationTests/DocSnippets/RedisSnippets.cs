using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ZarrCache.Hosting;
using ZarrCache.IntegrationTests.Infrastructure;
using ZarrCache.Redis;

namespace ZarrCache.IntegrationTests.DocSnippets;

/// <summary>The Redis tier's code in docs/redis.md and docs/hosting.md (<c>services.AddZarrCache</c> with the tier
/// through <c>Configure</c>), against the redis-server scripts/test.sh starts: a second store (or host) reads what the
/// first fetched from Redis, without an origin read. They run alone: a Redis call slower than OperationTimeout (500 ms,
/// on a loaded machine) is a documented miss, which would read the origin.</summary>
[Collection(nameof(RedisSnippets))]
public sealed class RedisSnippets : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("zarrcache-redis-snippets-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public async Task A_store_with_the_redis_tier_shares_what_it_fetched_with_a_store_in_another_process()
    {
        var redis = RedisServers.Shared();
        var origin = new MemoryStore();
        var key = $"t2m/c/{Guid.NewGuid():N}";
        await origin.SetAsync(key, new byte[] { 7, 8, 9 });
        var cacheDir = Path.Combine(_folder.FullName, "zarr");

        // begin-snippet: redis-setup
        // RedisTierOptions and WithRedis are in the namespace ZarrCache.Redis (package ZarrCache.Redis).
        await using var store = CachedStore.Create(origin, new CacheConfig
        {
            DiskCacheDir = cacheDir,                             // optional: memory → disk → Redis; without it memory → Redis
            SharedTier = new RedisTierOptions { Configuration = redis },   // e.g. "redis.internal:6379,password=…"
        });
        await using var other = CachedStore.Create(origin, new CacheConfig().WithRedis(redis));   // or WithRedis; here without a disk tier: memory → Redis
        // end-snippet

        Assert.Equal(new byte[] { 7, 8, 9 }, (await store.GetAsync(key))!.Value.ToArray());
        Assert.Equal(1, store.CacheStats.OriginReads);
        Assert.Equal(new byte[] { 7, 8, 9 }, (await other.GetAsync(key))!.Value.ToArray());
        Assert.Equal(0, other.CacheStats.OriginReads);
    }

    [Fact]
    public async Task Two_hosts_with_the_redis_tier_share_what_one_fetched_so_the_second_makes_no_origin_read()
    {
        var redis = RedisServers.Shared();
        await new FileSystemStore(_folder.FullName).SetAsync("a/c/0", new byte[] { 1, 2, 3 });
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["ZarrCache:Origin"] = _folder.FullName }).Build();
        var keyPrefix = $"zarrcache:era5:{Guid.NewGuid():N}:";

        ServiceProvider Host()
        {
            var services = new ServiceCollection();

            // begin-snippet: hosting-redis-tier
            services.AddZarrCache(configuration)
                .Configure(o => o.Cache = o.Cache.WithRedis(new RedisTierOptions { Configuration = redis, KeyPrefix = keyPrefix }));   // e.g. "redis:6379", "zarrcache:era5:"
            // end-snippet

            return services.BuildServiceProvider();
        }

        await using var first = Host();
        await using var second = Host();
        var one = first.GetRequiredService<CachedStore>();
        var two = second.GetRequiredService<CachedStore>();

        Assert.Equal(new byte[] { 1, 2, 3 }, (await one.GetAsync("a/c/0"))!.Value.ToArray());
        Assert.Equal(1, one.CacheStats.OriginReads);
        Assert.Equal(new byte[] { 1, 2, 3 }, (await two.GetAsync("a/c/0"))!.Value.ToArray());
        Assert.Equal(0, two.CacheStats.OriginReads);
    }
}

/// <summary>RedisSnippets time Redis calls against OperationTimeout: no other test runs beside them.</summary>
[CollectionDefinition(nameof(RedisSnippets), DisableParallelization = true)]
public sealed class RedisSnippetsGroup;
