using FsCheck;
using FsCheck.Xunit;
using ZarrCache.HitRatio;

namespace ZarrCache.Tests.CacheSimulation;

public sealed class MissRatioCurveTests
{
    [Property(MaxTest = 300)]
    public bool Lru_and_opt_curves_never_rise_as_the_cache_grows(int seed, PositiveInt keyCount, PositiveInt length)
    {
        var random = new Random(seed);
        var keys = 1 + (keyCount.Get % 40);
        var sizes = Enumerable.Range(0, keys).Select(_ => 1 + random.Next(200)).ToArray();
        var requests = Enumerable.Range(0, 1 + (length.Get % 400)).Select(_ => random.Next(keys)).ToArray();
        var trace = new AccessTrace("p", "p", requests, [.. Enumerable.Range(0, keys).Select(i => $"k/{i}")], sizes);
        var cacheSizes = Enumerable.Range(0, 12).Select(_ => 1L + random.Next(keys * 120)).ToArray();

        var analysis = MissRatioCurves.Analyze(trace, new MissRatioCurveOptions { Policies = [SimulatedPolicy.Lru], Sizes = cacheSizes });

        return analysis.Curves.All(curve => curve.Points.Zip(curve.Points.Skip(1)).All(pair =>
            pair.Second.CacheSize >= pair.First.CacheSize && pair.Second.ByRequest <= pair.First.ByRequest && pair.Second.ByByte <= pair.First.ByByte));
    }

    [Property(MaxTest = 200)]
    public bool Lru_from_stack_distances_equals_a_naive_byte_lru(int seed, PositiveInt budget)
    {
        var random = new Random(seed);
        var sizes = Enumerable.Range(0, 30).Select(_ => 1 + random.Next(100)).ToArray();
        var requests = Enumerable.Range(0, 300).Select(_ => random.Next(30)).ToArray();
        var trace = new AccessTrace("p", "p", requests, [.. Enumerable.Range(0, 30).Select(i => $"k/{i}")], sizes);
        var cache = 1 + (budget.Get % 1500);

        return CacheSimulator.Replay(trace, SimulatedPolicy.Lru, cache).Misses == NaiveLruMisses(requests, sizes, cache);
    }

    public static TheoryData<string> LargeTraces => ["timeseries", "scan+hot"];

    [Theory]
    [MemberData(nameof(LargeTraces))]
    public void Shards_at_the_chosen_rate_stays_within_the_stated_error_of_the_exact_curve_on_a_large_trace(string name)
    {
        // scan+hot is the hard case: a Zipf-hot key falling in or out of the sample moves the curve by points without
        // the SHARDS-adj correction.
        var generator = new TraceGenerator(3_000_000, seed: 3);
        var trace = name == "timeseries" ? generator.TimeSeriesWalks() : generator.ScansOverHotSet();
        var sizes = MissRatioCurves.DefaultSizes(trace.UniqueBytes).Where((_, i) => i % 3 == 0).ToArray();
        var options = new MissRatioCurveOptions { Policies = [SimulatedPolicy.S3Fifo, SimulatedPolicy.Lru], Sizes = sizes };

        var sampled = MissRatioCurves.Analyze(trace, options);
        var exact = MissRatioCurves.Analyze(trace, options with { SamplingRate = 1 });

        Assert.InRange(sampled.SamplingRate, 0.05, 0.5);
        Assert.Equal(0.02, sampled.ErrorBound);
        foreach (var (s, e) in sampled.Curves.Zip(exact.Curves))
        {
            foreach (var (sp, ep) in s.Points.Zip(e.Points))
            {
                Assert.True(Math.Abs(sp.ByRequest - ep.ByRequest) <= MissRatioCurves.SampledErrorBound(s.Policy), $"{s.Policy} at {sp.CacheSize}: sampled {sp.ByRequest:P2}, exact {ep.ByRequest:P2}");
            }
        }
    }

    [Fact]
    public void The_recommendation_is_the_smallest_size_within_one_point_of_the_best_hit_ratio()
    {
        // Ten 100-byte keys read in a loop 100 times: LRU hits only once all ten fit (1,000 bytes).
        var trace = new AccessTrace("loop", "loop", [.. Enumerable.Range(0, 1_000).Select(i => i % 10)], [.. Enumerable.Range(0, 10).Select(i => $"k/{i}")], [.. Enumerable.Repeat(100, 10)]);

        var analysis = MissRatioCurves.Analyze(trace, new MissRatioCurveOptions { Policies = [SimulatedPolicy.Lru], Sizes = [500, 900, 1_000, 2_000, 4_000] });
        var recommendation = analysis.Recommend(SimulatedPolicy.Lru);

        Assert.Equal(1_000, recommendation.CacheSize);
        Assert.Equal(0.99, recommendation.HitRatio, 6);
        Assert.Equal(990, recommendation.RequestsSaved);
        Assert.Equal(99_000, recommendation.BytesSaved);
        Assert.Equal(1, analysis.SamplingRate);
        Assert.Equal(SimulatedPolicy.Opt, analysis.Curves[^1].Policy);
    }

    [Fact]
    public void Default_sizes_run_from_a_two_hundredth_of_the_unique_bytes_to_all_of_them()
    {
        var sizes = MissRatioCurves.DefaultSizes(200_000_000);

        Assert.Equal(MissRatioCurves.DefaultPointCount, sizes.Count);
        Assert.Equal(1_000_000, sizes[0]);
        Assert.Equal(200_000_000, sizes[^1]);
        Assert.True(sizes.Zip(sizes.Skip(1)).All(p => p.Second > p.First));
    }

    /// <summary>Byte LRU as a list: a hit moves the key to the front; a miss inserts it and evicts from the back
    /// until the budget holds (a value larger than the budget empties the cache and is not kept).</summary>
    private static long NaiveLruMisses(int[] requests, int[] sizes, long budget)
    {
        var order = new List<int>();
        long misses = 0;
        foreach (var id in requests)
        {
            if (order.Remove(id))
            {
                order.Insert(0, id);
                continue;
            }

            misses++;
            order.Insert(0, id);
            while (order.Sum(k => (long)sizes[k]) > budget && order.Count > 0)
            {
                order.RemoveAt(order.Count - 1);
            }
        }

        return misses;
    }
}
