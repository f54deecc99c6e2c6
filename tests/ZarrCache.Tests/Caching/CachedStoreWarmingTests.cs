using ZarrCache.Tests.TestSupport;

namespace ZarrCache.Tests.Caching;

public class CachedStoreWarmingTests
{
    private static async Task<(MemoryStore Origin, WritableCachedStore Store)> CreateAsync(int chunks)
    {
        var origin = new MemoryStore();
        await origin.SetAsync("t/zarr.json", "{}"u8.ToArray());
        await origin.SetAsync("t/.zgroup", "{}"u8.ToArray());
        await origin.SetAsync("other/c/0", new byte[10]);
        for (var i = 0; i < chunks; i++)
        {
            await origin.SetAsync($"t/c/{i}/0", new byte[100 + i]);
        }

        return (origin, CachedStore.Create(origin, new LruMemoryCache(1 << 20)));
    }

    [Fact]
    public async Task Warming_a_prefix_then_reading_it_makes_no_origin_request()
    {
        var (_, store) = await CreateAsync(50);

        var result = await store.WarmAsync("t/");
        var originReads = store.CacheStats.OriginReads;
        await foreach (var key in store.ListAsync("t/"))
        {
            await store.GetAsync(key);
        }

        Assert.Equal(51, result.Keys); // 50 chunks and zarr.json; .zgroup is skipped by the default policy.
        Assert.Equal(51, result.Warmed);
        Assert.Equal(1, result.Skipped);
        Assert.Equal(Enumerable.Range(0, 50).Sum(i => 100L + i) + 2, result.BytesWarmed);
        Assert.Equal(originReads + 1, store.CacheStats.OriginReads); // Only the uncached .zgroup goes to the origin.
        Assert.Null(await store.GetCachedAsync("other/c/0"));
    }

    [Fact]
    public async Task Warming_again_finds_everything_cached()
    {
        var (_, store) = await CreateAsync(10);
        await store.WarmAsync("t/");
        var originReads = store.CacheStats.OriginReads;

        var again = await store.WarmAsync("t/");

        Assert.Equal(11, again.AlreadyCached);
        Assert.Equal(0, again.Warmed);
        Assert.Equal(originReads, store.CacheStats.OriginReads);
    }

    [Fact]
    public async Task Warming_given_keys_reports_progress_and_counts_missing_ones()
    {
        var (_, store) = await CreateAsync(5);
        var reports = new List<WarmProgress>();
        var progress = new SynchronousProgress<WarmProgress>(reports.Add);
        StoreKey[] keys = ["t/c/0/0", "t/c/1/0", "t/c/99/0"];

        var result = await store.WarmAsync(keys, new WarmOptions { MaxConcurrency = 2, ProgressInterval = TimeSpan.Zero }, progress);

        Assert.Equal(2, result.Warmed);
        Assert.Equal(1, result.Missing);
        Assert.NotEmpty(reports);
        var last = reports[^1];
        Assert.Equal(3, last.KeysDone);
        Assert.Equal(3, last.KeysTotal);
        Assert.Equal(201, last.BytesWarmed);
    }

    [Fact]
    public async Task Concurrency_is_bounded()
    {
        var origin = new ProbeStore();
        for (var i = 0; i < 20; i++)
        {
            await origin.Inner.SetAsync($"t/c/{i}", new byte[1]);
        }

        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        origin.Gate = gate.Task;
        var store = CachedStore.Create(origin, new LruMemoryCache(1 << 20));
        var keys = Enumerable.Range(0, 20).Select(i => new StoreKey($"t/c/{i}")).ToArray();

        var warm = store.WarmAsync(keys, new WarmOptions { MaxConcurrency = 3 });
        await Bounded.UntilAsync(() => origin.Gets >= 3, "3 warm-up reads to reach the origin", () => $"{origin.Gets} reads");

        await Task.Delay(100); // Give a fourth read the chance to start, if the bound did not hold.
        var inFlight = origin.Gets;
        gate.SetResult();
        var result = await warm.WithTimeout("the warm-up to finish after the gate opened");

        Assert.Equal(3, inFlight);
        Assert.Equal(20, result.Warmed);
    }

    [Fact]
    public async Task Cancelling_a_warm_up_stops_it_and_keeps_what_was_read()
    {
        var (_, store) = await CreateAsync(200);
        using var cancel = new CancellationTokenSource();
        var progress = new SynchronousProgress<WarmProgress>(p =>
        {
            if (p.KeysDone >= 20)
            {
                cancel.Cancel();
            }
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            store.WarmAsync("t/", new WarmOptions { MaxConcurrency = 1, ProgressInterval = TimeSpan.Zero }, progress, cancel.Token));

        var entries = store.CacheStats.Entries;
        Assert.InRange(entries, 20, 199);
    }

    [Fact]
    public async Task Bad_options_are_rejected_with_the_field_named()
    {
        var (_, store) = await CreateAsync(1);

        var e = await Assert.ThrowsAsync<CacheConfigException>(() => store.WarmAsync("t/", new WarmOptions { MaxConcurrency = 0 }));

        Assert.Equal("MaxConcurrency", e.FieldName);
    }

    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value)
        {
            lock (this)
            {
                report(value);
            }
        }
    }
}
