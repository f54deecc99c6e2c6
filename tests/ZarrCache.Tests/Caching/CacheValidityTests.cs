using ZarrCache.Tests.TestSupport;

namespace ZarrCache.Tests.Caching;

/// <summary>
/// <see cref="CacheValidity"/>: the scope a <see cref="CachedStore"/> reports the expiry of everything it serves into,
/// measured with a manual clock so every bound is a known number of ticks.
/// </summary>
public class CacheValidityTests
{
    private static readonly TimeSpan Ttl = TimeSpan.FromMinutes(10);
    private readonly ManualTimeProvider _clock = new();
    private readonly ProbeStore _origin = new();
    private readonly long _t0;

    public CacheValidityTests()
    {
        _t0 = _clock.GetUtcNow().UtcTicks;
        for (var i = 0; i < 8; i++)
        {
            _origin.Inner.SetAsync($"a/{i}", new byte[] { 10, 11, 12, 13, (byte)i }).AsTask().Wait();
        }
    }

    private CachedStore Store(CacheConfig? config = null) =>
        new(_origin, new LruMemoryCache(1 << 20), config ?? new CacheConfig { ChunkTtl = Ttl }, timeProvider: _clock);

    private static async Task<long> ReadInScopeAsync(Func<Task> read)
    {
        using var validity = CacheValidity.Track();
        await read();
        return validity.ValidUntilUtcTicks;
    }

    [Fact]
    public async Task A_hit_reports_the_expiry_of_the_cached_entry_exactly()
    {
        var store = Store();
        await store.GetAsync("a/0");
        _clock.Advance(TimeSpan.FromSeconds(5));

        var bound = await ReadInScopeAsync(() => store.GetAsync("a/0").AsTask());

        Assert.Equal(_t0 + Ttl.Ticks, bound);
        Assert.Equal(1, _origin.CallsFor("a/0"));
    }

    [Fact]
    public async Task A_memory_hit_inside_a_scope_reports_and_allocates_nothing()
    {
        var store = Store();
        await store.GetAsync("a/0");
        _ = Completed.Result(store.GetAsync("a/0"));
        using var validity = CacheValidity.Track();

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            _ = Completed.Result(store.GetAsync("a/0"));
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(_t0 + Ttl.Ticks, validity.ValidUntilUtcTicks);
    }

    [Fact]
    public async Task A_miss_reports_no_earlier_than_the_reads_start_plus_the_ttl_and_no_later_than_the_cached_expiry()
    {
        var store = Store();
        var gate = new TaskCompletionSource();
        _origin.Gate = gate.Task;

        var read = ReadInScopeAsync(() => store.GetAsync("a/0").AsTask());
        await _origin.ReadEntered.Task.WithTimeout("the read to reach the origin");
        _clock.Advance(TimeSpan.FromSeconds(3)); // the origin read takes 3 s
        gate.SetResult();
        var bound = await read.WithTimeout("the read");

        var entry = await ((IExpiringCache)store.Cache).GetEntryAsync("a/0");
        Assert.Equal(_t0 + TimeSpan.FromSeconds(3).Ticks + Ttl.Ticks, entry!.Value.ExpiresAtUtcTicks);
        Assert.InRange(bound, _t0 + Ttl.Ticks, entry.Value.ExpiresAtUtcTicks);
    }

    [Fact]
    public async Task Without_a_ttl_neither_a_miss_nor_a_hit_bounds_the_scope()
    {
        var store = Store(new CacheConfig());

        var miss = await ReadInScopeAsync(() => store.GetAsync("a/0").AsTask());
        var hit = await ReadInScopeAsync(() => store.GetAsync("a/0").AsTask());

        Assert.Equal((long.MaxValue, long.MaxValue), (miss, hit));
        Assert.Equal(1, _origin.CallsFor("a/0"));
    }

    [Fact]
    public async Task A_key_the_policy_does_not_cache_reports_nothing()
    {
        var store = Store(new CacheConfig { ChunkTtl = Ttl, KeyPolicy = new KeyPolicy { CacheChunks = false } });

        var bound = await ReadInScopeAsync(() => store.GetAsync("a/0").AsTask());

        Assert.Equal(long.MaxValue, bound);
    }

