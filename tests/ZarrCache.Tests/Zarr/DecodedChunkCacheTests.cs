using ZarrCache.Tests.TestSupport;
using ZarrCache.Zarr;
using ZarrCache.Zarr.DataTypes;

namespace ZarrCache.Tests.Zarr;

public class DecodedChunkCacheTests
{
    private static ZarrArrayOptions Float32(long[] shape, int[] chunks, int[]? inner = null) => new()
    {
        Shape = shape,
        ChunkShape = chunks,
        DataType = ZarrDataTypeKind.Float32,
        Compressor = new ZarrCompressor("zstd", 3),
        InnerChunkShape = inner,
        FillValue = -1,
    };

    private static float[] Ramp(long count, float offset = 0) => Enumerable.Range(0, (int)count).Select(i => i + offset).ToArray();

    [Fact]
    public async Task A_warm_read_is_served_from_decoded_chunks_without_reading_the_store()
    {
        var probe = new ProbeStore();
        var created = await ZarrArray.CreateAsync(probe.Inner, "a", Float32([20, 30], [10, 10]));
        await created.WriteAsync<float>(null, Ramp(600));
        var cache = new DecodedChunkCache(1 << 20);
        var array = await ZarrArray.OpenAsync(probe, "a", new ZarrArrayOptions { ChunkCache = cache });

        var cold = await array.ReadAsync<float>(ArraySelection.Parse("3:17,4:25"));
        var callsAfterCold = probe.OriginCalls;
        var warm = await array.ReadAsync<float>(ArraySelection.Parse("3:17,4:25"));

        Assert.Equal(cold.Data, warm.Data);
        Assert.Equal(Enumerable.Range(3, 14).SelectMany(r => Enumerable.Range(4, 21).Select(c => (float)((r * 30) + c))), warm.Data);
        Assert.Equal(callsAfterCold, probe.OriginCalls);
        Assert.Equal(6, cache.Count);
        Assert.Equal(6 * 10 * 10 * 4, cache.Size);
        Assert.Equal(6, cache.Stats.Hits);
    }

    [Fact]
    public async Task Sixteen_concurrent_reads_of_one_chunk_decode_it_once()
    {
        var probe = new ProbeStore();
        var created = await ZarrArray.CreateAsync(probe.Inner, "a", Float32([10, 10], [10, 10]));
        await created.WriteAsync<float>(null, Ramp(100));
        var cache = new DecodedChunkCache(1 << 20);
        var array = await ZarrArray.OpenAsync(probe, "a", new ZarrArrayOptions { ChunkCache = cache });
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        probe.Gate = gate.Task;
        var chunkCallsBefore = probe.CallsFor("a/c/0/0");

        var reads = Enumerable.Range(0, 16).Select(i => Task.Run(() => array.ReadAsync<float>(ArraySelection.Parse($"{i % 10}:10,0:10")))).ToArray();
        await Bounded.UntilAsync(() => cache.Stats.CoalescedWaits == 15, "15 reads waiting for the first one's decode", () => $"{cache.Stats.CoalescedWaits} waiting");
        gate.SetResult();
        var results = await Task.WhenAll(reads).WithTimeout("the 16 reads");

        Assert.Equal(1, probe.CallsFor("a/c/0/0") - chunkCallsBefore);
        Assert.Equal(1, cache.Stats.Inserts);
        for (var i = 0; i < 16; i++)
        {
            Assert.Equal(Ramp(100).Skip(i % 10 * 10), results[i].Data);
        }
    }

    [Fact]
    public async Task A_missing_chunk_is_kept_as_fill_not_as_a_buffer_of_fill_values()
    {
        var probe = new ProbeStore();
        await ZarrArray.CreateAsync(probe.Inner, "a", Float32([100, 100], [50, 50]));
        var cache = new DecodedChunkCache(1 << 20);
        var array = await ZarrArray.OpenAsync(probe, "a", new ZarrArrayOptions { ChunkCache = cache });

        var first = await array.ReadAsync<float>(ArraySelection.Parse("0:50,0:50"));
        var calls = probe.OriginCalls;
        var second = await array.ReadAsync<float>(ArraySelection.Parse("10:20,0:50"));

        Assert.All(first.Data, v => Assert.Equal(-1f, v));
        Assert.All(second.Data, v => Assert.Equal(-1f, v));
        Assert.Equal(calls, probe.OriginCalls);
        Assert.Equal(1, cache.Count);
        Assert.Equal(DecodedChunkCache.FillEntrySize, cache.Size);
    }

