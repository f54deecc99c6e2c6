using ZarrCache.HitRatio;

namespace ZarrCache.Tests.CacheSimulation;

/// <summary>The simulator's models against the real cache classes, on the same traces.</summary>
public sealed class SimulatorFidelityTests
{
    public static TheoryData<SimulatedPolicy, double> PoliciesAndFractions => new()
    {
        { SimulatedPolicy.S3Fifo, 0.02 }, { SimulatedPolicy.S3Fifo, 0.10 }, { SimulatedPolicy.S3Fifo, 0.30 },
        { SimulatedPolicy.Clock, 0.02 }, { SimulatedPolicy.Clock, 0.10 }, { SimulatedPolicy.Clock, 0.30 },
    };

    /// <summary>S3-FIFO is modelled on <see cref="S3FifoMemoryCache"/>, CLOCK on <see cref="LruMemoryCache"/>.</summary>
    [Theory]
    [MemberData(nameof(PoliciesAndFractions))]
    public void The_simulated_hit_ratio_is_within_one_point_of_the_real_cache_class_on_every_trace(SimulatedPolicy policy, double fraction)
    {
        Func<long, ICache> real = policy == SimulatedPolicy.S3Fifo ? b => new S3FifoMemoryCache(b) : b => new LruMemoryCache(b);
        foreach (var trace in TraceGenerator.All(30_000, seed: 11))
        {
            var budget = (long)(trace.UniqueBytes * fraction);
            var simulated = CacheSimulator.Replay(trace, policy, budget);
            var replayed = PolicyReplayer.Replay(trace, budget, real);

            Assert.True(Math.Abs(simulated.ByRequest - replayed.ByRequest) <= 0.01, $"{policy}, {trace.Name} at {fraction:P0}: simulated {simulated.ByRequest:P2}, real {replayed.ByRequest:P2}");
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
