using ZarrCache.HitRatio;

namespace ZarrCache.Tests.CacheSimulation;

/// <summary>The simulator's models against the real cache classes, on the same traces.</summary>
public sealed class SimulatorFidelityTests
{
    public static TheoryData<double> Fractions => [0.02, 0.10, 0.30];

    [Theory]
    [MemberData(nameof(Fractions))]
    public void Simulated_s3fifo_hit_ratio_is_within_one_point_of_the_real_S3FifoMemoryCache_on_every_trace(double fraction)
    {
        foreach (var trace in TraceGenerator.All(30_000, seed: 11))
        {
            var budget = (long)(trace.UniqueBytes * fraction);
            var simulated = CacheSimulator.Replay(trace, SimulatedPolicy.S3Fifo, budget);
            var real = PolicyReplayer.Replay(trace, budget, b => new S3FifoMemoryCache(b));

            Assert.True(Math.Abs(simulated.ByRequest - real.ByRequest) <= 0.01, $"{trace.Name} at {fraction:P0}: simulated {simulated.ByRequest:P2}, real {real.ByRequest:P2}");
        }
    }

    [Theory]
    [MemberData(nameof(Fractions))]
    public void Simulated_clock_hit_ratio_is_within_one_point_of_the_real_LruMemoryCache_on_every_trace(double fraction)
    {
        foreach (var trace in TraceGenerator.All(30_000, seed: 11))
        {
            var budget = (long)(trace.UniqueBytes * fraction);
            var simulated = CacheSimulator.Replay(trace, SimulatedPolicy.Clock, budget);
            var real = PolicyReplayer.Replay(trace, budget, b => new LruMemoryCache(b));

            Assert.True(Math.Abs(simulated.ByRequest - real.ByRequest) <= 0.01, $"{trace.Name} at {fraction:P0}: simulated {simulated.ByRequest:P2}, real {real.ByRequest:P2}");
        }
    }

    [Fact]
    public void Exact_lru_evicts_the_least_recently_read_key_first()
    {
        // a b c a d b, 100 bytes each, 300-byte cache: d evicts b (least recent), so b misses again and a does not.
        var trace = new AccessTrace("t", "t", [0, 1, 2, 0, 3, 1, 0], ["a", "b", "c", "d"], [100, 100, 100, 100]);

        var lru = CacheSimulator.Replay(trace, SimulatedPolicy.Lru, 300);

        Assert.Equal(5, lru.Misses);
    }

    [Fact]
    public void A_value_larger_than_the_budget_is_never_a_hit()
    {
        var trace = new AccessTrace("t", "t", [0, 0, 0], ["big"], [1000]);

        foreach (var policy in Enum.GetValues<SimulatedPolicy>())
        {
            Assert.Equal(3, CacheSimulator.Replay(trace, policy, 999).Misses);
            Assert.Equal(1, CacheSimulator.Replay(trace, policy, 1000).Misses);
        }
    }

    [Fact]
    public void WTinyLfu_keeps_a_frequently_read_key_through_a_scan_of_one_hit_keys()
    {
        // "hot" read 20 times, then 1,000 keys read once, then "hot" again: W-TinyLFU keeps it, exact LRU does not.
        int[] requests = [.. Enumerable.Repeat(0, 20), .. Enumerable.Range(1, 1_000), 0];
        var trace = new AccessTrace("t", "t", requests, [.. Enumerable.Range(0, 1_001).Select(i => $"k/{i}")], [.. Enumerable.Repeat(100, 1_001)]);

        Assert.Equal(1_001, CacheSimulator.Replay(trace, SimulatedPolicy.WTinyLfu, 10_000).Misses);
        Assert.Equal(1_002, CacheSimulator.Replay(trace, SimulatedPolicy.Lru, 10_000).Misses);
    }
}
