using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

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

    [Fact]
    public async Task Byte_budget_holds_at_every_instant_under_eight_concurrent_writers()
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
        sampling.Wait();
        var writers = Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
        {
            var random = new Random(w);
            for (var i = 0; i < 2000; i++)
            {
                var key = new StoreKey($"temperature/c/{w}/{random.Next(64)}");
                await cache.SetAsync(key, new byte[random.Next(1, 16 * 1024)]);
                if (i % 7 == 0)
                {
                    await cache.RemoveAsync(key);
                }

                _ = await cache.GetAsync(key);
            }
        })).ToArray();
        await Task.WhenAll(writers);
        await stop.CancelAsync();
        await sampler;

        Assert.InRange(Volatile.Read(ref worst), 0, budget);
        Assert.InRange(cache.Size, 1, budget);
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
    public Property Size_is_the_sum_of_held_values_and_never_exceeds_the_budget()
    {
        var operation =
            from kind in Gen.Choose(0, 2)
            from k in Gen.Choose(0, 11)
            from length in Gen.Choose(0, 400)
            select (Kind: kind, Key: k, Length: length);
        return Prop.ForAll(Gen.ListOf(operation).ToArbitrary(), operations =>
        {
            var cache = Create(1000, 700);
            var model = new Dictionary<string, int>();
            foreach (var (kind, k, length) in operations)
            {
                var key = new StoreKey($"a/c/{k}");
                switch (kind)
                {
                    case 0:
                        cache.SetAsync(key, new byte[length]).AsTask().GetAwaiter().GetResult();
                        break;
                    case 1:
                        cache.RemoveAsync(key).AsTask().GetAwaiter().GetResult();
                        break;
                    default:
                        _ = cache.GetAsync(key).AsTask().GetAwaiter().GetResult();
                        break;
                }

                if (cache.Size > cache.MaxSize)
                {
                    return false;
                }
            }

            long held = 0;
            for (var k = 0; k < 12; k++)
            {
                var value = cache.GetAsync(new StoreKey($"a/c/{k}")).AsTask().GetAwaiter().GetResult();
                held += value?.Length ?? 0;
            }

            return held == cache.Size;
        });
    }
}
