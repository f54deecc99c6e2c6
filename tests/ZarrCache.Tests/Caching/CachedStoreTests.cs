using ZarrCache.Tests.TestSupport;

namespace ZarrCache.Tests.Caching;

public class CachedStoreTests
{
    private static readonly byte[] Chunk = Enumerable.Range(0, 100).Select(i => (byte)i).ToArray();

    private static async Task<(ProbeStore Origin, CachedStore Store)> CreateAsync(CacheConfig? config = null, TimeProvider? time = null)
    {
        var origin = new ProbeStore();
        await origin.Inner.SetAsync("a/c/0/0", Chunk);
        await origin.Inner.SetAsync("a/zarr.json", "{}"u8.ToArray());
        return (origin, CachedStore.Create(origin, new LruMemoryCache(1 << 20), config, timeProvider: time));
    }

    [Fact]
    public async Task A_miss_reads_the_origin_once_and_the_next_read_is_a_hit()
    {
        var (origin, store) = await CreateAsync();

        var first = await store.GetAsync("a/c/0/0");
        var second = await store.GetAsync("a/c/0/0");

        Assert.Equal(Chunk, first!.Value.ToArray());
        Assert.Equal(Chunk, second!.Value.ToArray());
        Assert.Equal(1, origin.Gets);
        var stats = store.CacheStats;
        Assert.Equal(1, stats.Hits);
        Assert.Equal(1, stats.Misses);
        Assert.Equal(1, stats.OriginReads);
        Assert.Equal(100, stats.OriginBytes);
        Assert.Equal(100, stats.BytesServed);
        Assert.Equal(0.5, stats.HitRatio);
        Assert.Equal(1, stats.Entries);
        Assert.Equal(100, stats.BytesHeld);
    }

    [Fact]
    public async Task A_memory_hit_through_the_store_allocates_nothing()
    {
        var (_, store) = await CreateAsync();
        await store.GetAsync("a/c/0/0");
        Assert.Equal(0, Allocations.OfRepeatedReads(store, "a/c/0/0"));
    }

    [Fact]
    public async Task Sixty_four_concurrent_misses_of_one_key_cause_exactly_one_origin_read()
    {
        var (origin, store) = await CreateAsync();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        origin.Gate = gate.Task;

        var readers = Enumerable.Range(0, 64).Select(_ => Task.Run(async () => await store.GetAsync("a/c/0/0"))).ToArray();
        await origin.ReadEntered.Task.WithTimeout("the first reader to reach the origin");
        await Bounded.UntilAsync(
            () => store.CacheStats.CoalescedWaits + 1 >= 64,
            "every one of the 64 readers to join the one read in flight",
            () => $"{store.CacheStats.CoalescedWaits} coalesced waits, {origin.Gets} origin reads");

        gate.SetResult();
        var results = await Task.WhenAll(readers).WithTimeout("the 64 readers to finish after the gate opened");

        Assert.Equal(1, origin.Gets);
        Assert.All(results, r => Assert.Equal(Chunk, r!.Value.ToArray()));
        Assert.Equal(63, store.CacheStats.CoalescedWaits);
    }

    [Fact]
    public async Task A_failed_origin_read_is_not_cached_and_the_next_read_tries_again()
    {
        var (origin, store) = await CreateAsync();
        origin.FailNext = new IOException("connection reset");

        var e = await Assert.ThrowsAsync<IOException>(async () => await store.GetAsync("a/c/0/0"));
        Assert.Equal("connection reset", e.Message);
        Assert.Null(await store.GetCachedAsync("a/c/0/0"));

        var value = await store.GetAsync("a/c/0/0");

        Assert.Equal(Chunk, value!.Value.ToArray());
        Assert.Equal(2, origin.Gets);
    }