    [Fact]
    public async Task Sharded_arrays_keep_inner_chunks_as_the_units()
    {
        var probe = new ProbeStore();
        var created = await ZarrArray.CreateAsync(probe.Inner, "s", Float32([8, 8], [8, 8], inner: [4, 4]));
        await created.WriteAsync<float>(null, Ramp(64, 100));
        var cache = new DecodedChunkCache(1 << 20);
        var array = await ZarrArray.OpenAsync(probe, "s", new ZarrArrayOptions { ChunkCache = cache });

        var one = await array.ReadAsync<float>(ArraySelection.Parse("0:4,4:8"));
        Assert.Equal(1, cache.Count);
        Assert.Equal(4 * 4 * 4, cache.Size);
        var all = await array.ReadAsync<float>();
        Assert.Equal(4, cache.Count);
        var calls = probe.OriginCalls;
        var again = await array.ReadAsync<float>(ArraySelection.Parse("2:7,1:8"));

        Assert.Equal(Enumerable.Range(0, 4).SelectMany(r => Enumerable.Range(4, 4).Select(c => (float)((r * 8) + c + 100))), one.Data);
        Assert.Equal(Ramp(64, 100), all.Data);
        Assert.Equal(Enumerable.Range(2, 5).SelectMany(r => Enumerable.Range(1, 7).Select(c => (float)((r * 8) + c + 100))), again.Data);
        Assert.Equal(calls, probe.OriginCalls);
    }

    [Fact]
    public async Task A_write_through_the_array_is_never_followed_by_a_stale_read()
    {
        var store = new MemoryStore();
        var cache = new DecodedChunkCache(1 << 20);
        var array = await ZarrArray.CreateAsync(store, "a", Float32([10, 10], [5, 5]) with { ChunkCache = cache });
        await array.WriteAsync<float>(null, Ramp(100));
        Assert.Equal(Ramp(100), (await array.ReadAsync<float>()).Data);

        await array.WriteAsync<float>(ArraySelection.Parse("2:3,0:10"), Enumerable.Repeat(7f, 10).ToArray());
        var after = await array.ReadAsync<float>();

        var expected = Ramp(100);
        Array.Fill(expected, 7f, 20, 10);
        Assert.Equal(expected, after.Data);
    }

    [Fact]
    public async Task Concurrent_writes_and_reads_never_read_older_than_the_last_write_done_before_the_read()
    {
        var store = new MemoryStore();
        var cache = new DecodedChunkCache(1 << 20);
        var array = await ZarrArray.CreateAsync(store, "a", Float32([4, 4], [4, 4]) with { ChunkCache = cache });
        await array.WriteAsync<float>(null, Enumerable.Repeat(0f, 16).ToArray());
        long committed = 0;
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        var writer = Task.Run(async () =>
        {
            for (var v = 1; v <= 300 && !stop.IsCancellationRequested; v++)
            {
                await array.WriteAsync<float>(null, Enumerable.Repeat((float)v, 16).ToArray());
                Volatile.Write(ref committed, v);
            }
        });
        var stale = 0;
        var readers = Enumerable.Range(0, 3).Select(_ => Task.Run(async () =>
        {
            while (!writer.IsCompleted)
            {
                await Task.Yield(); // a read served from kept chunks completes synchronously: let the writer run
                var before = Volatile.Read(ref committed);
                var data = await array.ReadAsync<float>();
                if (data.Data.Any(x => x < before) || data.Data.Distinct().Count() != 1)
                {
                    Interlocked.Increment(ref stale);
                }
            }
        })).ToArray();
        await Task.WhenAll(readers.Append(writer)).WithTimeout("the writer and readers");

        Assert.Equal(0, stale);
        Assert.True(Volatile.Read(ref committed) >= 10, $"the writer made {committed} writes");
    }

    [Fact]
    public async Task A_write_or_invalidation_in_the_cached_store_beneath_drops_the_decoded_chunk()
    {
        var origin = new MemoryStore();
        var writer = await ZarrArray.CreateAsync(origin, "a", Float32([10], [10]));
        await writer.WriteAsync<float>(null, Ramp(10));
        using var cached = CachedStore.Create(origin);
        var cache = new DecodedChunkCache(1 << 20);
        var reader = await ZarrArray.OpenAsync(cached, "a", new ZarrArrayOptions { ChunkCache = cache });
        Assert.Equal(Ramp(10), (await reader.ReadAsync<float>()).Data);

        // Another writer changes the origin, and the cached store is told (as a backplane or an operator would).
        await writer.WriteAsync<float>(null, Ramp(10, 50));
        await cached.RemoveCachedAsync("a/c/0");
        Assert.Equal(Ramp(10, 50), (await reader.ReadAsync<float>()).Data);

        // A write through the cached store by an array without the decoded cache.
        var plain = await ZarrArray.OpenAsync(cached, "a");
        await plain.WriteAsync<float>(null, Ramp(10, 900));
        Assert.Equal(Ramp(10, 900), (await reader.ReadAsync<float>()).Data);
    }

    [Fact]
    public async Task A_decoded_chunk_expires_with_the_cached_copy_it_came_from()
    {
        var origin = new MemoryStore();
        var writer = await ZarrArray.CreateAsync(origin, "a", Float32([10], [10]));
        await writer.WriteAsync<float>(null, Ramp(10));
        var clock = new ManualTimeProvider();
        using var cached = new CachedStore(origin, new CacheConfig { ChunkTtl = TimeSpan.FromMinutes(5) }, timeProvider: clock);
        var cache = new DecodedChunkCache(1 << 20);
        var reader = await ZarrArray.OpenAsync(cached, "a", new ZarrArrayOptions { ChunkCache = cache });
        Assert.Equal(Ramp(10), (await reader.ReadAsync<float>()).Data);

        await writer.WriteAsync<float>(null, Ramp(10, 50)); // the origin changes; nobody tells the cache
        clock.Advance(TimeSpan.FromMinutes(4));
        Assert.Equal(Ramp(10), (await reader.ReadAsync<float>()).Data); // both copies still fresh
        clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(Ramp(10, 50), (await reader.ReadAsync<float>()).Data);
        Assert.True(cache.Stats.ExpiredEntries >= 1);
    }

