using ZarrCache.HitRatio;

namespace ZarrCache.Tests.HitRatio;

public sealed class WTinyLfuCacheTests
{
    [Fact]
    public async Task The_byte_budget_holds_after_every_insert_of_mixed_sizes()
    {
        var cache = new WTinyLfuCache(10_000);
        var random = new Random(4);
        var buffer = new byte[4_000];
        for (var i = 0; i < 5_000; i++)
        {
            var key = $"a/c/{random.Next(400)}";
            if ((await cache.GetAsync(key)) is null)
            {
                await cache.SetAsync(key, buffer.AsMemory(0, 1 + random.Next(buffer.Length)));
            }

            Assert.InRange(cache.Size, 0, cache.MaxSize);
        }
    }

    [Fact]
    public async Task A_frequently_read_key_survives_a_scan_of_one_hit_keys()
    {
        var cache = new WTinyLfuCache(10_000);
        var value = new byte[100];
        await cache.SetAsync("hot", value);
        for (var i = 0; i < 20; i++)
        {
            Assert.NotNull(await cache.GetAsync("hot"));
        }

        for (var i = 0; i < 1_000; i++)
        {
            var key = $"scan/{i}";
            Assert.Null(await cache.GetAsync(key));
            await cache.SetAsync(key, value);
        }

        Assert.NotNull(await cache.GetAsync("hot"));
    }

    [Theory]
    [InlineData(0.05)]
    [InlineData(0.10)]
    public void It_misses_less_than_exact_lru_where_scans_mix_with_a_hot_set(double fraction)
    {
        var trace = new TraceGenerator(20_000, seed: 5).ScansOverHotSet();
        var budget = (long)(trace.UniqueBytes * fraction);

        var lru = PolicyReplayer.Replay(trace, budget, b => new ExactLruCache(b));
        var tinyLfu = PolicyReplayer.Replay(trace, budget, b => new WTinyLfuCache(b));

        Assert.True(tinyLfu.ByRequest < lru.ByRequest, $"W-TinyLFU {tinyLfu.ByRequest:P1} vs LRU {lru.ByRequest:P1}");
    }
}
