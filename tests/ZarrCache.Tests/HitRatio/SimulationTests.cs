using ZarrCache.HitRatio;

namespace ZarrCache.Tests.HitRatio;

public sealed class SimulationTests
{
    private static ICache Lru(long budget) => new LruMemoryCache(budget);

    private static ICache S3Fifo(long budget) => new S3FifoMemoryCache(budget);

    [Theory]
    [InlineData(0.05)]
    [InlineData(0.10)]
    public void S3Fifo_misses_less_than_lru_where_scans_mix_with_a_hot_set(double fraction)
    {
        var trace = new TraceGenerator(20_000, seed: 5).ScansOverHotSet();
        var budget = (long)(trace.UniqueBytes * fraction);

        var lru = PolicyReplayer.Replay(trace, budget, Lru);
        var s3 = PolicyReplayer.Replay(trace, budget, S3Fifo);

        Assert.True(s3.ByRequest < lru.ByRequest, $"S3-FIFO {s3.ByRequest:P1} vs LRU {lru.ByRequest:P1}");
    }

    [Fact]
    public void Belady_misses_no_more_than_any_policy_on_every_trace()
    {
        foreach (var trace in TraceGenerator.All(8_000, seed: 9))
        {
            foreach (var fraction in new[] { 0.02, 0.10 })
            {
                var budget = (long)(trace.UniqueBytes * fraction);
                var bound = CacheSimulator.Replay(trace, SimulatedPolicy.Opt, budget);
                foreach (var (name, replay) in Simulation.Policies)
                {
                    var policy = replay(trace, budget);
                    Assert.True(bound.Misses <= policy.Misses, $"{trace.Name} at {fraction:P0}: Bélády {bound.Misses} > {name} {policy.Misses}");
                    Assert.Equal(policy.Requests, bound.Requests);
                }
            }
        }
    }

    [Fact]
    public void Clock_stays_within_two_points_of_exact_lru_on_every_trace()
    {
        foreach (var trace in TraceGenerator.All(8_000, seed: 9))
        {
            var budget = (long)(trace.UniqueBytes * 0.05);
            var exact = CacheSimulator.Replay(trace, SimulatedPolicy.Lru, budget);
            var clock = PolicyReplayer.Replay(trace, budget, Lru);

            Assert.InRange(clock.ByRequest - exact.ByRequest, -0.02, 0.02);
        }
    }

    [Theory]
    [InlineData(0.05)]
    [InlineData(0.10)]
    public void WTinyLfu_misses_less_than_exact_lru_where_scans_mix_with_a_hot_set(double fraction)
    {
        var trace = new TraceGenerator(20_000, seed: 5).ScansOverHotSet();
        var budget = (long)(trace.UniqueBytes * fraction);

        var lru = CacheSimulator.Replay(trace, SimulatedPolicy.Lru, budget);
        var tinyLfu = CacheSimulator.Replay(trace, SimulatedPolicy.WTinyLfu, budget);

        Assert.True(tinyLfu.ByRequest < lru.ByRequest, $"W-TinyLFU {tinyLfu.ByRequest:P1} vs LRU {lru.ByRequest:P1}");
    }

    [Fact]
    public void Traces_are_deterministic_for_a_seed()
    {
        var first = new TraceGenerator(2_000, seed: 1).TimeSeriesWalks();
        var second = new TraceGenerator(2_000, seed: 1).TimeSeriesWalks();

        Assert.Equal(first.Requests, second.Requests);
        Assert.Equal(first.Sizes, second.Sizes);
    }
}
