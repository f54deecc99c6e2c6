using ZarrCache.Tests.TestSupport;

namespace ZarrCache.Tests.Caching;

public class CachedStorePrefetchTests
{
    private static async Task<ProbeStore> OriginAsync(int chunks, int size = 100)
    {
        var origin = new ProbeStore();
        for (var i = 0; i < chunks; i++)
        {
            await origin.Inner.SetAsync($"a/c/{i}", Enumerable.Repeat((byte)i, size).ToArray());
        }

        await origin.Inner.SetAsync("a/.zgroup", "{}"u8.ToArray());
        return origin;
    }

    private static CachedStore Store(IReadableStore origin, PrefetchConfig prefetch, long memory = 1 << 20) =>
        new(origin, new CacheConfig { MaxMemorySize = memory, PrefetchConfig = prefetch });

    private static WritableCachedStore Store(IStore origin, PrefetchConfig prefetch, long memory = 1 << 20) =>
        CachedStore.Create(origin, new CacheConfig { MaxMemorySize = memory, PrefetchConfig = prefetch });

    private static async Task UntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition(), "the condition did not hold within 5 s");
    }

    [Fact]
    public async Task A_prefetched_key_is_then_served_from_the_cache_and_counted_used()
    {
        var origin = await OriginAsync(3);
        await using var store = Store(origin, new PrefetchConfig());

        Assert.True(store.TryPrefetch("a/c/1"));
        await UntilAsync(() => store.CacheStats.PrefetchesUnused == 1);
        var value = await store.GetAsync("a/c/1");

        Assert.Equal(Enumerable.Repeat((byte)1, 100).ToArray(), value!.Value.ToArray());
        Assert.Equal(1, origin.CallsFor("a/c/1"));
        var stats = store.CacheStats;
        Assert.Equal(1, stats.PrefetchesIssued);
        Assert.Equal(1, stats.PrefetchesUsed);
        Assert.Equal(0, stats.PrefetchesUnused);
        Assert.Equal(0, stats.PrefetchesWasted);
    }

    [Fact]
    public async Task A_foreground_read_of_a_key_being_prefetched_awaits_the_prefetch_and_never_reads_twice()
    {
        var origin = await OriginAsync(3);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        origin.Gate = gate.Task;
        await using var store = Store(origin, new PrefetchConfig());

        store.TryPrefetch("a/c/2");
        await origin.ReadEntered.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var foreground = store.GetAsync("a/c/2").AsTask();
        await UntilAsync(() => store.CacheStats.CoalescedWaits == 1);
        gate.SetResult();
        var value = await foreground;

        Assert.Equal(100, value!.Value.Length);
        Assert.Equal(1, origin.CallsFor("a/c/2"));
        await UntilAsync(() => store.CacheStats.PrefetchesUsed == 1);
        Assert.Equal(0, store.CacheStats.PrefetchesUnused);
    }

    [Fact]
    public async Task Cached_missing_and_uncacheable_keys_are_not_prefetched()
    {
        var origin = await OriginAsync(2);
        await using var store = Store(origin, new PrefetchConfig { MaxConcurrency = 1 });
        await store.GetAsync("a/c/0");
        await store.GetAsync("a/c/9"); // missing: remembered

        store.TryPrefetch("a/c/0");
        store.TryPrefetch("a/c/9");
        store.TryPrefetch("a/.zgroup");
        store.TryPrefetch("a/c/1");
        await UntilAsync(() => store.CacheStats.PrefetchesUnused == 1);

        Assert.Equal(1, store.CacheStats.PrefetchesIssued);
        Assert.Equal(1, origin.CallsFor("a/c/0"));
        Assert.Equal(1, origin.CallsFor("a/c/9"));
        Assert.Equal(0, origin.CallsFor("a/.zgroup"));
    }

    [Fact]
    public async Task The_queue_and_the_concurrency_are_bounded_and_the_oldest_predictions_are_dropped()
    {
        var origin = await OriginAsync(20);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        origin.Gate = gate.Task;
        await using var store = Store(origin, new PrefetchConfig { MaxQueueSize = 3, MaxConcurrency = 2 });

        for (var i = 0; i < 20; i++)
        {
            Assert.True(store.TryPrefetch($"a/c/{i}"));
            if (i == 1)
            {
                await UntilAsync(() => origin.Gets == 2); // Both workers hold a read at the gate.
            }
        }

        Assert.Equal(2, origin.Gets);
        Assert.Equal(15, store.CacheStats.PrefetchesDropped); // 18 queued into 3 places.
        gate.SetResult();
        await UntilAsync(() => store.CacheStats.PrefetchesUnused == 5);

        Assert.Equal(5, origin.Gets);
        Assert.Equal(["a/c/0", "a/c/1", "a/c/17", "a/c/18", "a/c/19"],
            Enumerable.Range(0, 20).Select(i => $"a/c/{i}").Where(k => origin.CallsFor(k) == 1).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_foreground_read_never_waits_behind_prefetches_that_hold_every_worker_and_fill_the_queue()
    {
        var origin = new KeyGatedStore(blocked: key => key.StartsWith("a/c/", StringComparison.Ordinal));
        await origin.Inner.SetAsync("b/c/0", new byte[10]);
        await using var store = Store(origin, new PrefetchConfig { MaxConcurrency = 2, MaxQueueSize = 4 });
        for (var i = 0; i < 10; i++)
        {
            store.TryPrefetch($"a/c/{i}");
        }

        await UntilAsync(() => origin.Waiting == 2); // both workers stuck on the origin, the queue full behind them

        var value = await store.GetAsync("b/c/0").AsTask().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(10, value!.Value.Length);
        Assert.Equal(2, origin.Waiting);
        origin.Release();
    }

    [Fact]
    public async Task Disposing_cancels_running_prefetches_and_stops_taking_new_ones()
    {
        var origin = await OriginAsync(4);
        origin.Gate = new TaskCompletionSource().Task; // never opens
        var store = Store(origin, new PrefetchConfig { MaxConcurrency = 1 });
        store.TryPrefetch("a/c/0");
        store.TryPrefetch("a/c/1");
        await origin.ReadEntered.Task.WaitAsync(TimeSpan.FromSeconds(10));

        await store.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));

        await UntilAsync(() => origin.ReadWasCancelled);
        Assert.Equal(1, origin.Gets);
        Assert.False(store.TryPrefetch("a/c/2"));
        Assert.Null(await store.GetCachedAsync("a/c/0"));
    }

    [Fact]
    public async Task Prefetching_stops_while_unused_prefetched_bytes_are_at_their_cap()
    {
        var origin = await OriginAsync(10, size: 1000);
        await using var store = Store(origin, new PrefetchConfig { MaxConcurrency = 1, MaxUnusedFraction = 0.01 }, memory: 200_000);

        store.TryPrefetch("a/c/0");
        store.TryPrefetch("a/c/1");
        await UntilAsync(() => store.CacheStats.PrefetchesUnused == 2);
        var accepted = store.TryPrefetch("a/c/2");

        Assert.False(accepted);
        Assert.Equal(1, store.CacheStats.PrefetchesDropped);
        await store.GetAsync("a/c/0");
        Assert.True(store.TryPrefetch("a/c/3"));
    }

    [Fact]
    public async Task A_prefetched_entry_evicted_before_any_read_is_counted_wasted()
    {
        var origin = await OriginAsync(30, size: 1000);
        await using var store = Store(origin, new PrefetchConfig { MaxConcurrency = 1, MaxUnusedFraction = 1 }, memory: 10_000);

        store.TryPrefetch("a/c/0");
        await UntilAsync(() => store.CacheStats.PrefetchesUnused == 1);
        for (var i = 1; i < 30; i++)
        {
            await store.GetAsync($"a/c/{i}");
        }

        var stats = store.CacheStats;
        Assert.Equal(1, stats.PrefetchesWasted);
        Assert.Equal(1000, stats.PrefetchBytesWasted);
        Assert.Equal(0, stats.PrefetchesUnused);
    }

    [Theory]
    [InlineData(EvictionPolicy.S3Fifo)]
    [InlineData(EvictionPolicy.Lru)]
    public async Task Prefetching_cannot_flush_a_hot_set(EvictionPolicy policy)
    {
        var origin = await OriginAsync(400, size: 1000);
        var config = new CacheConfig
        {
            MaxMemorySize = 100_000,
            EvictionPolicy = policy,
            PrefetchConfig = new PrefetchConfig { MaxConcurrency = 2, MaxQueueSize = 1000 },
        };
        await using var store = CachedStore.Create(origin, config);
        for (var round = 0; round < 3; round++)
        {
            for (var i = 0; i < 50; i++)
            {
                await store.GetAsync($"a/c/{i}");
            }
        }

        var before = origin.Gets;
        for (var i = 50; i < 400; i++)
        {
            store.TryPrefetch($"a/c/{i}");
        }

        await UntilAsync(() => store.CacheStats.PrefetchesIssued + store.CacheStats.PrefetchesDropped >= 350);
        await UntilAsync(() => origin.Gets == before + store.CacheStats.PrefetchesIssued);
        var hotCached = 0;
        for (var i = 0; i < 50; i++)
        {
            hotCached += await store.GetCachedAsync($"a/c/{i}") is null ? 0 : 1;
        }

        Assert.Equal(50, hotCached);
        if (policy == EvictionPolicy.Lru)
        {
            // LRU would let prefetches push the hot set out; the cap on unused prefetched bytes stops them first.
            Assert.True(store.CacheStats.PrefetchesDropped > 0);
        }
    }

    [Fact]
    public async Task Writing_a_prefetched_key_counts_the_prefetch_wasted()
    {
        var origin = new MemoryStore();
        await origin.SetAsync("a/c/0", new byte[64]);
        await using var store = Store(origin, new PrefetchConfig());
        store.TryPrefetch("a/c/0");
        await UntilAsync(() => store.CacheStats.PrefetchesUnused == 1);

        await store.SetAsync("a/c/0", new byte[8]);

        Assert.Equal(1, store.CacheStats.PrefetchesWasted);
        Assert.Equal(0, store.CacheStats.PrefetchesUnused);
    }

    [Fact]
    public async Task A_memory_hit_with_prefetching_on_allocates_nothing_also_while_prefetched_entries_wait_unused()
    {
        var origin = await OriginAsync(3);
        await using var store = Store(origin, new PrefetchConfig());
        await store.GetAsync("a/c/0");
        store.TryPrefetch("a/c/1");
        await UntilAsync(() => store.CacheStats.PrefetchesUnused == 1);
        _ = Completed.Result(store.GetAsync("a/c/0"));

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            _ = Completed.Result(store.GetAsync("a/c/0"));
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(1, store.CacheStats.PrefetchesUnused);
    }

    [Fact]
    public async Task Without_a_prefetch_config_nothing_is_prefetched()
    {
        var origin = await OriginAsync(2);
        await using var store = CachedStore.Create(origin, new LruMemoryCache(1 << 20));

        Assert.False(store.TryPrefetch("a/c/0"));
        Assert.Equal(0, origin.Gets);
    }

    /// <summary>An origin whose reads of some keys wait until released; the others answer at once.</summary>
    private sealed class KeyGatedStore(Func<string, bool> blocked) : DelegatingStore<MemoryStore>(new MemoryStore())
    {
        private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _waiting;

        public int Waiting => Volatile.Read(ref _waiting);

        public void Release() => _open.TrySetResult();

        public override async ValueTask<ReadOnlyMemory<byte>?> GetAsync(StoreKey key, CancellationToken cancellationToken = default)
        {
            if (blocked(key.Value))
            {
                Interlocked.Increment(ref _waiting);
                await _open.Task.WaitAsync(cancellationToken);
            }

            return await Inner.GetAsync(key, cancellationToken);
        }
    }
}