    [Fact]
    public async Task A_range_sliced_from_a_cached_value_reports_the_values_expiry()
    {
        var store = Store();
        await store.GetAsync("a/0");
        _clock.Advance(TimeSpan.FromSeconds(5));

        var single = await ReadInScopeAsync(() => store.GetRangeAsync("a/0", ByteRange.FromOffset(1, 2)).AsTask());
        var several = await ReadInScopeAsync(() => store.GetRangesAsync("a/0", [ByteRange.FromOffset(0, 1), ByteRange.FromOffset(3, 2)]).AsTask());

        Assert.Equal((_t0 + Ttl.Ticks, _t0 + Ttl.Ticks), (single, several));
        Assert.Equal(1, _origin.OriginCalls);
    }

    [Fact]
    public async Task A_cached_range_entry_reports_its_expiry_on_the_miss_and_on_later_hits()
    {
        var store = Store();
        var range = ByteRange.FromOffset(1, 2);

        var miss = await ReadInScopeAsync(() => store.GetRangeAsync("a/1", range).AsTask());
        _clock.Advance(TimeSpan.FromSeconds(5));
        var hit = await ReadInScopeAsync(() => store.GetRangeAsync("a/1", range).AsTask());

        Assert.Equal((_t0 + Ttl.Ticks, _t0 + Ttl.Ticks), (miss, hit));
        Assert.Equal(1, _origin.RangeGets);
    }

    [Fact]
    public async Task GetRangesAsync_reports_the_expiry_of_the_parts_it_read_and_of_the_parts_it_found_cached()
    {
        var store = Store();
        IReadOnlyList<ByteRange> ranges = [ByteRange.FromOffset(0, 1), ByteRange.FromOffset(2, 2)];

        var miss = await ReadInScopeAsync(() => store.GetRangesAsync("a/2", ranges).AsTask());
        _clock.Advance(TimeSpan.FromSeconds(5));
        var hit = await ReadInScopeAsync(() => store.GetRangesAsync("a/2", ranges).AsTask());

        Assert.Equal((_t0 + Ttl.Ticks, _t0 + Ttl.Ticks), (miss, hit));
        Assert.Equal(1, _origin.MultiRangeGets);
    }

    [Fact]
    public async Task A_missing_key_reports_when_its_negative_mark_expires_when_remembered_and_when_answered_from_it()
    {
        var negativeTtl = TimeSpan.FromMinutes(2);
        var store = Store(new CacheConfig { ChunkTtl = Ttl, NegativeCacheTtl = negativeTtl });

        var remembered = await ReadInScopeAsync(() => store.GetAsync("a/9").AsTask());
        _clock.Advance(TimeSpan.FromSeconds(30));
        var answered = await ReadInScopeAsync(() => store.GetAsync("a/9").AsTask());
        var rangeAnswered = await ReadInScopeAsync(() => store.GetRangeAsync("a/9", ByteRange.FromOffset(0, 1)).AsTask());

        Assert.Equal(_t0 + negativeTtl.Ticks, remembered);
        Assert.Equal((_t0 + negativeTtl.Ticks, _t0 + negativeTtl.Ticks), (answered, rangeAnswered));
        Assert.Equal(1, _origin.OriginCalls);
    }

    [Fact]
    public async Task A_missing_key_remembered_on_disk_reports_the_markers_expiry_to_a_new_store()
    {
        using var folder = new TempDirectory();
        var config = new CacheConfig { DiskCacheDir = folder.Path, NegativeCacheTtl = TimeSpan.FromMinutes(2) };
        await using (var first = new CachedStore(_origin, config, timeProvider: _clock))
        {
            await first.GetAsync("a/.zattrs");
        }

        _clock.Advance(TimeSpan.FromSeconds(30));
        await using var second = new CachedStore(_origin, config, timeProvider: _clock);
        var bound = await ReadInScopeAsync(() => second.GetAsync("a/.zattrs").AsTask());

        Assert.Equal(_t0 + TimeSpan.FromMinutes(2).Ticks, bound);
        Assert.Equal(1, _origin.CallsFor("a/.zattrs"));
    }

    [Fact]
    public async Task A_missing_answer_that_is_not_remembered_reports_now()
    {
        var store = Store(new CacheConfig { ChunkTtl = Ttl, KeyPolicy = new KeyPolicy { CacheMissingChunks = false } });
        _clock.Advance(TimeSpan.FromSeconds(7));

        var bound = await ReadInScopeAsync(() => store.GetAsync("a/9").AsTask());

        Assert.Equal(_t0 + TimeSpan.FromSeconds(7).Ticks, bound);
    }

