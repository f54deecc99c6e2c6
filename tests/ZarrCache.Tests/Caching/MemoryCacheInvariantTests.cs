using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ZarrCache.Tests.TestSupport;

namespace ZarrCache.Tests.Caching;

/// <summary>
/// The invariants every byte-bounded memory tier keeps, whatever its eviction policy: run once per policy by the
/// single-line subclasses below.
/// </summary>
public abstract class MemoryCacheInvariantTests
{
    /// <summary>Creates the cache under test.</summary>
    protected abstract ICache Create(long maxSizeBytes, long maxEntrySizeBytes);

    private ICache Create(long maxSizeBytes) => Create(maxSizeBytes, maxSizeBytes);

    /// <summary>
    /// The contents a test stores under <paramref name="key"/> as its <paramref name="version"/>-th value: every
    /// (key, version) gets its own bytes (the first eight hold a hash of both when there is room), so a cache that
    /// answers with another key's or an older value of the same length is caught.
    /// </summary>
    internal static byte[] ValueOf(string key, int version, int length)
    {
        var seed = 14695981039346656037UL;
        foreach (var c in key)
        {
            seed = (seed ^ c) * 1099511628211UL;
        }

        seed = (seed ^ (uint)version) * 1099511628211UL;
        var value = new byte[length];
        var x = seed | 1;
        for (var i = 0; i < length; i++)
        {
            if (i < 8)
            {
                value[i] = (byte)(seed >> (8 * i));
                continue;
            }

            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            value[i] = (byte)x;
        }

        return value;
    }

    [Fact]
    public async Task Byte_budget_holds_at_every_instant_under_eight_concurrent_writers_and_every_hit_is_the_last_value_set()
    {
        const long budget = 64 * 1024;
        var cache = Create(budget);
        using var stop = new CancellationTokenSource();
        long worst = 0;
        using var sampling = new ManualResetEventSlim();
        var sampler = Task.Factory.StartNew(
            () =>
        {
            while (!stop.IsCancellationRequested)
            {
                sampling.Set();
                var size = cache.Size;
                if (size > Volatile.Read(ref worst))
                {
                    Volatile.Write(ref worst, size);
                }
            }
        },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
        Bounded.Wait(sampling, "the size sampler to start");
        var hits = new int[8];

        // Each writer owns its keys, so its own model says what a hit of them must be: the last value it set, and
        // nothing after it removed the key. Eviction may turn any hit into a miss.
        var writers = Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
        {
            var random = new Random(w);
            for (var i = 0; i < 2000; i++)
            {
                var name = $"temperature/c/{w}/{random.Next(64)}";
                var key = new StoreKey(name);
                var expected = ValueOf(name, i, random.Next(1, 16 * 1024));
                await cache.SetAsync(key, expected);
                var removed = i % 7 == 0;
                if (removed)
                {
                    await cache.RemoveAsync(key);
                }

                if (await cache.GetAsync(key) is { } hit)
                {
                    Assert.False(removed, $"{name} was served after it was removed");
                    Assert.True(hit.Span.SequenceEqual(expected), $"{name} served {hit.Length} bytes that are not version {i} ({expected.Length} bytes) set just before");
                    hits[w]++;
                }
            }
        })).ToArray();
        await Task.WhenAll(writers).WithTimeout("the 8 writers to finish");
        await stop.CancelAsync();
        await sampler.WithTimeout("the size sampler to stop");

