using ZarrCache.IntegrationTests.Infrastructure;

namespace ZarrCache.IntegrationTests.Caching;

/// <summary>
/// Stale-if-error against a real origin (nginx, started by scripts/test.sh): a folder under <c>flaky/</c> answers 503
/// while it holds a <c>.down</c> file. An expired entry is served while the origin fails, within
/// <see cref="CacheConfig.StaleIfError"/> of its expiry, from memory, disk and tiered caches alike; past that window
/// the failure reaches the reader; once the origin recovers the value is read again.
/// </summary>
public sealed class StaleIfErrorTests
{
    private static readonly TimeSpan Ttl = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(30);

    [Theory]
    [InlineData("memory")]
    [InlineData("disk")]
    [InlineData("tiered")]
    public async Task Nginx_failing_with_503_gets_the_expired_value_within_the_window_and_the_error_after_it(string kind)
    {
        var server = OriginServers.Http();
        var name = Guid.NewGuid().ToString("N");
        var folder = Path.Combine(server.Root, "flaky", name);
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "v"), "the value");
        var cacheDir = Path.Combine(Path.GetTempPath(), "zarrcache-stale-" + name);
        try
        {
            using var origin = new HttpStore(
                new Uri(server.BaseUri, "flaky/" + name + "/"),
                new HttpStoreOptions { Retry = new RetryOptions { MaxAttempts = 2, BaseDelay = TimeSpan.FromMilliseconds(10) } });
            var clock = new StepClock();
            var config = new CacheConfig { Ttl = Ttl, StaleIfError = Window, DiskCacheDir = kind == "tiered" ? cacheDir : null };
            await using var store = kind == "disk"
                ? new CachedStore(origin, new DiskCache(cacheDir, 1 << 20, new DiskCacheOptions { TimeProvider = clock }), config, timeProvider: clock)
                : new CachedStore(origin, config, timeProvider: clock);
            var url = "/flaky/" + name + "/v";

            Assert.Equal("the value"u8.ToArray(), (await store.GetAsync("v"))!.Value.ToArray());
            await File.WriteAllTextAsync(Path.Combine(folder, ".down"), "");
            clock.Advance(Ttl + TimeSpan.FromMinutes(1));
            var mark = server.Log.Mark();

            var stale = await store.GetAsync("v");

            Assert.Equal("the value"u8.ToArray(), stale!.Value.ToArray());
            Assert.Equal(1, store.CacheStats.StaleServed);
            var failures = await server.Log.LinesSince(mark, l => l.Any(x => x.Url == url && x.Status == 503));
            Assert.Contains(failures, l => l.Url == url && l.Status == 503);

            clock.Advance(Window); // now expired for 31 minutes: past the window
            await Assert.ThrowsAsync<StoreException>(async () => await store.GetAsync("v"));
            Assert.Equal(1, store.CacheStats.StaleServed);

            File.Delete(Path.Combine(folder, ".down"));
            Assert.Equal("the value"u8.ToArray(), (await store.GetAsync("v"))!.Value.ToArray());
        }
        finally
        {
            if (Directory.Exists(cacheDir))
            {
                Directory.Delete(cacheDir, recursive: true);
            }
        }
    }

    private sealed class StepClock : TimeProvider
    {
        private DateTimeOffset _now = DateTimeOffset.UtcNow;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
