using ZarrCache.Tests.TestSupport;
using System.Runtime.InteropServices;

namespace ZarrCache.Tests.Caching;

public class LruMemoryCacheTests
{
    private static byte[] Bytes(int length, byte fill = 1) => Enumerable.Repeat(fill, length).ToArray();

    [Fact]
    public async Task A_hit_returns_the_stored_bytes()
    {
        var cache = new LruMemoryCache(1024);
        await cache.SetAsync("a/c/0", new byte[] { 1, 2, 3 });

        var hit = await cache.GetAsync("a/c/0");

        Assert.Equal(new byte[] { 1, 2, 3 }, hit!.Value.ToArray());
        Assert.Null(await cache.GetAsync("a/c/1"));
        Assert.Equal(1, cache.Stats.Hits);
        Assert.Equal(1, cache.Stats.Misses);
    }

    [Fact]
    public async Task The_cache_keeps_its_own_copy_and_hands_out_the_same_memory_on_every_hit()
    {
        var cache = new LruMemoryCache(1024);
        var source = new byte[] { 1, 2, 3 };
        await cache.SetAsync("k", source);
        source[0] = 99;

        var first = (await cache.GetAsync("k"))!.Value;
        var second = (await cache.GetAsync("k"))!.Value;

        Assert.Equal(1, first.Span[0]);
        Assert.True(MemoryMarshal.TryGetArray(first, out var a));
        Assert.True(MemoryMarshal.TryGetArray(second, out var b));
        Assert.Same(a.Array, b.Array);
    }

