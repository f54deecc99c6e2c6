using ZarrCache.Tests.TestSupport;

namespace ZarrCache.Tests.Caching;

/// <summary><see cref="ICachingStore.VersionOf"/> and <see cref="ICachingStore.TimeProvider"/>: what a reader of derived values checks.</summary>
public class CachedStoreVersionTests
{
    private static readonly StoreKey Chunk = "a/0.0";

    private static async Task<(MemoryStore Origin, WritableCachedStore Store)> CreateAsync()
    {
        var origin = new MemoryStore();
        await origin.SetAsync(Chunk, new byte[] { 1, 2, 3, 4 });
        var store = CachedStore.Create(origin, new LruMemoryCache(1 << 20), new CacheConfig { WritePolicy = WritePolicy.Update });
        await store.GetAsync(Chunk); // cached, so every write below has something to change
        return (origin, store);
    }

    [Theory]
    [InlineData("SetAsync")]
    [InlineData("DeleteAsync")]
    [InlineData("DeletePrefixAsync")]
    [InlineData("ClearCacheAsync")]
    [InlineData("RemoveCachedAsync")]
    [InlineData("SetCachedAsync")]
    public async Task VersionOf_a_key_changes_across_each_write_delete_invalidation_or_clear_of_it(string write)
    {
        var (_, store) = await CreateAsync();
        var before = store.VersionOf(Chunk);

        var change = write switch
        {
            "SetAsync" => store.SetAsync(Chunk, new byte[] { 9 }),
            "DeleteAsync" => store.DeleteAsync(Chunk),
            "DeletePrefixAsync" => store.DeletePrefixAsync("a/"),
            "ClearCacheAsync" => store.ClearCacheAsync(),
            "RemoveCachedAsync" => store.RemoveCachedAsync(Chunk),
            "SetCachedAsync" => store.SetCachedAsync(Chunk, new byte[] { 9 }),
            _ => throw new ArgumentOutOfRangeException(nameof(write)),
        };
        await change;

        Assert.NotEqual(before, store.VersionOf(Chunk));
    }

    [Fact]
    public async Task VersionOf_a_key_stays_equal_across_reads_hits_misses_ranges_and_missing_keys()
    {
        var (origin, store) = await CreateAsync();
        await origin.SetAsync("a/1.0", new byte[] { 5, 6, 7, 8 });
        var before = store.VersionOf(Chunk);
        var otherBefore = store.VersionOf("a/1.0");

        await store.GetAsync(Chunk); // hit
        await store.GetAsync("a/1.0"); // miss, read and cached
        await store.GetRangeAsync("a/1.0", ByteRange.FromOffset(1, 2)); // sliced from the cached value
        await store.GetRangesAsync("a/2.0", [ByteRange.FromOffset(0, 1), ByteRange.FromOffset(2, 1)]); // missing, remembered
        await store.GetAsync("a/2.0"); // answered from the negative cache
        await store.GetCachedAsync(Chunk);
        await store.GetSizeAsync(Chunk);

        Assert.Equal((before, otherBefore), (store.VersionOf(Chunk), store.VersionOf("a/1.0")));
    }

    [Fact]
    public async Task SetCachedAsync_serves_its_value_after_the_version_change()
    {
        var (_, store) = await CreateAsync();
        var before = store.VersionOf(Chunk);

        await store.SetCachedAsync(Chunk, new byte[] { 42 });

        var after = store.VersionOf(Chunk);
        Assert.NotEqual(before, after);
        Assert.Equal(new byte[] { 42 }, (await store.GetAsync(Chunk))!.Value.ToArray());
        Assert.Equal(after, store.VersionOf(Chunk));
    }

