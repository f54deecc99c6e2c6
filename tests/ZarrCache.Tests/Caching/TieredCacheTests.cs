using ZarrCache.Tests.TestSupport;

namespace ZarrCache.Tests.Caching;

public class TieredCacheTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose()
    {
        _dir.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task Write_through_puts_every_value_in_both_tiers()
    {
        var memory = new LruMemoryCache(1 << 20);
        var disk = new DiskCache(_dir.Path, 1 << 20);
        var tiered = new TieredCache(memory, disk);

        await tiered.SetAsync("a/c/0", new byte[] { 1, 2, 3 });

        Assert.NotNull(await memory.GetAsync("a/c/0"));
        Assert.Equal(new byte[] { 1, 2, 3 }, (await new DiskCache(_dir.Path, 1 << 20).GetAsync("a/c/0"))!.Value.ToArray());
    }

    [Fact]
    public async Task A_disk_hit_is_promoted_to_memory_and_counted_per_tier()
    {
        var memory = new LruMemoryCache(1 << 20);
        var tiered = new TieredCache(memory, new DiskCache(_dir.Path, 1 << 20));
        await tiered.SetAsync("a/c/0", new byte[] { 7, 8 });
        await memory.ClearAsync();

        var fromDisk = await tiered.GetAsync("a/c/0");
        var fromMemory = await tiered.GetAsync("a/c/0");

        Assert.Equal(new byte[] { 7, 8 }, fromDisk!.Value.ToArray());
        Assert.Equal(new byte[] { 7, 8 }, fromMemory!.Value.ToArray());
        Assert.Equal(1, tiered.Promotions);
        Assert.Equal(1, tiered.DiskStats.Hits);
        Assert.Equal(1, tiered.MemoryStats.Hits);
        Assert.Equal(2, tiered.Stats.Hits);
        Assert.Equal(0, tiered.Stats.Misses);
        Assert.Null(await tiered.GetAsync("nope"));
        Assert.Equal(1, tiered.Stats.Misses);
    }

    [Fact]
    public async Task Without_promotion_a_disk_hit_stays_on_disk()
    {
        var memory = new LruMemoryCache(1 << 20);
        var tiered = new TieredCache(memory, new DiskCache(_dir.Path, 1 << 20), new TieredCacheOptions { PromoteOnDiskHit = false });
        await tiered.SetAsync("a/c/0", new byte[] { 7, 8 });
        await memory.ClearAsync();

        Assert.NotNull(await tiered.GetAsync("a/c/0"));

        Assert.Null(await memory.GetAsync("a/c/0"));
        Assert.Equal(0, tiered.Promotions);
    }

    [Fact]
    public async Task On_eviction_mode_demotes_entries_memory_evicts_and_writes_nothing_else_to_disk()
    {
        var memory = new LruMemoryCache(250);
        var disk = new DiskCache(_dir.Path, 1 << 20);
        var tiered = new TieredCache(memory, disk, new TieredCacheOptions { DiskWrites = DiskWriteMode.OnEviction });
        var expires = new DateTimeOffset(2031, 1, 1, 0, 0, 0, TimeSpan.Zero);

        await tiered.SetAsync("k/0", new byte[100], CacheEntryOptions.ExpiringAt(expires));
        await tiered.SetAsync("k/1", new byte[100]);
        Assert.Equal(0, disk.Count);

        await tiered.SetAsync("k/2", new byte[100]); // Evicts k/0 from memory.

        Assert.Equal(1, tiered.Demotions);
        var demoted = await disk.GetEntryAsync("k/0");
        Assert.Equal(expires, demoted!.Value.ExpiresAt);
        Assert.Null(await disk.GetAsync("k/2"));
        Assert.NotNull(await tiered.GetAsync("k/0")); // Served from disk, promoted back.
    }

    [Fact]
    public async Task On_eviction_mode_drops_the_superseded_disk_copy_when_a_key_is_rewritten()
    {
        var memory = new LruMemoryCache(1 << 20);
        var disk = new DiskCache(_dir.Path, 1 << 20);
        var tiered = new TieredCache(memory, disk, new TieredCacheOptions { DiskWrites = DiskWriteMode.OnEviction });
        await disk.SetAsync("k", new byte[] { 1 });

        await tiered.SetAsync("k", new byte[] { 2 });

        Assert.Null(await disk.GetAsync("k"));
        Assert.Equal(new byte[] { 2 }, (await tiered.GetAsync("k"))!.Value.ToArray());
    }

    [Fact]
    public async Task A_value_too_large_for_memory_goes_to_disk_in_on_eviction_mode()
    {
        var tiered = new TieredCache(new LruMemoryCache(100), new DiskCache(_dir.Path, 1 << 20), new TieredCacheOptions { DiskWrites = DiskWriteMode.OnEviction });

        await tiered.SetAsync("big", new byte[1000]);

        Assert.Equal(1000, (await tiered.GetAsync("big"))!.Value.Length);
        Assert.Equal(1, tiered.DiskStats.Hits);
    }

    [Fact]
    public async Task A_memory_hit_allocates_nothing()
    {
        var tiered = new TieredCache(new LruMemoryCache(1 << 20), new DiskCache(_dir.Path, 1 << 20));
        await tiered.SetAsync("a/c/0", new byte[4096]);
        _ = Completed.Result(tiered.GetAsync("a/c/0")); // Warm up.

        var length = 0;
        var allocated = Allocations.Fewest(() =>
        {
            for (var i = 0; i < 1000; i++)
            {
                length += Completed.Result(tiered.GetAsync("a/c/0"))!.Value.Length;
            }
        });

        Assert.Equal(0, allocated);
        Assert.Equal(5 * 4096 * 1000, length);
    }

    [Fact]
    public async Task Remove_prefix_and_clear_reach_both_tiers()
    {
        var memory = new LruMemoryCache(1 << 20);
        var disk = new DiskCache(_dir.Path, 1 << 20);
        var tiered = new TieredCache(memory, disk);
        await tiered.SetAsync("a/0", new byte[] { 1 });
        await tiered.SetAsync("b/0", new byte[] { 2 });

        await tiered.RemovePrefixAsync(new StorePrefix("a/"));
        Assert.Null(await memory.GetAsync("a/0"));
        Assert.Null(await disk.GetAsync("a/0"));

        await tiered.ClearAsync();
        Assert.Equal(0, tiered.Size);
    }

    [Fact]
    public void Tiers_that_cannot_store_expiries_or_report_evictions_are_refused()
    {
        var plain = new PlainCache();
        var disk = new DiskCache(_dir.Path, 1 << 20);

        Assert.Throws<ArgumentException>(() => new TieredCache(plain, disk));
        Assert.Throws<ArgumentException>(() => new TieredCache(disk, new DiskCache(Path.Combine(_dir.Path, "second"), 1 << 20), new TieredCacheOptions { DiskWrites = DiskWriteMode.OnEviction }));
    }

    [Fact]
    public async Task A_cached_store_with_a_disk_folder_in_its_config_builds_memory_over_disk()
    {
        var origin = new ProbeStore();
        await origin.Inner.SetAsync("a/c/0", new byte[1000]);
        var config = new CacheConfig { DiskCacheDir = _dir.Path, MaxDiskSize = 1 << 20 };

        var store = new CachedStore(origin, config);
        await store.GetAsync("a/c/0");

        var tiered = Assert.IsType<TieredCache>(store.Cache);
        var disk = Assert.IsType<DiskCache>(tiered.Disk);
        Assert.Equal(1 << 20, disk.MaxSize);
        Assert.Equal(Path.GetFullPath(_dir.Path), disk.Directory);
        Assert.Equal(1, disk.Count);
        var again = new CachedStore(origin, config);
        await again.GetAsync("a/c/0");
        Assert.Equal(1, origin.Gets);
    }

    private sealed class PlainCache : ICache
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
}