    [Fact]
    public void A_hit_allocates_nothing()
    {
        var cache = new LruMemoryCache(1 << 20);
        StoreKey key = "temperature/c/12/7/3";
        cache.Set(key, Bytes(4096));
        for (var i = 0; i < 100; i++)
        {
            _ = Completed.Result(cache.GetAsync(key)); // Warm up: JIT, read-buffer stripes.
        }

        long total = 0;
        var allocated = Allocations.Fewest(() =>
        {
            for (var i = 0; i < 1000; i++)
            {
                total += Completed.Result(cache.GetAsync(key))!.Value.Length;
            }
        });

        Assert.Equal(5 * 1000L * 4096, total);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Size_is_the_sum_of_the_values_held()
    {
        var cache = new LruMemoryCache(1000);
        cache.Set("a", Bytes(100));
        cache.Set("b", Bytes(250));

        Assert.Equal(350, cache.Size);
        Assert.Equal(350, cache.Stats.BytesHeld);
        Assert.Equal(2, cache.Stats.Entries);
        Assert.Equal(2, cache.Stats.Inserts);
    }

    [Fact]
    public void An_overwrite_accounts_the_old_size()
    {
        var cache = new LruMemoryCache(1000);
        cache.Set("a", Bytes(400));
        cache.Set("a", Bytes(100));

        Assert.Equal(100, cache.Size);
        Assert.Equal(1, cache.Count);
        cache.Set("a", Bytes(900));
        Assert.Equal(900, cache.Size);
        Assert.Equal(0, cache.Stats.Evictions);
    }

    [Fact]
    public void A_value_larger_than_the_budget_is_rejected_and_counted_without_throwing()
    {
        var cache = new LruMemoryCache(1000);
        cache.Set("small", Bytes(10));

        Assert.False(cache.Set("huge", Bytes(1001)));

        Assert.Equal(1, cache.Stats.Rejected);
        Assert.Equal(10, cache.Size);
        Assert.True(cache.TryGet("small", out _));
        Assert.False(cache.TryGet("huge", out _));
    }

    [Fact]
    public void A_value_larger_than_the_per_entry_limit_is_rejected_and_drops_the_older_value_of_its_key()
    {
        var cache = new LruMemoryCache(1000, maxEntrySizeBytes: 100);
        cache.Set("k", Bytes(50, fill: 7));

        Assert.False(cache.Set("k", Bytes(101)));

        Assert.False(cache.TryGet("k", out _)); // Never serve the superseded value.
        Assert.Equal(0, cache.Size);
        Assert.Equal(1, cache.Stats.Rejected);
    }

    [Fact]
    public void The_least_recently_used_entry_goes_first()
    {
        var cache = new LruMemoryCache(300);
        cache.Set("a", Bytes(100));
        cache.Set("b", Bytes(100));
        cache.Set("c", Bytes(100));
        Assert.True(cache.TryGet("a", out _)); // a is now the most recently used; b the least.

        cache.Set("d", Bytes(100));

        Assert.False(cache.TryGet("b", out _));
        Assert.True(cache.TryGet("a", out _));
        Assert.True(cache.TryGet("c", out _));
        Assert.True(cache.TryGet("d", out _));
        Assert.Equal(1, cache.Stats.Evictions);
    }

    [Fact]
    public void Eviction_takes_unread_entries_first_then_read_ones_in_insertion_order()
    {
        // CLOCK approximates LRU: entries not read since the hand passed leave first (oldest first); entries read since
        // get a second chance and leave after them, oldest first, whatever the order of their reads. Exact LRU would
        // give k0 k7 k8 k3 k4 k1 k5 k9 k2 k6.
        var cache = new LruMemoryCache(10_000);
        for (var i = 0; i < 10; i++)
        {
            cache.Set($"k{i}", Bytes(10));
        }

        foreach (var i in new[] { 3, 1, 4, 1, 5, 9, 2, 6 })
        {
            Assert.True(cache.TryGet($"k{i}", out _));
        }

        var order = cache.KeysInEvictionOrder().Select(k => k.Value).ToArray();

        Assert.Equal(new[] { "k0", "k7", "k8", "k1", "k2", "k3", "k4", "k5", "k6", "k9" }, order);
    }

    [Fact]
    public void Eviction_follows_the_reported_order_and_clears_second_chances()
    {
        var cache = new LruMemoryCache(100);
        for (var i = 0; i < 10; i++)
        {
            cache.Set($"k{i}", Bytes(10));
        }

        Assert.True(cache.TryGet("k0", out _));
        Assert.True(cache.TryGet("k5", out _));
        var before = cache.KeysInEvictionOrder().Select(k => k.Value).ToArray();

        var evicted = new List<string>();
        cache.EntryEvicted += (_, e) => evicted.Add(e.Key.Value);
        for (var i = 0; i < 10; i++)
        {
            cache.Set($"n{i}", Bytes(10));
        }

        // The old entries leave in the reported order (the new ones queue behind those that had a second chance).
        Assert.Equal(new[] { "k1", "k2", "k3", "k4", "k6", "k7", "k8", "k9", "k0", "k5" }, before);
        Assert.Equal(before.Take(9), evicted.Where(k => k.StartsWith('k')));
        Assert.True(cache.TryGet("k5", out _));
    }

    [Fact]
    public void A_read_entry_survives_one_sweep_of_unread_ones()
    {
        var cache = new LruMemoryCache(50);
        for (var i = 0; i < 5; i++)
        {
            cache.Set($"k{i}", Bytes(10));
        }

        Assert.True(cache.TryGet("k0", out _));
        cache.Set("x", Bytes(10));

        Assert.True(cache.TryGet("k0", out _));
        Assert.False(cache.TryGet("k1", out _));
    }

    [Fact]
    public void Eviction_makes_just_enough_room()
    {
        var cache = new LruMemoryCache(1000);
        for (var i = 0; i < 10; i++)
        {
            cache.Set($"k{i}", Bytes(100));
        }

        cache.Set("big", Bytes(250));

        Assert.Equal(3, cache.Stats.Evictions);
        Assert.Equal(950, cache.Size);
        Assert.False(cache.TryGet("k2", out _));
        Assert.True(cache.TryGet("k3", out _));
    }

    [Fact]
    public async Task Remove_prefix_and_clear_release_their_bytes()
    {
        var cache = new LruMemoryCache(1000);
        cache.Set("a/c/0", Bytes(100));
        cache.Set("a/c/1", Bytes(100));
        cache.Set("b/c/0", Bytes(100));

        await cache.RemovePrefixAsync("a/");
        Assert.Equal(100, cache.Size);
        Assert.False(cache.TryGet("a/c/0", out _));

        await cache.RemoveAsync("b/c/0");
        Assert.Equal(0, cache.Size);

        cache.Set("x", Bytes(10));
        await cache.ClearAsync();
        Assert.Equal(0, cache.Size);
        Assert.Equal(0, cache.Count);
        Assert.Empty(cache.KeysInEvictionOrder());
    }

    [Fact]
    public async Task The_byte_budget_holds_at_every_instant_under_eight_concurrent_writers()
    {
        const long budget = 64 * 1024;
        var cache = new LruMemoryCache(budget);
        using var done = new CancellationTokenSource();
        using var samplerStarted = new ManualResetEventSlim();
        long samples = 0;
        long worst = 0;
        var sampler = new Thread(() =>
        {
            samplerStarted.Set();
            while (!done.IsCancellationRequested)
            {
                var size = cache.Size;
                if (size > Interlocked.Read(ref worst))
                {
                    Interlocked.Exchange(ref worst, size);
                }

                Interlocked.Increment(ref samples);
            }
        });
        sampler.Start();
        Bounded.Wait(samplerStarted, "the sampler thread to start");

        var writers = Enumerable.Range(0, 8).Select(w => Task.Factory.StartNew(() =>
        {
            var random = new Random(w);
            for (var i = 0; i < 20_000; i++)
            {
                var key = $"w/c/{random.Next(200)}";
                switch (random.Next(10))
                {
                    case 0:
                        cache.Remove(key);
                        break;
                    case 1:
                        cache.TryGet(key, out _);
                        break;
                    default:
                        cache.Set(key, new byte[random.Next(0, 8 * 1024)]);
                        break;
                }

                var size = cache.Size; // Each writer checks the invariant after each operation, too.
                if (size > Interlocked.Read(ref worst))
                {
                    Interlocked.Exchange(ref worst, size);
                }
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToArray();
        await Task.WhenAll(writers).WithTimeout("the 8 writers to finish");
        await done.CancelAsync();
        Assert.True(sampler.Join(Bounded.Timeout), "the sampler thread did not stop");

        Assert.True(samples > 100, $"the sampler ran {samples} times");
        Assert.True(worst <= budget, $"Size reached {worst} over a budget of {budget}");
        var held = cache.KeysInEvictionOrder().Sum(k => cache.TryGet(k, out var v) ? (long)v.Length : 0);
        Assert.Equal(held, cache.Size);
        Assert.Equal(cache.Count, cache.KeysInEvictionOrder().Count);
    }

    [Fact]
    public void Constructor_rejects_a_budget_that_is_not_positive()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new LruMemoryCache(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LruMemoryCache(10, 0));
    }
}