    [Fact]
    public async Task Cancelling_one_waiter_does_not_cancel_the_read_for_the_others()
    {
        var (origin, store) = await CreateAsync();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        origin.Gate = gate.Task;
        using var cancel = new CancellationTokenSource();

        var impatient = store.GetAsync("a/c/0/0", cancel.Token).AsTask();
        await origin.ReadEntered.Task.WithTimeout("the first read to reach the origin");
        var patient = store.GetAsync("a/c/0/0").AsTask();
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => impatient.WithTimeout("the cancelled read to end"));
        gate.SetResult();
        var value = await patient.WithTimeout("the patient read to finish after the gate opened");

        Assert.Equal(Chunk, value!.Value.ToArray());
        Assert.False(origin.ReadWasCancelled);
        Assert.Equal(1, origin.Gets);
        Assert.NotNull(await store.GetCachedAsync("a/c/0/0"));
    }

    [Fact]
    public async Task When_every_waiter_cancels_the_read_is_cancelled_nothing_is_cached_and_the_next_read_tries_again()
    {
        var (origin, store) = await CreateAsync();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        origin.Gate = gate.Task;
        using var cancel = new CancellationTokenSource();

        var read = store.GetAsync("a/c/0/0", cancel.Token).AsTask();
        await origin.ReadEntered.Task.WithTimeout("the read to reach the origin");
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => read.WithTimeout("the cancelled read to end"));

        await Bounded.UntilAsync(() => origin.ReadWasCancelled, "the origin read to observe its cancellation");
        Assert.Null(await store.GetCachedAsync("a/c/0/0"));
        origin.Gate = null;
        var value = await store.GetAsync("a/c/0/0");
        Assert.Equal(Chunk, value!.Value.ToArray());
        Assert.Equal(2, origin.Gets);
    }

    [Fact]
    public async Task A_missing_chunk_costs_one_origin_request_until_its_negative_entry_expires()
    {
        var time = new ManualTimeProvider();
        var (origin, store) = await CreateAsync(new CacheConfig { NegativeCacheTtl = TimeSpan.FromMinutes(1) }, time);

        for (var i = 0; i < 5; i++)
        {
            Assert.Null(await store.GetAsync("a/c/9/9"));
            Assert.Null(await store.GetRangeAsync("a/c/9/9", ByteRange.FromOffset(0, 4)));
        }

        Assert.Equal(1, origin.CallsFor("a/c/9/9"));
        Assert.Equal(9, store.CacheStats.NegativeHits);
        Assert.Equal(1, store.CacheStats.NegativeEntries);

        time.Advance(TimeSpan.FromMinutes(2));
        Assert.Null(await store.GetAsync("a/c/9/9"));
        Assert.Equal(2, origin.CallsFor("a/c/9/9"));
    }

    [Fact]
    public async Task A_missing_metadata_key_is_remembered_by_default_and_can_be_switched_off()
    {
        var (origin, store) = await CreateAsync();
        Assert.Null(await store.GetAsync("a/.zattrs"));
        Assert.Null(await store.GetAsync("a/.zattrs"));
        Assert.Equal(1, origin.CallsFor("a/.zattrs"));

        var (plainOrigin, plain) = await CreateAsync(new CacheConfig { KeyPolicy = KeyPolicy.Default with { CacheMissingMetadata = false } });
        Assert.Null(await plain.GetAsync("a/.zarray"));
        Assert.Null(await plain.GetAsync("a/.zarray"));
        Assert.Equal(2, plainOrigin.CallsFor("a/.zarray"));
    }

    [Fact]
    public async Task A_write_through_the_store_clears_the_missing_mark()
    {
        var origin = new MemoryStore();
        var store = CachedStore.Create(origin, new LruMemoryCache(1 << 20));
        Assert.Null(await store.GetAsync("a/c/1"));

        await store.SetAsync("a/c/1", new byte[] { 5 });

        Assert.Equal(new byte[] { 5 }, (await store.GetAsync("a/c/1"))!.Value.ToArray());
    }

    [Fact]
    public async Task A_range_is_cached_and_read_from_the_origin_once()
    {
        var (origin, store) = await CreateAsync();

        var first = await store.GetRangeAsync("a/c/0/0", ByteRange.FromOffset(10, 5));
        var second = await store.GetRangeAsync("a/c/0/0", ByteRange.FromOffset(10, 5));
        var suffix = await store.GetRangeAsync("a/c/0/0", ByteRange.Suffix(3));
        var suffixAgain = await store.GetRangeAsync("a/c/0/0", ByteRange.Suffix(3));

        Assert.Equal(new byte[] { 10, 11, 12, 13, 14 }, first!.Value.ToArray());
        Assert.Equal(first.Value.ToArray(), second!.Value.ToArray());
        Assert.Equal(new byte[] { 97, 98, 99 }, suffix!.Value.ToArray());
        Assert.Equal(suffix.Value.ToArray(), suffixAgain!.Value.ToArray());
        Assert.Equal(2, origin.RangeGets);
        Assert.Equal(0, origin.Gets);
    }

    [Fact]
    public async Task Ranges_of_a_value_cached_whole_are_served_from_it()
    {
        var (origin, store) = await CreateAsync();
        await store.GetAsync("a/c/0/0");

        var range = await store.GetRangeAsync("a/c/0/0", ByteRange.FromOffset(98));
        var ranges = await store.GetRangesAsync("a/c/0/0", [ByteRange.FromOffset(0, 2), ByteRange.Suffix(1), ByteRange.FromOffset(500, 10)]);

        Assert.Equal(new byte[] { 98, 99 }, range!.Value.ToArray());
        Assert.Equal(new byte[] { 0, 1 }, ranges![0].ToArray());
        Assert.Equal(new byte[] { 99 }, ranges[1].ToArray());
        Assert.Equal(0, ranges[2].Length);
        Assert.Equal(1, origin.OriginCalls);
    }

    [Fact]
    public async Task Several_ranges_read_the_missing_ones_in_one_origin_call_and_cache_them()
    {
        var (origin, store) = await CreateAsync();
        await store.GetRangeAsync("a/c/0/0", ByteRange.FromOffset(0, 2));

        var ranges = await store.GetRangesAsync("a/c/0/0", [ByteRange.FromOffset(0, 2), ByteRange.FromOffset(4, 2), ByteRange.FromOffset(8, 2)]);
        var again = await store.GetRangesAsync("a/c/0/0", [ByteRange.FromOffset(4, 2), ByteRange.FromOffset(8, 2)]);

        Assert.Equal(new byte[] { 0, 1 }, ranges![0].ToArray());
        Assert.Equal(new byte[] { 4, 5 }, ranges[1].ToArray());
        Assert.Equal(new byte[] { 8, 9 }, ranges[2].ToArray());
        Assert.Equal(new byte[] { 8, 9 }, again![1].ToArray());
        Assert.Equal(1, origin.RangeGets);
        Assert.Equal(1, origin.MultiRangeGets);
    }

    [Fact]
    public async Task Invalidating_a_key_drops_its_cached_ranges()
    {
        var origin = new MemoryStore();
        await origin.SetAsync("a/c/0", new byte[] { 1, 2, 3, 4 });
        var store = CachedStore.Create(origin, new LruMemoryCache(1 << 20));
        Assert.Equal(new byte[] { 3, 4 }, (await store.GetRangeAsync("a/c/0", ByteRange.Suffix(2)))!.Value.ToArray());
        var sizeWithRange = store.Cache.Size;

        await store.SetAsync("a/c/0", new byte[] { 9, 8, 7, 6, 5 });

        Assert.Equal(new byte[] { 6, 5 }, (await store.GetRangeAsync("a/c/0", ByteRange.Suffix(2)))!.Value.ToArray());
        Assert.Equal(2, sizeWithRange);
        await store.RemoveCachedAsync("a/c/0");
        Assert.Equal(0, store.Cache.Size);
    }

    [Fact]
    public async Task The_default_policy_does_not_cache_zgroup()
    {
        var origin = new ProbeStore();
        await origin.Inner.SetAsync("g/.zgroup", "{}"u8.ToArray());
        var store = CachedStore.Create(origin, new LruMemoryCache(1024));

        await store.GetAsync("g/.zgroup");
        await store.GetAsync("g/.zgroup");

        Assert.Equal(2, origin.Gets);
        Assert.Equal(0, store.Cache.Size);
    }

    [Fact]
    public async Task A_user_predicate_keeps_keys_out_of_the_cache()
    {
        var policy = KeyPolicy.Default with { Predicate = (key, kind) => !key.Value.StartsWith("volatile/", StringComparison.Ordinal) };
        var origin = new ProbeStore();
        await origin.Inner.SetAsync("volatile/c/0", new byte[] { 1 });
        await origin.Inner.SetAsync("stable/c/0", new byte[] { 1 });
        var store = CachedStore.Create(origin, new LruMemoryCache(1024), new CacheConfig { KeyPolicy = policy });

        for (var i = 0; i < 3; i++)
        {
            await store.GetAsync("volatile/c/0");
            await store.GetAsync("stable/c/0");
        }

        Assert.Equal(3, origin.CallsFor("volatile/c/0"));
        Assert.Equal(1, origin.CallsFor("stable/c/0"));
    }

    [Fact]
    public async Task A_write_updates_the_cache_by_default()
    {
        var origin = new MemoryStore();
        var store = CachedStore.Create(origin, new LruMemoryCache(1024));
        await store.GetAsync("a/c/0");

        await store.SetAsync("a/c/0", new byte[] { 7 });

        Assert.Equal(new byte[] { 7 }, (await store.GetCachedAsync("a/c/0"))!.Value.ToArray());
        Assert.Equal(new byte[] { 7 }, (await origin.GetAsync("a/c/0"))!.Value.ToArray());
    }

    [Fact]
    public async Task A_write_with_the_invalidate_policy_drops_the_cached_value()
    {
        var origin = new MemoryStore();
        await origin.SetAsync("a/c/0", new byte[] { 1 });
        var store = CachedStore.Create(origin, new LruMemoryCache(1024), new CacheConfig { WritePolicy = WritePolicy.Invalidate });
        await store.GetAsync("a/c/0");

        await store.SetAsync("a/c/0", new byte[] { 2 });

        Assert.Null(await store.GetCachedAsync("a/c/0"));
        Assert.Equal(new byte[] { 2 }, (await store.GetAsync("a/c/0"))!.Value.ToArray());
    }

    [Fact]
    public async Task Delete_and_delete_prefix_invalidate()
    {
        var origin = new MemoryStore();
        await origin.SetAsync("a/c/0", new byte[] { 1 });
        await origin.SetAsync("a/c/1", new byte[] { 2 });
        await origin.SetAsync("b/c/0", new byte[] { 3 });
        var store = CachedStore.Create(origin, new LruMemoryCache(1024));
        foreach (var key in new[] { "a/c/0", "a/c/1", "b/c/0" })
        {
            await store.GetAsync(key);
            await store.GetRangeAsync(key, ByteRange.Suffix(1));
        }

        await store.DeleteAsync("b/c/0");
        await store.DeletePrefixAsync("a/");

        Assert.Null(await store.GetAsync("a/c/0"));
        Assert.Null(await store.GetAsync("a/c/1"));
        Assert.Null(await store.GetRangeAsync("b/c/0", ByteRange.Suffix(1)));
        Assert.Equal(0, store.Cache.Size);
    }

    [Fact]
    public async Task A_write_that_races_a_read_in_flight_never_leaves_the_old_value_cached()
    {
        var (origin, store) = await CreateAsync();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        origin.Gate = gate.Task;
        var staleRead = store.GetAsync("a/c/0/0").AsTask();
        await origin.ReadEntered.Task.WithTimeout("the read to reach the origin");

        await origin.Inner.SetAsync("a/c/0/0", new byte[] { 42 });
        await store.RemoveCachedAsync("a/c/0/0"); // What a write through the store does after the origin write.
        gate.SetResult();
        await staleRead.WithTimeout("the read in flight to finish after the gate opened");
        origin.Gate = null;

        Assert.Null(await store.GetCachedAsync("a/c/0/0"));
        Assert.Equal(new byte[] { 42 }, (await store.GetAsync("a/c/0/0"))!.Value.ToArray());
    }

    [Fact]
    public async Task A_slow_write_overtaken_by_a_later_write_never_leaves_its_value_cached()
    {
        // Write A reaches the origin, then stalls; write B starts after it. Without per-key ordering B would reach the
        // origin and finish first (nothing in this origin or the memory cache awaits anything), and A's late cache
        // update would leave A cached while the origin holds B. The origin logs each write's start and end, so the
        // order is checked, not hoped for.
        var origin = new StallingWriteStore();
        var store = CachedStore.Create(origin, new LruMemoryCache(1 << 20));
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        origin.StallAfterStoring = gate.Task;

        var writeA = store.SetAsync("a/c/0", new byte[] { 0xA }).AsTask();
        await origin.Stalled.Task.WithTimeout("write A to reach the origin and stall");
        origin.StallAfterStoring = null;
        var writeB = store.SetAsync("a/c/0", new byte[] { 0xB }).AsTask();

        // Had B overtaken A it would be at the origin by now, or done: the store must be holding it back instead.
        Assert.Equal(["store 0A"], origin.Events);
        Assert.False(writeB.IsCompleted, "write B finished while write A was still at the origin");
        gate.SetResult();
        await Task.WhenAll(writeA, writeB).WithTimeout("both writes to finish after the gate opened");

        Assert.Equal(["store 0A", "return 0A", "store 0B", "return 0B"], origin.Events);
        Assert.Equal(new byte[] { 0xB }, (await origin.GetAsync("a/c/0"))!.Value.ToArray());
        Assert.Equal(new byte[] { 0xB }, (await store.GetCachedAsync("a/c/0"))!.Value.ToArray());
    }

    private sealed class StallingWriteStore : IStore
    {
        private readonly MemoryStore _inner = new();
        private readonly List<string> _events = [];

        public Task? StallAfterStoring { get; set; }

        public TaskCompletionSource Stalled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>"store XX" when a write reached the origin, "return XX" when it returned (XX: its first byte).</summary>
        public IReadOnlyList<string> Events
        {
            get
            {
                lock (_events)
                {
                    return [.. _events];
                }
            }
        }

        public async ValueTask SetAsync(StoreKey key, ReadOnlyMemory<byte> value, CancellationToken cancellationToken = default)
        {
            var stall = StallAfterStoring;
            var name = value.Span[0].ToString("X2", System.Globalization.CultureInfo.InvariantCulture);
            Log("store " + name);
            await _inner.SetAsync(key, value, cancellationToken);
            if (stall is not null)
            {
                Stalled.TrySetResult();
                await stall;
            }

            Log("return " + name);
        }

        private void Log(string entry)
        {
            lock (_events)
            {
                _events.Add(entry);
            }
        }

        public ValueTask<ReadOnlyMemory<byte>?> GetAsync(StoreKey key, CancellationToken cancellationToken = default) => _inner.GetAsync(key, cancellationToken);

        public ValueTask<ReadOnlyMemory<byte>?> GetRangeAsync(StoreKey key, ByteRange range, CancellationToken cancellationToken = default) => _inner.GetRangeAsync(key, range, cancellationToken);

        public ValueTask<IReadOnlyList<ReadOnlyMemory<byte>>?> GetRangesAsync(StoreKey key, IReadOnlyList<ByteRange> ranges, CancellationToken cancellationToken = default) => _inner.GetRangesAsync(key, ranges, cancellationToken);

        public ValueTask<long?> GetSizeAsync(StoreKey key, CancellationToken cancellationToken = default) => _inner.GetSizeAsync(key, cancellationToken);

        public IAsyncEnumerable<StoreKey> ListAsync(StorePrefix prefix, CancellationToken cancellationToken = default) => _inner.ListAsync(prefix, cancellationToken);

        public IAsyncEnumerable<StoreEntry> ListDirAsync(StorePrefix prefix, CancellationToken cancellationToken = default) => _inner.ListDirAsync(prefix, cancellationToken);

        public ValueTask DeleteAsync(StoreKey key, CancellationToken cancellationToken = default) => _inner.DeleteAsync(key, cancellationToken);

        public ValueTask DeletePrefixAsync(StorePrefix prefix, CancellationToken cancellationToken = default) => _inner.DeletePrefixAsync(prefix, cancellationToken);
    }

    [Fact]
    public async Task The_explicit_cache_methods_never_touch_the_origin()
    {
        var (origin, store) = await CreateAsync();

        Assert.Null(await store.GetCachedAsync("a/c/0/0"));
        await store.SetCachedAsync("a/c/5/5", new byte[] { 1, 2 });
        Assert.Equal(new byte[] { 1, 2 }, (await store.GetCachedAsync("a/c/5/5"))!.Value.ToArray());
        Assert.Equal(new byte[] { 1, 2 }, (await store.GetAsync("a/c/5/5"))!.Value.ToArray());
        await store.RemoveCachedAsync("a/c/5/5");
        Assert.Null(await store.GetCachedAsync("a/c/5/5"));
        await store.GetAsync("a/c/0/0");
        await store.ClearCacheAsync();
        Assert.Null(await store.GetCachedAsync("a/c/0/0"));

        Assert.Equal(1, origin.Gets);
        Assert.Equal(1, origin.CallsFor("a/c/0/0"));
    }

    [Fact]
    public async Task Listing_and_writing_need_an_origin_that_can_do_them()
    {
        var (_, store) = await CreateAsync();

        // Over an origin that only reads, the cached store does not claim to list or write (no NotSupportedException at run time).
        Assert.False(store.IsListable);
        Assert.False(store.IsWritable);
        Assert.IsNotAssignableFrom<IListableStore>(store);
        Assert.IsNotAssignableFrom<IWritableStore>(store);
        var list = Assert.Throws<NotSupportedException>(() => StoreCapabilities.RequireListable(store));
        Assert.Contains("cannot list", list.Message, StringComparison.Ordinal);

        // Over an origin that lists and writes, it does both, and says so in its type.
        var full = CachedStore.Create(new MemoryStore(), new LruMemoryCache(1024));
        Assert.True(full.IsListable);
        Assert.True(full.IsWritable);
        Assert.IsAssignableFrom<IStore>(full);
    }

    [Fact]
    public async Task Listing_passes_through_to_a_listable_origin()
    {
        var origin = new MemoryStore();
        await origin.SetAsync("a/c/0", new byte[1]);
        await origin.SetAsync("a/zarr.json", new byte[1]);
        var store = CachedStore.Create(origin, new LruMemoryCache(1024));

        var keys = new List<string>();
        await foreach (var key in store.ListAsync("a/"))
        {
            keys.Add(key.Value);
        }

        keys.Sort(StringComparer.Ordinal);
        Assert.Equal(new[] { "a/c/0", "a/zarr.json" }, keys);
    }

    [Fact]
    public async Task The_size_of_a_cached_value_comes_from_the_cache()
    {
        var (origin, store) = await CreateAsync();
        await store.GetAsync("a/c/0/0");

        Assert.Equal(100, await store.GetSizeAsync("a/c/0/0"));
        Assert.Equal(0, origin.SizeGets);
        Assert.Null(await store.GetSizeAsync("a/c/7/7"));
    }

    [Fact]
    public async Task A_bad_config_is_rejected_when_the_store_is_built()
    {
        var e = Assert.Throws<CacheConfigException>(() => CachedStore.Create(new MemoryStore(), new CacheConfig { MaxMemorySize = -1 }));
        Assert.Equal("MaxMemorySize", e.FieldName);
        await Task.CompletedTask;
    }
}
