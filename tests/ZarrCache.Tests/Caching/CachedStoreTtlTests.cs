using ZarrCache.Tests.TestSupport;

namespace ZarrCache.Tests.Caching;

/// <summary>Time-to-live in <see cref="CachedStore"/>: expiries stored with the entries, checked on every read, with a manual clock.</summary>
public class CachedStoreTtlTests : IDisposable
{
    private readonly ManualTimeProvider _clock = new();
    private readonly ProbeStore _origin = new();
    private readonly TempDirectory _dir = new();

    public CachedStoreTtlTests()
    {
        _origin.Inner.SetAsync("g/a/.zarray", new byte[] { 1 }).AsTask().Wait();
        _origin.Inner.SetAsync("g/a/0.0", new byte[] { 2 }).AsTask().Wait();
        _origin.Inner.SetAsync("g/readme.txt", new byte[] { 3 }).AsTask().Wait();
    }

    public void Dispose()
    {
        _dir.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task An_entry_is_served_until_its_ttl_and_read_again_after()
    {
        var store = Store(new CacheConfig { Ttl = TimeSpan.FromMinutes(10) });
        await store.GetAsync("g/a/0.0");

        _clock.Advance(TimeSpan.FromMinutes(9));
        await store.GetAsync("g/a/0.0");
        Assert.Equal(1, _origin.CallsFor("g/a/0.0"));

        _clock.Advance(TimeSpan.FromMinutes(1));
        var value = await store.GetAsync("g/a/0.0");
        Assert.Equal(new byte[] { 2 }, value!.Value.ToArray());
        Assert.Equal(2, _origin.CallsFor("g/a/0.0"));
        Assert.Equal(1, store.CacheStats.ExpiredEntries);
    }

    [Fact]
    public async Task Metadata_and_chunks_expire_by_their_own_ttls_and_other_keys_by_the_general_one()
    {
        var store = Store(new CacheConfig { Ttl = TimeSpan.FromMinutes(5), MetadataTtl = TimeSpan.FromMinutes(1), ChunkTtl = TimeSpan.FromHours(1) });
        await store.GetAsync("g/a/.zarray");
        await store.GetAsync("g/a/0.0");
        await store.GetAsync("g/readme.txt");

        _clock.Advance(TimeSpan.FromMinutes(2));
        await store.GetAsync("g/a/.zarray");
        await store.GetAsync("g/a/0.0");
        await store.GetAsync("g/readme.txt");
        Assert.Equal((2, 1, 1), (_origin.CallsFor("g/a/.zarray"), _origin.CallsFor("g/a/0.0"), _origin.CallsFor("g/readme.txt")));

        _clock.Advance(TimeSpan.FromMinutes(4));
        await store.GetAsync("g/a/0.0");
        await store.GetAsync("g/readme.txt");
        Assert.Equal((1, 2), (_origin.CallsFor("g/a/0.0"), _origin.CallsFor("g/readme.txt")));

        _clock.Advance(TimeSpan.FromHours(1));
        await store.GetAsync("g/a/0.0");
        Assert.Equal(2, _origin.CallsFor("g/a/0.0"));
    }

    [Fact]
    public async Task A_kind_specific_ttl_alone_leaves_the_other_kinds_without_expiry()
    {
        var store = Store(new CacheConfig { MetadataTtl = TimeSpan.FromSeconds(30) });
        await store.GetAsync("g/a/.zarray");
        await store.GetAsync("g/a/0.0");

        _clock.Advance(TimeSpan.FromDays(365));
        await store.GetAsync("g/a/.zarray");
        await store.GetAsync("g/a/0.0");

        Assert.Equal((2, 1), (_origin.CallsFor("g/a/.zarray"), _origin.CallsFor("g/a/0.0")));
    }

    [Fact]
    public async Task Expired_entries_are_not_served_by_get_cached_sizes_or_ranges()
    {
        var store = Store(new CacheConfig { Ttl = TimeSpan.FromMinutes(1) });
        await store.GetAsync("g/a/0.0");
        await store.GetRangeAsync("g/readme.txt", ByteRange.FromOffset(0, 1));

        _clock.Advance(TimeSpan.FromMinutes(1));

        Assert.Null(await store.GetCachedAsync("g/a/0.0"));
        await store.GetRangeAsync("g/readme.txt", ByteRange.FromOffset(0, 1));
        Assert.Equal(2, _origin.CallsFor("g/readme.txt"));
    }

    [Fact]
    public async Task A_read_after_the_ttl_never_gets_the_value_of_a_read_that_finished_before_it()
    {
        // The read before the expiry finishes on another thread (the origin answers asynchronously), so its in-flight
        // entry may still be registered when the next read starts: that read must not join it and serve its value.
        var origin = new YieldingStore();
        var store = CachedStore.Create(origin, new LruMemoryCache(1 << 20), new CacheConfig { Ttl = TimeSpan.FromMinutes(1) }, timeProvider: _clock);
        for (var i = 0; i < 5000; i++)
        {
            await origin.Inner.SetAsync("k", BitConverter.GetBytes(i));
            Assert.Equal(i, BitConverter.ToInt32((await store.GetAsync("k"))!.Value.Span));

            _clock.Advance(TimeSpan.FromMinutes(2));
            await origin.Inner.SetAsync("k", BitConverter.GetBytes(-i - 1));
            Assert.Equal(-i - 1, BitConverter.ToInt32((await store.GetAsync("k"))!.Value.Span));
            _clock.Advance(TimeSpan.FromMinutes(2));
        }
    }

    [Fact]
    public async Task Written_values_get_the_ttl_too()
    {
        var origin = new MemoryStore();
        var store = CachedStore.Create(origin, new LruMemoryCache(1 << 20), new CacheConfig { ChunkTtl = TimeSpan.FromMinutes(1) }, timeProvider: _clock);
        await store.SetAsync("w/c/0", new byte[] { 9 });
        Assert.NotNull(await store.GetCachedAsync("w/c/0"));

        _clock.Advance(TimeSpan.FromMinutes(1));

        Assert.Null(await store.GetCachedAsync("w/c/0"));
    }

    [Fact]
    public async Task The_expiry_survives_on_disk_and_a_later_store_without_a_ttl_still_honours_it()
    {
        var config = new CacheConfig { DiskCacheDir = _dir.Path, Ttl = TimeSpan.FromMinutes(10) };
        await CachedStore.Create(_origin, config, timeProvider: _clock).GetAsync("g/a/0.0");

        var later = CachedStore.Create(_origin, config with { Ttl = null }, timeProvider: _clock);
        await later.GetAsync("g/a/0.0");
        Assert.Equal(1, _origin.CallsFor("g/a/0.0"));

        _clock.Advance(TimeSpan.FromMinutes(10));
        var third = CachedStore.Create(_origin, config with { Ttl = null }, timeProvider: _clock);
        await third.GetAsync("g/a/0.0");
        Assert.Equal(2, _origin.CallsFor("g/a/0.0"));
        Assert.Equal(1, third.CacheStats.ExpiredEntries);
    }

    [Fact]
    public async Task A_memory_hit_with_a_ttl_allocates_nothing()
    {
        var store = Store(new CacheConfig { Ttl = TimeSpan.FromMinutes(10) });
        await store.GetAsync("g/a/0.0");
        _ = Completed.Result(store.GetAsync("g/a/0.0"));

        var allocated = Allocations.Fewest(() =>
        {
            for (var i = 0; i < 1000; i++)
            {
                _ = Completed.Result(store.GetAsync("g/a/0.0"));
            }
        });

        Assert.Equal(0, allocated);
    }

    [Fact]
    public void A_ttl_with_a_cache_that_cannot_store_expiries_is_refused_naming_the_field()
    {
        var e = Assert.Throws<CacheConfigException>(() =>
            CachedStore.Create(_origin, new NoExpiryCache(), new CacheConfig { ChunkTtl = TimeSpan.FromMinutes(1) }));

        Assert.Equal(nameof(CacheConfig.ChunkTtl), e.FieldName);
    }

    private CachedStore Store(CacheConfig config) => new(_origin, new LruMemoryCache(1 << 20), config, timeProvider: _clock);

    private sealed class NoExpiryCache : ICache
    {
        public long Size => 0;

        public long MaxSize => 1;

        public CacheStats Stats => new();

        public ValueTask<ReadOnlyMemory<byte>?> GetAsync(StoreKey key, CancellationToken cancellationToken = default) => new((ReadOnlyMemory<byte>?)null);

        public ValueTask SetAsync(StoreKey key, ReadOnlyMemory<byte> value, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public ValueTask RemoveAsync(StoreKey key, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public ValueTask RemovePrefixAsync(StorePrefix prefix, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public ValueTask ClearAsync(CancellationToken cancellationToken = default) => ValueTask.CompletedTask;
    }

    /// <summary>An origin over a <see cref="MemoryStore"/> whose reads complete asynchronously, on another thread.</summary>
    private sealed class YieldingStore() : DelegatingStore<MemoryStore>(new MemoryStore())
    {
        public override async ValueTask<ReadOnlyMemory<byte>?> GetAsync(StoreKey key, CancellationToken cancellationToken = default)
        {
            await Task.Yield();
            return await Inner.GetAsync(key, cancellationToken);
        }
    }
}
