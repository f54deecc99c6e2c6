using ZarrCache.Tests.TestSupport;

namespace ZarrCache.Tests.Caching;

/// <summary>
/// Bounded stress tests of the first rule: a read never returns a value older than the last write or invalidation
/// that completed before it began. Writers (one per key group) set, delete and prefix-delete versioned values through
/// a <see cref="CachedStore"/>; readers read whole values, ranges and several ranges at once; every read is checked
/// against the versions committed before it began (<see cref="VersionHistory"/>).
/// </summary>
public sealed class CachedStoreLinearizabilityTests : IDisposable
{
    private const int Groups = 4;
    private static readonly string[] Names = ["c/0", "c/1", "c/2", "zarr.json"];
    private static readonly TimeSpan RunTime = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan MaxRunTime = TimeSpan.FromSeconds(8);
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("memory-s3fifo", WritePolicy.Update)]
    [InlineData("memory-lru", WritePolicy.Invalidate)]
    [InlineData("disk", WritePolicy.Update)]
    [InlineData("tiered", WritePolicy.Update)]
    [InlineData("tiered", WritePolicy.Invalidate)]
    [InlineData("tiered-on-eviction", WritePolicy.Update)]
    public async Task No_read_returns_a_version_older_than_one_committed_before_it_began(string cacheKind, WritePolicy writePolicy)
    {
        var origin = new MemoryStore();
        using var store = CachedStore.Create(origin, CreateCache(cacheKind), new CacheConfig { WritePolicy = writePolicy });
        var keys = Enumerable.Range(0, Groups).SelectMany(g => Names.Select(n => new StoreKey($"g{g}/{n}"))).ToArray();
        var history = new VersionHistory(keys.Length);
        for (var k = 0; k < keys.Length; k++)
        {
            await origin.SetAsync(keys[k], VersionHistory.ValueOf(k, 0));
            history.Record(k, 0, 0, 0);
        }

        using var stop = new CancellationTokenSource(MaxRunTime);
        var writers = Enumerable.Range(0, Groups).Select(g => Task.Run(() => WriteAsync(store, keys, g, history, stop.Token)));
        var readers = Enumerable.Range(0, 8).Select(r => Task.Run(() => ReadAsync(store, keys, r, history, stop.Token)));
        var all = Task.WhenAll(writers.Concat(readers));

        // Run for RunTime, longer (up to MaxRunTime) on a slow machine until the races below were exercised enough.
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (!all.IsCompleted && (watch.Elapsed < RunTime || !Exercised(history, store)))
        {
            await Task.WhenAny(all, Task.Delay(100));
        }

        await stop.CancelAsync();
        await all.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.True(history.Violations == 0, $"{history.Violations} of {history.Checked} reads were stale or wrong; first: {history.FirstViolation}");
        Assert.True(history.Checked > 2_000, $"only {history.Checked} reads were checked");
        Assert.True(history.Overlapping > 200, $"only {history.Overlapping} of {history.Checked} reads overlapped one of the {history.Operations} writes of their key: the race was not exercised");
        Assert.True(store.CacheStats.Hits > 200, $"only {store.CacheStats.Hits} cache hits: the cache was not exercised");
    }

    private static bool Exercised(VersionHistory history, WritableCachedStore store) =>
        history.Checked > 2_000 && history.Overlapping > 200 && store.CacheStats.Hits > 200;

    private ICache CreateCache(string kind)
    {
        var disk = new Func<long, DiskCache>(size => new DiskCache(_dir.Path, size));
        return kind switch
        {
            "memory-s3fifo" => new S3FifoMemoryCache(8 * 1024),
            "memory-lru" => new LruMemoryCache(8 * 1024),
            "disk" => disk(64 * 1024),
            "tiered" => new TieredCache(new S3FifoMemoryCache(4 * 1024), disk(64 * 1024)),
            "tiered-on-eviction" => new TieredCache(
                new LruMemoryCache(2 * 1024), disk(64 * 1024), new TieredCacheOptions { DiskWrites = DiskWriteMode.OnEviction }),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
    }

    private static async Task WriteAsync(WritableCachedStore store, StoreKey[] keys, int group, VersionHistory history, CancellationToken stop)
    {
        var random = new Random(group);
        var version = 0L;
        var first = group * Names.Length;
        while (!stop.IsCancellationRequested)
        {
            var roll = random.Next(10);
            var started = history.Tick();
            if (roll < 6)
            {
                var k = first + random.Next(Names.Length);
                var v = ++version;
                var op = history.Begin(k, v, started);
                await store.SetAsync(keys[k], VersionHistory.ValueOf(k, v), CancellationToken.None);
                history.Complete(k, op, history.Tick());
            }
            else if (roll < 8)
            {
                var k = first + random.Next(Names.Length);
                var op = history.Begin(k, null, started);
                await store.DeleteAsync(keys[k], CancellationToken.None);
                history.Complete(k, op, history.Tick());
            }
            else
            {
                var ops = Enumerable.Range(first, Names.Length).Select(k => history.Begin(k, null, started)).ToArray();
                await store.DeletePrefixAsync(new StorePrefix($"g{group}/"), CancellationToken.None);
                var completed = history.Tick();
                for (var i = 0; i < ops.Length; i++)
                {
                    history.Complete(first + i, ops[i], completed);
                }
            }

            await Task.Yield();
        }
    }

    private static async Task ReadAsync(WritableCachedStore store, StoreKey[] keys, int reader, VersionHistory history, CancellationToken stop)
    {
        var random = new Random(1000 + reader);
        while (!stop.IsCancellationRequested)
        {
            var k = random.Next(keys.Length);
            var offset = 8 * random.Next(VersionHistory.ValueLength / 8);
            var length = 8 * (1 + random.Next((VersionHistory.ValueLength - offset) / 8));
            var began = history.Tick();
            switch (random.Next(4))
            {
                case 0:
                case 1:
                {
                    var value = await store.GetAsync(keys[k], CancellationToken.None);
                    history.Check(k, began, history.Tick(), value, 0, VersionHistory.ValueLength, "get");
                    break;
                }

                case 2:
                {
                    var value = await store.GetRangeAsync(keys[k], ByteRange.FromOffset(offset, length), CancellationToken.None);
                    history.Check(k, began, history.Tick(), value, offset, length, "range");
                    break;
                }

                default:
                {
                    var ranges = new[] { ByteRange.FromOffset(offset, length), ByteRange.FromOffset(0, 8) };
                    var values = await store.GetRangesAsync(keys[k], ranges, CancellationToken.None);
                    var ended = history.Tick();
                    history.Check(k, began, ended, values?[0], offset, length, "ranges[0]");
                    history.Check(k, began, ended, values?[1], 0, 8, "ranges[1]");
                    break;
                }
            }

            await Task.Yield(); // Memory hits complete synchronously: let the writers run on a small machine.
        }
    }
}