    [Fact]
    public async Task A_read_that_starts_while_SetCachedAsync_stores_its_value_cannot_cache_the_old_value_over_it()
    {
        var origin = new ProbeStore();
        await origin.Inner.SetAsync(Chunk, new byte[] { 1 });
        var cache = new HookedCache();
        var store = CachedStore.Create(origin, cache);
        var gate = new TaskCompletionSource();
        Task<ReadOnlyMemory<byte>?>? reader = null;
        cache.BeforeSet = value =>
        {
            if (reader is null && value.Span[0] == 42)
            {
                // Between dropping the old value and caching the new one: this read misses and reads the origin's value.
                origin.Gate = gate.Task;
                reader = store.GetAsync(Chunk).AsTask();
            }
        };

        await store.SetCachedAsync(Chunk, new byte[] { 42 });
        gate.SetResult();

        Assert.Equal(new byte[] { 1 }, (await reader!.WithTimeout("the read begun inside SetCachedAsync"))!.Value.ToArray());
        Assert.Equal(new byte[] { 42 }, (await store.GetCachedAsync(Chunk))!.Value.ToArray());
    }

    [Fact]
    public void A_cached_store_measures_expiries_by_the_clock_it_was_given()
    {
        var clock = new ManualTimeProvider();
        ICachingStore store = CachedStore.Create(new MemoryStore(), new LruMemoryCache(1 << 20), timeProvider: clock);
        ICachingStore systemClock = CachedStore.Create(new MemoryStore(), new LruMemoryCache(1 << 20));

        Assert.Same(clock, store.TimeProvider);
        Assert.Same(TimeProvider.System, systemClock.TimeProvider);
    }

    [Fact]
    public async Task A_third_party_caching_store_gets_version_zero_and_the_system_clock_by_default()
    {
        ICachingStore store = new PlainCachingStore();
        await store.RemoveCachedAsync(Chunk);

        Assert.Equal(0, store.VersionOf(Chunk));
        Assert.Same(TimeProvider.System, store.TimeProvider);
    }

    /// <summary>A memory cache that calls <see cref="BeforeSet"/> before it stores a value.</summary>
    private sealed class HookedCache : ICache
    {
        private readonly LruMemoryCache _inner = new(1 << 20);

        public Action<ReadOnlyMemory<byte>>? BeforeSet { get; set; }

        public long Size => _inner.Size;

        public long MaxSize => _inner.MaxSize;

        public CacheStats Stats => _inner.Stats;

        public ValueTask<ReadOnlyMemory<byte>?> GetAsync(StoreKey key, CancellationToken cancellationToken = default) =>
            _inner.GetAsync(key, cancellationToken);

        public ValueTask SetAsync(StoreKey key, ReadOnlyMemory<byte> value, CancellationToken cancellationToken = default)
        {
            BeforeSet?.Invoke(value);
            return _inner.SetAsync(key, value, cancellationToken);
        }

        public ValueTask RemoveAsync(StoreKey key, CancellationToken cancellationToken = default) => _inner.RemoveAsync(key, cancellationToken);

        public ValueTask RemovePrefixAsync(StorePrefix prefix, CancellationToken cancellationToken = default) =>
            _inner.RemovePrefixAsync(prefix, cancellationToken);

        public ValueTask ClearAsync(CancellationToken cancellationToken = default) => _inner.ClearAsync(cancellationToken);
    }

    /// <summary>An <see cref="ICachingStore"/> written before the version and clock members existed.</summary>
    private sealed class PlainCachingStore : ICachingStore
    {
        private readonly MemoryStore _inner = new();

        public ValueTask<ReadOnlyMemory<byte>?> GetAsync(StoreKey key, CancellationToken cancellationToken = default) =>
            _inner.GetAsync(key, cancellationToken);

        public ValueTask<ReadOnlyMemory<byte>?> GetRangeAsync(StoreKey key, ByteRange range, CancellationToken cancellationToken = default) =>
            _inner.GetRangeAsync(key, range, cancellationToken);

        public ValueTask<IReadOnlyList<ReadOnlyMemory<byte>>?> GetRangesAsync(
            StoreKey key, IReadOnlyList<ByteRange> ranges, CancellationToken cancellationToken = default) =>
            _inner.GetRangesAsync(key, ranges, cancellationToken);

        public ValueTask<long?> GetSizeAsync(StoreKey key, CancellationToken cancellationToken = default) =>
            _inner.GetSizeAsync(key, cancellationToken);

        public ValueTask RemoveCachedAsync(StoreKey key, CancellationToken cancellationToken = default) => default;
    }
}