        Assert.InRange(Volatile.Read(ref worst), 0, budget);
        Assert.InRange(cache.Size, 1, budget);
        Assert.All(hits, h => Assert.True(h > 0, "a writer never got a hit, so none of its values was checked"));
    }

    [Fact]
    public async Task Overwriting_a_key_accounts_the_old_size()
    {
        var cache = Create(1000);
        await cache.SetAsync("a/c/0", new byte[300]);
        await cache.SetAsync("a/c/0", new byte[100]);

        Assert.Equal(100, cache.Size);
        Assert.Equal(1, cache.Stats.Entries);
        Assert.Equal(100, (await cache.GetAsync("a/c/0"))!.Value.Length);
    }

    [Fact]
    public async Task Oversized_value_is_rejected_counted_and_drops_the_older_value()
    {
        var cache = Create(1000, 200);
        await cache.SetAsync("a/c/0", new byte[100]);
        await cache.SetAsync("a/c/0", new byte[201]);
        await cache.SetAsync("a/c/1", new byte[1001]);

        Assert.Null(await cache.GetAsync("a/c/0"));
        Assert.Null(await cache.GetAsync("a/c/1"));
        Assert.Equal(0, cache.Size);
        Assert.Equal(2, cache.Stats.Rejected);
    }

    [Fact]
    public async Task Remove_prefix_and_clear_release_their_bytes()
    {
        var cache = Create(10_000);
        await cache.SetAsync("a/c/0", new byte[100]);
        await cache.SetAsync("a/c/1", new byte[200]);
        await cache.SetAsync("b/c/0", new byte[400]);

        await cache.RemoveAsync("a/c/0");
        Assert.Equal(600, cache.Size);
        await cache.RemovePrefixAsync(new StorePrefix("a/"));
        Assert.Equal(400, cache.Size);
        Assert.NotNull(await cache.GetAsync("b/c/0"));
        await cache.ClearAsync();
        Assert.Equal(0, cache.Size);
        Assert.Null(await cache.GetAsync("b/c/0"));
    }

    [Fact]
    public async Task Hits_return_the_stored_bytes_and_are_counted()
    {
        var cache = Create(10_000);
        var value = new byte[] { 1, 2, 3, 4, 5 };
        await cache.SetAsync("a/c/0", value);
        value[0] = 99;

        var hit = await cache.GetAsync("a/c/0");
        Assert.Equal(new byte[] { 1, 2, 3, 4, 5 }, hit!.Value.ToArray());
        Assert.Null(await cache.GetAsync("a/c/1"));
        Assert.Equal(1, cache.Stats.Hits);
        Assert.Equal(5, cache.Stats.BytesServed);
        Assert.Equal(1, cache.Stats.Misses);
    }

    [Fact]
    public async Task Evicts_to_stay_within_the_budget_and_counts_evictions()
    {
        var cache = Create(1000);
        for (var i = 0; i < 20; i++)
        {
            await cache.SetAsync(new StoreKey($"a/c/{i}"), new byte[100]);
        }

        Assert.Equal(1000, cache.Size);
        Assert.Equal(10, cache.Stats.Entries);
        Assert.Equal(10, cache.Stats.Evictions);
    }

    [Property(MaxTest = 200)]
    public Property Every_hit_is_the_last_value_set_for_its_key_and_size_is_the_sum_of_held_values_within_the_budget()
    {
        var operation =
            from kind in Gen.Choose(0, 2)
            from k in Gen.Choose(0, 11)
            from length in Gen.Choose(0, 400)
            select (Kind: kind, Key: k, Length: length);
        return Prop.ForAll(Gen.ListOf(operation).ToArbitrary(), operations =>
        {
            var cache = Create(1000, 700);

            // The model: the last value set for each key still set. A hit must equal it; a miss is allowed (eviction).
            var model = new Dictionary<string, byte[]>();
            var version = 0;
            foreach (var (kind, k, length) in operations)
            {
                var name = $"a/c/{k}";
                var key = new StoreKey(name);
                switch (kind)
                {
                    case 0:
                        var value = ValueOf(name, ++version, length);
                        cache.SetAsync(key, value).AsTask().GetAwaiter().GetResult();
                        model[name] = value;
                        break;
                    case 1:
                        cache.RemoveAsync(key).AsTask().GetAwaiter().GetResult();
                        model.Remove(name);
                        break;
                    default:
                        if (!HitMatchesModel(name, cache.GetAsync(key).AsTask().GetAwaiter().GetResult()))
                        {
                            return false.Label($"a read of {name} after {version} writes served bytes that are not the last value set");
                        }

                        break;
                }

                if (cache.Size > cache.MaxSize)
                {
                    return false.Label($"size {cache.Size} over the budget {cache.MaxSize}");
                }
            }

            long held = 0;
            for (var k = 0; k < 12; k++)
            {
                var name = $"a/c/{k}";
                var value = cache.GetAsync(new StoreKey(name)).AsTask().GetAwaiter().GetResult();
                if (!HitMatchesModel(name, value))
                {
                    return false.Label($"the final read of {name} served bytes that are not the last value set");
                }

                held += value?.Length ?? 0;
            }

            return (held == cache.Size).Label($"held {held} bytes, Size {cache.Size}");

            bool HitMatchesModel(string name, ReadOnlyMemory<byte>? hit) =>
                hit is not { } bytes || (model.TryGetValue(name, out var expected) && bytes.Span.SequenceEqual(expected));
        });
    }
}
