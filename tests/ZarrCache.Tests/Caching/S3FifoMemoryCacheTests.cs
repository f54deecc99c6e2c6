namespace ZarrCache.Tests.Caching;

public sealed class S3FifoMemoryCacheTests
{
    [Fact]
    public void One_hit_scan_does_not_flush_the_hot_set()
    {
        var cache = new S3FifoMemoryCache(100 * 100);
        var hot = Enumerable.Range(0, 50).Select(i => new StoreKey($"hot/c/{i}")).ToArray();
        foreach (var key in hot)
        {
            cache.Set(key, new byte[100]);
            Assert.True(cache.TryGet(key, out _));
        }

        for (var i = 0; i < 1000; i++)
        {
            cache.Set(new StoreKey($"scan/c/{i}"), new byte[100]);
            foreach (var key in hot.Where((_, j) => j == i % 200))
            {
                cache.TryGet(key, out _);
            }
        }

        Assert.All(hot, key => Assert.True(cache.TryGet(key, out _), $"{key} was flushed by the scan"));
    }

    [Fact]
    public void Lru_is_flushed_by_the_same_scan()
    {
        // The contrast that makes the test above meaningful: plain LRU loses most of the hot set to a one-hit scan
        // when each hot key is read again only after more inserts than the cache holds.
        var cache = new LruMemoryCache(100 * 100);
        var hot = Enumerable.Range(0, 50).Select(i => new StoreKey($"hot/c/{i}")).ToArray();
        foreach (var key in hot)
        {
            cache.Set(key, new byte[100]);
        }

        for (var i = 0; i < 1000; i++)
        {
            cache.Set(new StoreKey($"scan/c/{i}"), new byte[100]);
            foreach (var key in hot.Where((_, j) => j == i % 200))
            {
                cache.TryGet(key, out _);
            }
        }

        Assert.True(hot.Count(key => cache.TryGet(key, out _)) < hot.Length);
    }

    [Fact]
    public void New_entries_enter_the_small_queue_and_entries_read_again_move_to_main()
    {
        var cache = new S3FifoMemoryCache(1000);
        cache.Set("a/c/0", new byte[100]);
        Assert.False(cache.IsInMainQueue("a/c/0"));
        Assert.True(cache.TryGet("a/c/0", out _));
        for (var i = 1; i <= 10; i++)
        {
            cache.Set(new StoreKey($"a/c/{i}"), new byte[100]);
        }

        Assert.True(cache.IsInMainQueue("a/c/0"));
        Assert.False(cache.TryGet("a/c/1", out _));
    }

    [Fact]
    public void Ghost_hit_goes_straight_to_the_main_queue()
    {
        var cache = new S3FifoMemoryCache(1000);
        cache.Set("a/c/0", new byte[100]);
        for (var i = 1; i <= 10; i++)
        {
            cache.Set(new StoreKey($"a/c/{i}"), new byte[100]);
        }

        Assert.False(cache.TryGet("a/c/0", out _));
        cache.Set("a/c/0", new byte[100]);

        Assert.True(cache.IsInMainQueue("a/c/0"));
        Assert.True(cache.IsInMainQueue("a/c/0") && !cache.IsInMainQueue("a/c/10"));
    }

    [Fact]
    public void Queues_together_hold_exactly_the_size()
    {
        var cache = new S3FifoMemoryCache(10_000);
        var random = new Random(3);
        for (var i = 0; i < 2000; i++)
        {
            var key = new StoreKey($"a/c/{random.Next(200)}");
            if (!cache.TryGet(key, out _))
            {
                cache.Set(key, new byte[random.Next(1, 500)]);
            }
        }

        var (small, main) = cache.QueueBytes();
        Assert.Equal(cache.Size, small + main);
        Assert.InRange(cache.Size, 1, cache.MaxSize);
    }

    [Fact]
    public async Task Cached_store_builds_the_policy_the_config_names()
    {
        var origin = new MemoryStore();
        await origin.SetAsync("a/c/0", new byte[10]);

        var s3 = new CachedStore(origin, new CacheConfig { EvictionPolicy = EvictionPolicy.S3Fifo });
        var lru = new CachedStore(origin, new CacheConfig { EvictionPolicy = EvictionPolicy.Lru });

        Assert.IsType<S3FifoMemoryCache>(s3.Cache);
        Assert.IsType<LruMemoryCache>(lru.Cache);
        Assert.IsType<S3FifoMemoryCache>(new CachedStore(origin, new CacheConfig()).Cache);
        Assert.Throws<CacheConfigException>(() => new CacheConfig { EvictionPolicy = (EvictionPolicy)42 }.Validate());
    }

    [Fact]
    public async Task Entries_keep_their_expiry_and_evictions_are_reported_with_it_but_removals_are_not()
    {
        var cache = new S3FifoMemoryCache(300);
        var evicted = new List<(string Key, long ExpiresAt)>();
        cache.EntryEvicted += (_, e) => evicted.Add((e.Key.Value, e.Entry.ExpiresAtUtcTicks));
        cache.Set("a", new byte[100], new CacheEntryOptions { ExpiresAtUtcTicks = 1234 });
        cache.Set("b", new byte[100]);
        cache.Remove("b");

        var entry = await cache.GetEntryAsync("a");
        cache.Set("c", new byte[150]);
        cache.Set("d", new byte[150]);

        Assert.Equal(1234, entry!.Value.ExpiresAtUtcTicks);
        Assert.Equal(100, entry.Value.Value.Length);
        Assert.DoesNotContain(evicted, e => e.Key == "b");
        Assert.NotEmpty(evicted);
        Assert.All(evicted, e => Assert.Equal(e.Key == "a" ? 1234 : CacheEntry.NeverExpires, e.ExpiresAt));
        Assert.True(cache.Size <= 300);
    }

    [Fact]
    public async Task A_tiered_cache_over_s3_fifo_demotes_evicted_entries_to_disk()
    {
        using var folder = new TestSupport.TempDirectory();
        var memory = new S3FifoMemoryCache(1000);
        var disk = new DiskCache(folder.Path, 1 << 20);
        var tiered = new TieredCache(memory, disk, new TieredCacheOptions { DiskWrites = DiskWriteMode.OnEviction });

        for (var i = 0; i < 20; i++)
        {
            await tiered.SetAsync($"a/c/{i}", new byte[200]);
        }

        Assert.True(memory.Size <= 1000);
        for (var i = 0; i < 20; i++)
        {
            Assert.NotNull(await tiered.GetAsync($"a/c/{i}"));
        }
    }
}
