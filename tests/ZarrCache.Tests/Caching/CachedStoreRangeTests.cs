using System.Diagnostics;
using ZarrCache.Tests.TestSupport;

namespace ZarrCache.Tests.Caching;

public class CachedStoreRangeTests
{
    private const string Key = "r/c/0/0";
    private static readonly byte[] Chunk = Enumerable.Range(0, 100).Select(i => (byte)i).ToArray();

    private static async Task<(ProbeStore Origin, CachedStore Store)> CreateAsync(CapturingLogger? logger = null)
    {
        var origin = new ProbeStore();
        await origin.Inner.SetAsync(Key, Chunk);
        return (origin, CachedStore.Create(origin, new LruMemoryCache(1 << 20), logger: logger));
    }

    [Fact]
    public async Task A_cached_range_serves_a_range_inside_it_with_no_origin_request()
    {
        var (origin, store) = await CreateAsync();
        await store.GetRangeAsync(Key, ByteRange.FromOffset(10, 50));

        var inside = await store.GetRangeAsync(Key, ByteRange.FromOffset(20, 5));
        var several = await store.GetRangesAsync(Key, [ByteRange.FromOffset(10, 1), ByteRange.FromOffset(59, 1)]);

        Assert.Equal(new byte[] { 20, 21, 22, 23, 24 }, inside!.Value.ToArray());
        Assert.Equal(new byte[] { 10 }, several![0].ToArray());
        Assert.Equal(new byte[] { 59 }, several[1].ToArray());
        Assert.Equal(1, origin.OriginCalls);
        Assert.Equal(3, store.CacheStats.Hits);
    }

    [Fact]
    public async Task A_range_reaching_past_a_cached_range_goes_to_the_origin()
    {
        var (origin, store) = await CreateAsync();
        await store.GetRangeAsync(Key, ByteRange.FromOffset(10, 50));

        var across = await store.GetRangeAsync(Key, ByteRange.FromOffset(55, 10));

        Assert.Equal(Chunk[55..65], across!.Value.ToArray());
        Assert.Equal(2, origin.RangeGets);
    }

    [Fact]
    public async Task A_cached_range_cut_short_by_the_end_of_the_value_never_serves_bytes_it_does_not_hold()
    {
        var (origin, store) = await CreateAsync();
        var tail = await store.GetRangeAsync(Key, ByteRange.FromOffset(90, 20)); // 10 bytes: the value ends at 100.

        var inside = await store.GetRangeAsync(Key, ByteRange.FromOffset(92, 3));
        var past = await store.GetRangeAsync(Key, ByteRange.FromOffset(95, 10));

        Assert.Equal(10, tail!.Value.Length);
        Assert.Equal(new byte[] { 92, 93, 94 }, inside!.Value.ToArray());
        Assert.Equal(Chunk[95..], past!.Value.ToArray());
        Assert.Equal(2, origin.RangeGets); // The first read and the one past what the cached range holds.
    }

    [Fact]
    public async Task A_miss_of_several_ranges_is_counted_logged_and_traced_like_a_single_miss()
    {
        var logger = new CapturingLogger();
        var (origin, store) = await CreateAsync(logger);
        var traced = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == ZarrCacheDiagnostics.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a =>
            {
                if (a.GetTagItem("zarrcache.key") as string == Key)
                {
                    lock (traced)
                    {
                        traced.Add(a);
                    }
                }
            },
        };
        ActivitySource.AddActivityListener(listener);

        var ranges = await store.GetRangesAsync(Key, [ByteRange.FromOffset(0, 2), ByteRange.FromOffset(40, 3)]);

        Assert.Equal(new byte[] { 40, 41, 42 }, ranges![1].ToArray());
        Assert.Equal(1, origin.MultiRangeGets);
        var stats = store.CacheStats;
        Assert.Equal(1, stats.Misses);
        Assert.Equal(1, stats.OriginReads);
        Assert.Equal(5, stats.OriginBytes);
        var activity = Assert.Single(traced);
        Assert.Equal("zarrcache.origin.read", activity.OperationName);
        Assert.Equal(5, activity.GetTagItem("zarrcache.bytes"));
        Assert.Contains(logger.Lines, line => line.StartsWith($"Debug: Origin read of '{Key}' returned 5 bytes", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_missing_key_read_by_several_ranges_is_logged_and_counted_as_an_origin_miss()
    {
        var logger = new CapturingLogger();
        var (_, store) = await CreateAsync(logger);

        Assert.Null(await store.GetRangesAsync("r/c/9/9", [ByteRange.FromOffset(0, 2), ByteRange.FromOffset(4, 2)]));

        Assert.Equal(1, store.CacheStats.OriginMisses);
        Assert.Contains(logger.Lines, line => line == "Debug: 'r/c/9/9' is missing at the origin");
    }

    [Fact]
    public async Task Concurrent_misses_of_the_same_several_ranges_share_one_origin_call()
    {
        var (origin, store) = await CreateAsync();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        origin.Gate = gate.Task;
        ByteRange[] wanted = [ByteRange.FromOffset(0, 2), ByteRange.FromOffset(50, 2)];

        var first = Task.Run(async () => await store.GetRangesAsync(Key, wanted));
        await origin.ReadEntered.Task.WithTimeout("the first multi-range read to reach the origin");
        var second = Task.Run(async () => await store.GetRangesAsync(Key, wanted));
        await Bounded.UntilAsync(
            () => store.CacheStats.CoalescedWaits == 1,
            "the second reader to join the multi-range read in flight",
            () => $"{store.CacheStats.CoalescedWaits} coalesced waits, {origin.MultiRangeGets} origin calls");
        gate.SetResult();
        var results = await Task.WhenAll(first, second).WithTimeout("both readers to finish after the gate opened");

        Assert.Equal(1, origin.MultiRangeGets);
        Assert.All(results, r => Assert.Equal(new byte[] { 50, 51 }, r![1].ToArray()));
    }
}
