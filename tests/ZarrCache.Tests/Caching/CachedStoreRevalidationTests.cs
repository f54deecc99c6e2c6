using ZarrCache.Tests.TestSupport;

namespace ZarrCache.Tests.Caching;

/// <summary>
/// Revalidation in <see cref="CachedStore"/> over an <see cref="IVersionedStore"/>: ETags kept with entries, expired
/// entries revalidated with a conditional read, stale-if-error, with a manual clock.
/// </summary>
public class CachedStoreRevalidationTests : IDisposable
{
    private const string Key = "g/a/0.0";
    private static readonly byte[] First = [1, 2, 3, 4];
    private static readonly byte[] Second = [9, 8, 7];
    private readonly ManualTimeProvider _clock = new();
    private readonly FakeVersionedStore _origin = new();
    private readonly TempDirectory _dir = new();

    public CachedStoreRevalidationTests() => _origin.Put(Key, First);

    public static TheoryData<string> CacheKinds => ["lru", "s3fifo", "compressed-memory", "tiered", "disk"];

    public void Dispose()
    {
        _dir.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task Whole_values_are_read_with_their_version_and_cached_with_the_etag()
    {
        var store = Store(new CacheConfig { Ttl = TimeSpan.FromMinutes(10) });
        await store.GetAsync(Key);
        await store.GetAsync(Key);

        Assert.Equal((1, 0), (_origin.VersionedReads, _origin.PlainReads));
        var entry = await ((IExpiringCache)store.Cache).GetEntryAsync(Key);
        Assert.Equal("\"v1\"", entry!.Value.ETag);
    }

    [Theory]
    [MemberData(nameof(CacheKinds))]
    public async Task An_expired_entry_the_origin_calls_unchanged_is_refreshed_and_served_without_a_download(string kind)
    {
        var store = Store(kind, TimeSpan.FromMinutes(10));
        await store.GetAsync(Key);
        var sentBefore = _origin.BytesSent;

        _clock.Advance(TimeSpan.FromMinutes(11));
        var value = await store.GetAsync(Key);

        Assert.Equal(First, value!.Value.ToArray());
        Assert.Equal((1, 1), (_origin.ConditionalReads, _origin.NotModified));
        Assert.Equal(sentBefore, _origin.BytesSent);
        Assert.Equal(1, store.CacheStats.Revalidated);

        // The refresh set a new expiry: the next read within it asks nothing.
        _clock.Advance(TimeSpan.FromMinutes(9));
        Assert.Equal(First, (await store.GetAsync(Key))!.Value.ToArray());
        Assert.Equal(1, _origin.ConditionalReads);
    }

    [Fact]
    public async Task A_new_process_over_the_disk_folder_revalidates_with_the_etag_stored_on_disk()
    {
        var config = new CacheConfig { DiskCacheDir = _dir.Path, Ttl = TimeSpan.FromMinutes(10) };
        await new CachedStore(_origin, config, timeProvider: _clock).GetAsync(Key);

        _clock.Advance(TimeSpan.FromMinutes(11));
        var later = new CachedStore(_origin, config, timeProvider: _clock);
        Assert.Equal(First, (await later.GetAsync(Key))!.Value.ToArray());

        Assert.Equal((1, 1, 0), (_origin.VersionedReads, _origin.NotModified, _origin.PlainReads));
        Assert.Equal(1, later.CacheStats.Revalidated);
    }

    [Fact]
    public async Task A_changed_value_replaces_the_expired_entry_and_carries_its_new_etag()
    {
        var store = Store(new CacheConfig { Ttl = TimeSpan.FromMinutes(10) });
        await store.GetAsync(Key);
        _origin.Put(Key, Second);

        _clock.Advance(TimeSpan.FromMinutes(11));
        Assert.Equal(Second, (await store.GetAsync(Key))!.Value.ToArray());
        Assert.Equal(0, store.CacheStats.Revalidated);

        _clock.Advance(TimeSpan.FromMinutes(11));
        Assert.Equal(Second, (await store.GetAsync(Key))!.Value.ToArray());
        Assert.Equal((2, 1), (_origin.ConditionalReads, _origin.NotModified));
        Assert.Equal(1, store.CacheStats.Revalidated);
    }

    [Fact]
    public async Task A_key_gone_from_the_origin_is_dropped_and_read_as_missing()
    {
        var store = Store(new CacheConfig { Ttl = TimeSpan.FromMinutes(10) });
        await store.GetAsync(Key);
        _origin.Delete(Key);

        _clock.Advance(TimeSpan.FromMinutes(11));
        Assert.Null(await store.GetAsync(Key));
        Assert.Null(await ((IExpiringCache)store.Cache).GetEntryAsync(Key));
        Assert.Equal(0, store.CacheStats.Revalidated);
    }

    [Theory]
    [MemberData(nameof(CacheKinds))]
    public async Task An_origin_failure_serves_the_stale_value_within_stale_if_error_and_counts_it(string kind)
    {
        var store = Store(kind, new CacheConfig { Ttl = TimeSpan.FromMinutes(10), StaleIfError = TimeSpan.FromMinutes(5) });
        await store.GetAsync(Key);
        _origin.Failure = new StoreException("origin down");

        _clock.Advance(TimeSpan.FromMinutes(14));
        Assert.Equal(First, (await store.GetAsync(Key))!.Value.ToArray());
        Assert.Equal(1, store.CacheStats.StaleServed);

        _clock.Advance(TimeSpan.FromMinutes(2));
        await Assert.ThrowsAsync<StoreException>(async () => await store.GetAsync(Key));
        Assert.Equal(1, store.CacheStats.StaleServed);
    }

    [Theory]
    [InlineData(14, true)]
    [InlineData(16, false)]
    public async Task A_new_process_over_the_disk_folder_serves_a_stale_entry_only_within_stale_if_error(int minutesLater, bool served)
    {
        // The first process fills the disk tier; the second starts with an empty memory tier, so only the disk entry
        // (and the expiry stored with it) can answer while the origin fails.
        var config = new CacheConfig { DiskCacheDir = _dir.Path, Ttl = TimeSpan.FromMinutes(10), StaleIfError = TimeSpan.FromMinutes(5) };
        await new CachedStore(_origin, config, timeProvider: _clock).GetAsync(Key);
        _origin.Failure = new StoreException("origin down");

        _clock.Advance(TimeSpan.FromMinutes(minutesLater));
        var later = new CachedStore(_origin, config, timeProvider: _clock);
        if (served)
        {
            Assert.Equal(First, (await later.GetAsync(Key))!.Value.ToArray());
            Assert.Equal(1, later.CacheStats.StaleServed);
        }
        else
        {
            await Assert.ThrowsAsync<StoreException>(async () => await later.GetAsync(Key));
            Assert.Equal(0, later.CacheStats.StaleServed);
        }
    }

    [Fact]
    public async Task Without_stale_if_error_an_origin_failure_on_an_expired_entry_is_thrown()
    {
        var store = Store(new CacheConfig { Ttl = TimeSpan.FromMinutes(10) });
        await store.GetAsync(Key);
        _origin.Failure = new StoreException("origin down");

        _clock.Advance(TimeSpan.FromMinutes(11));
        await Assert.ThrowsAsync<StoreException>(async () => await store.GetAsync(Key));
        Assert.Equal(0, store.CacheStats.StaleServed);
    }

    [Fact]
    public async Task The_callers_own_cancellation_is_not_answered_with_a_stale_value()
    {
        var store = Store(new CacheConfig { Ttl = TimeSpan.FromMinutes(10), StaleIfError = TimeSpan.FromHours(1) });
        await store.GetAsync(Key);
        _origin.Gate = new TaskCompletionSource().Task;

        _clock.Advance(TimeSpan.FromMinutes(11));
        using var cts = new CancellationTokenSource();
        var read = store.GetAsync(Key, cts.Token).AsTask();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => read.WithTimeout("the cancelled read to end"));
        Assert.Equal(0, store.CacheStats.StaleServed);
    }

