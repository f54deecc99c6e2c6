using ZarrCache.HitRatio;

namespace ZarrCache.Tests.HitRatio;

public sealed class ExactLruCacheTests
{
    [Fact]
    public async Task It_evicts_the_least_recently_read_key_first()
    {
        var cache = new ExactLruCache(300);
        var value = new byte[100];
        await cache.SetAsync("a", value);
        await cache.SetAsync("b", value);
        await cache.SetAsync("c", value);
        Assert.NotNull(await cache.GetAsync("a"));

        await cache.SetAsync("d", value);

        Assert.Null(await cache.GetAsync("b"));
        Assert.NotNull(await cache.GetAsync("a"));
        Assert.Equal(300, cache.Size);
    }

    [Fact]
    public void Clock_stays_within_two_points_of_exact_lru_on_every_trace()
    {
        foreach (var trace in TraceGenerator.All(8_000, seed: 9))
        {
            var budget = (long)(trace.UniqueBytes * 0.05);
            var exact = PolicyReplayer.Replay(trace, budget, b => new ExactLruCache(b));
            var clock = PolicyReplayer.Replay(trace, budget, b => new LruMemoryCache(b));

            Assert.InRange(clock.ByRequest - exact.ByRequest, -0.02, 0.02);
        }
    }
}