    [Fact]
    public async Task A_stale_value_served_on_an_origin_error_reports_now()
    {
        var store = Store(new CacheConfig { ChunkTtl = TimeSpan.FromMinutes(1), StaleIfError = TimeSpan.FromMinutes(10) });
        await store.GetAsync("a/0");
        _clock.Advance(TimeSpan.FromMinutes(2));
        _origin.FailNext = new StoreException("a/0", "the origin is down");

        var bound = await ReadInScopeAsync(async () => Assert.NotNull(await store.GetAsync("a/0")));

        Assert.Equal(_t0 + TimeSpan.FromMinutes(2).Ticks, bound);
        Assert.Equal(1, store.CacheStats.StaleServed);
    }

    [Fact]
    public async Task A_revalidation_that_finds_the_value_unchanged_reports_the_new_expiry()
    {
        var origin = new FakeVersionedStore();
        origin.Put("a/0", [1, 2, 3]);
        var store = new CachedStore(origin, new LruMemoryCache(1 << 20), new CacheConfig { ChunkTtl = TimeSpan.FromMinutes(1) }, timeProvider: _clock);
        await store.GetAsync("a/0");
        _clock.Advance(TimeSpan.FromMinutes(2));

        var bound = await ReadInScopeAsync(() => store.GetAsync("a/0").AsTask());

        Assert.Equal(1, origin.NotModified);
        Assert.Equal(_t0 + TimeSpan.FromMinutes(3).Ticks, bound);
    }

    [Fact]
    public async Task Every_caller_of_a_coalesced_miss_gets_the_bound_in_its_own_scope()
    {
        var store = Store();
        var gate = new TaskCompletionSource();
        _origin.Gate = gate.Task;

        var first = ReadInScopeAsync(() => store.GetAsync("a/3").AsTask());
        await _origin.ReadEntered.Task.WithTimeout("the first read to reach the origin");
        var second = ReadInScopeAsync(() => store.GetAsync("a/3").AsTask());
        gate.SetResult();

        Assert.Equal(_t0 + Ttl.Ticks, await first.WithTimeout("the first read"));
        Assert.Equal(_t0 + Ttl.Ticks, await second.WithTimeout("the second read"));
        Assert.Equal(1, _origin.CallsFor("a/3"));
    }

    [Fact]
    public async Task An_inner_scopes_bound_reaches_the_outer_scope_when_it_is_disposed()
    {
        var store = Store();
        await store.GetAsync("a/0");
        _clock.Advance(TimeSpan.FromMinutes(1));
        await store.GetAsync("a/1"); // expires a minute later than a/0

        using var outer = CacheValidity.Track();
        await store.GetAsync("a/1");
        using (var inner = CacheValidity.Track())
        {
            await store.GetAsync("a/0");
            Assert.Equal(_t0 + Ttl.Ticks, inner.ValidUntilUtcTicks);
            Assert.Equal(_t0 + TimeSpan.FromMinutes(1).Ticks + Ttl.Ticks, outer.ValidUntilUtcTicks);
        }

        Assert.Equal(_t0 + Ttl.Ticks, outer.ValidUntilUtcTicks);
        CacheValidity.Report(_t0 + 1); // the outer scope is in force again
        Assert.Equal(_t0 + 1, outer.ValidUntilUtcTicks);
    }

    [Fact]
    public async Task Without_a_scope_reports_are_harmless_and_do_not_reach_a_later_scope()
    {
        var store = Store();
        await store.GetAsync("a/0");
        await store.GetAsync("a/0");
        CacheValidity.Report(_t0);

        using var later = CacheValidity.Track();
        Assert.Equal(long.MaxValue, later.ValidUntilUtcTicks);
    }

    [Fact]
    public async Task Parallel_reads_in_one_scope_leave_the_earliest_expiry()
    {
        var store = Store();
        for (var i = 7; i >= 0; i--)
        {
            await store.GetAsync($"a/{i}"); // a/7 cached first, so it expires first
            _clock.Advance(TimeSpan.FromSeconds(1));
        }

        var bound = await ReadInScopeAsync(() => Task.WhenAll(
            Enumerable.Range(0, 64).Select(i => Task.Run(async () => await store.GetAsync($"a/{i % 8}")))));

        Assert.Equal(_t0 + Ttl.Ticks, bound);
        Assert.Equal(8, _origin.Gets);
    }

    [Fact]
    public void Concurrent_reports_into_one_scope_keep_the_minimum()
    {
        using var scope = CacheValidity.Track();

        Parallel.For(0, 10_000, i => CacheValidity.Report(1_000_000 - ((i * 7919L) % 10_000)));

        Assert.Equal(1_000_000 - 9_999, scope.ValidUntilUtcTicks);
    }
}