    [Fact]
    public async Task Concurrent_reads_of_one_expired_key_make_one_conditional_request()
    {
        var store = Store(new CacheConfig { Ttl = TimeSpan.FromMinutes(10) });
        await store.GetAsync(Key);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _origin.Gate = gate.Task;

        _clock.Advance(TimeSpan.FromMinutes(11));
        var reads = Enumerable.Range(0, 8).Select(_ => store.GetAsync(Key).AsTask()).ToList();
        gate.SetResult();
        var values = await Task.WhenAll(reads).WithTimeout("the 8 reads to finish after the gate opened");

        Assert.All(values, v => Assert.Equal(First, v!.Value.ToArray()));
        Assert.Equal(1, _origin.ConditionalReads);
        Assert.Equal(1, store.CacheStats.Revalidated);
    }

    [Fact]
    public async Task An_entry_without_an_etag_is_read_again_in_full_as_before()
    {
        var plain = new MemoryStore();
        await plain.SetAsync(Key, First);
        var store = new CachedStore(plain, new S3FifoMemoryCache(1 << 20), new CacheConfig { Ttl = TimeSpan.FromMinutes(10) }, timeProvider: _clock);
        await store.GetAsync(Key);

        _clock.Advance(TimeSpan.FromMinutes(11));
        Assert.Equal(First, (await store.GetAsync(Key))!.Value.ToArray());
        Assert.Equal((0, 2), (store.CacheStats.Revalidated, store.CacheStats.OriginReads));
    }

    private CachedStore Store(CacheConfig config) => new(_origin, config, timeProvider: _clock);

    private CachedStore Store(string kind, TimeSpan ttl) => Store(kind, new CacheConfig { Ttl = ttl });

    private CachedStore Store(string kind, CacheConfig config)
    {
        return kind switch
        {
            "lru" => Store(config with { EvictionPolicy = EvictionPolicy.Lru }),
            "s3fifo" => Store(config with { EvictionPolicy = EvictionPolicy.S3Fifo }),
            "compressed-memory" => Store(config with { EnableCompression = true, CompressMemoryTier = true }),
            "tiered" => Store(config with { DiskCacheDir = _dir.Path }),
            "disk" => new CachedStore(_origin, new DiskCache(_dir.Path, 1 << 20), config, timeProvider: _clock),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
    }
}