    [Fact]
    public async Task The_byte_budget_holds_at_every_instant_under_eight_readers_of_many_arrays()
    {
        var store = new MemoryStore();
        var arrays = new List<ZarrArray>();
        var cache = new DecodedChunkCache(10_000); // a chunk is 4 KB: two chunks and a bit
        for (var a = 0; a < 6; a++)
        {
            var created = await ZarrArray.CreateAsync(store, $"a{a}", Float32([64, 64], [32, 32]));
            await created.WriteAsync<float>(null, Ramp(64 * 64, a * 10_000));
            arrays.Add(await ZarrArray.OpenAsync(store, $"a{a}", new ZarrArrayOptions { ChunkCache = cache }));
        }

        long worst = 0;
        var readsDone = 0;
        using var done = new CancellationTokenSource();
        var watcher = Task.Run(() =>
        {
            while (!done.IsCancellationRequested)
            {
                var size = cache.Size;
                if (size > Interlocked.Read(ref worst))
                {
                    Interlocked.Exchange(ref worst, size);
                }
            }
        });
        var wrong = 0;
        var readers = Enumerable.Range(0, 8).Select(r => Task.Run(async () =>
        {
            var random = new Random(r);
            for (var i = 0; i < 150; i++)
            {
                var a = random.Next(arrays.Count);
                var row = random.Next(60);
                var col = random.Next(40);
                var data = await arrays[a].ReadAsync<float>(ArraySelection.Parse($"{row}:{row + 4},{col}:{col + 24}"));
                if (data.Data[0] != (a * 10_000) + (row * 64) + col || data.Data[^1] != (a * 10_000) + ((row + 3) * 64) + col + 23)
                {
                    Interlocked.Increment(ref wrong);
                }

                Interlocked.Increment(ref readsDone);
            }
        })).ToArray();
        await Task.WhenAll(readers).WithTimeout("8 readers");
        await done.CancelAsync();
        await watcher;

        Assert.Equal(0, wrong);
        Assert.Equal(8 * 150, readsDone);
        Assert.InRange(Interlocked.Read(ref worst), 1, cache.MaxSize);
        Assert.True(cache.Stats.Evictions > 0, "the readers made the cache evict");
    }

    [Fact]
    public async Task Arrays_opened_at_once_in_different_stores_never_share_decoded_chunks()
    {
        var cache = new DecodedChunkCache(1 << 20);
        var stores = new List<MemoryStore>();
        for (var s = 0; s < 16; s++)
        {
            var store = new MemoryStore();
            var created = await ZarrArray.CreateAsync(store, string.Empty, Float32([10], [10])); // the same key, c/0, in every store
            await created.WriteAsync<float>(null, Ramp(10, s * 100));
            stores.Add(store);
        }

        // Opened concurrently, so the cache numbers the arrays concurrently.
        var arrays = await Task.WhenAll(stores.Select(store => Task.Run(() => ZarrArray.OpenAsync(store, string.Empty, new ZarrArrayOptions { ChunkCache = cache }))));
        for (var round = 0; round < 2; round++)
        {
            for (var s = 0; s < arrays.Length; s++)
            {
                Assert.Equal(Ramp(10, s * 100), (await arrays[s].ReadAsync<float>()).Data);
            }
        }

        Assert.Equal(16, cache.Count);
        Assert.Equal(16, cache.Stats.Hits);
    }

    [Fact]
    public void A_budget_that_is_not_positive_is_refused_naming_the_field()
    {
        var zero = Assert.Throws<ArgumentOutOfRangeException>(() => new DecodedChunkCache(0));
        var negative = Assert.Throws<ArgumentOutOfRangeException>(() => new DecodedChunkCache(-5));

        Assert.Equal("maxSizeBytes", zero.ParamName);
        Assert.Contains("maxSizeBytes", negative.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Opening_with_creation_fields_or_creating_without_them_names_the_field()
    {
        var store = new MemoryStore();
        await ZarrArray.CreateAsync(store, "a", Float32([4], [2]));

        var open = await Assert.ThrowsAsync<ArgumentException>(() => ZarrArray.OpenAsync(store, "a", new ZarrArrayOptions { Shape = [4] }));
        var create = await Assert.ThrowsAsync<ArgumentException>(() => ZarrArray.CreateAsync(store, "b", new ZarrArrayOptions { Shape = [4], DataType = ZarrDataTypeKind.Int8 }));

        Assert.Contains("ZarrArrayOptions.Shape", open.Message, StringComparison.Ordinal);
        Assert.Contains("ZarrArrayOptions.ChunkShape is required", create.Message, StringComparison.Ordinal);
    }
}
