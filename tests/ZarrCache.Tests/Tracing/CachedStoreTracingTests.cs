using ZarrCache.Tests.TestSupport;
using ZarrCache.Zarr;
using ZarrCache.Zarr.DataTypes;

namespace ZarrCache.Tests.Tracing;

/// <summary>
/// A <see cref="CachedStore"/> with <see cref="CacheConfig.AccessObserver"/> set reports every request it counts: the
/// trace of a real Zarr read holds exactly the hits and misses of <see cref="CachedStore.CacheStats"/>, hits name the
/// tier that answered (memory or disk, through the entry), misses the size the origin returned.
/// </summary>
public sealed class CachedStoreTracingTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly string _origin;
    private readonly string _disk;

    public CachedStoreTracingTests()
    {
        _origin = Path.Combine(_temp.Path, "origin");
        _disk = Path.Combine(_temp.Path, "disk");
        Directory.CreateDirectory(_origin);
    }

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task A_zarr_read_records_exactly_the_hits_and_misses_the_store_counts_and_misses_record_the_origin_size()
    {
        await CreateArrayAsync();
        var origin = new FileSystemStore(_origin);
        var (records, stats) = await TraceAsync(async store =>
        {
            var array = await ZarrArray.OpenAsync(store, "");
            await array.ReadAsync(ArraySelection.All);
            await array.ReadAsync(ArraySelection.All);
        });

        Assert.Equal(stats.Hits, records.Count(r => r.Outcome == AccessOutcome.Hit));
        Assert.Equal(stats.Misses, records.Count(r => r.Outcome == AccessOutcome.Miss));
        Assert.Equal(16, records.Count(r => r.Outcome == AccessOutcome.Hit && r.Key.StartsWith("c/", StringComparison.Ordinal)));
        Assert.All(records.Where(r => r.Outcome == AccessOutcome.Hit), r => Assert.Equal(AccessTier.Memory, r.Tier));
        foreach (var miss in records.Where(r => r.Outcome == AccessOutcome.Miss))
        {
            Assert.Equal(AccessTier.Origin, miss.Tier);
            Assert.Equal(await origin.GetSizeAsync(miss.Key) ?? 0, miss.Size);
        }
    }

    [Fact]
    public async Task Hits_name_the_tier_that_answered_disk_first_then_memory_after_promotion()
    {
        await CreateArrayAsync();
        await TraceAsync(async store => await (await ZarrArray.OpenAsync(store, "")).ReadAsync(ArraySelection.All));

        // A new store over the same disk folder: its memory tier starts empty.
        var firstPass = 0;
        var (records, stats) = await TraceAsync(async store =>
        {
            var array = await ZarrArray.OpenAsync(store, "");
            await array.ReadAsync(ArraySelection.All);
            firstPass = (int)store.CacheStats.Hits;
            await array.ReadAsync(ArraySelection.All);
        });

        Assert.Equal(0, stats.Misses);
        Assert.Equal(stats.Hits, records.Count);
        Assert.All(records.Take(firstPass), r => Assert.Equal((AccessOutcome.Hit, AccessTier.Disk), (r.Outcome, r.Tier)));
        Assert.All(records.Skip(firstPass), r => Assert.Equal((AccessOutcome.Hit, AccessTier.Memory), (r.Outcome, r.Tier)));
        Assert.Equal(16, records.Skip(firstPass).Count());
    }

    [Fact]
    public async Task A_range_read_records_the_cache_key_and_size_of_the_range()
    {
        var origin = new MemoryStore();
        await origin.SetAsync("a/c/0", Enumerable.Range(0, 100).Select(i => (byte)i).ToArray());
        using var stream = new MemoryStream();
        var writer = new TraceWriter(stream, leaveOpen: true);
        var store = new CachedStore(origin, new CacheConfig { AccessObserver = writer });

        await store.GetRangeAsync("a/c/0", ByteRange.FromOffset(10, 20));
        await store.GetRangeAsync("a/c/0", ByteRange.FromOffset(12, 5));
        await store.GetAsync("a/c/0");
        await store.GetRangeAsync("a/c/0", ByteRange.FromOffset(50, 5));
        writer.Dispose();

        var records = TraceRecords.Of(stream.ToArray());
        Assert.Equal(
            [(AccessOutcome.Miss, 20L), (AccessOutcome.Hit, 20L), (AccessOutcome.Miss, 100L), (AccessOutcome.Hit, 100L)],
            records.Select(r => (r.Outcome, r.Size)));
        Assert.Equal(records[0].Key, records[1].Key);
        Assert.NotEqual("a/c/0", records[0].Key);
        Assert.StartsWith("a/c/0", records[0].Key, StringComparison.Ordinal);
        Assert.Equal(["a/c/0", "a/c/0"], records.Skip(2).Select(r => r.Key));
        Assert.Equal((store.CacheStats.Hits, store.CacheStats.Misses), (2L, 2L));
    }

    [Fact]
    public async Task A_traced_memory_hit_allocates_nothing_once_its_key_is_in_the_trace()
    {
        var origin = new MemoryStore();
        await origin.SetAsync("a/c/0/0", new byte[1024]);
        using var writer = new TraceWriter(Stream.Null);
        var store = new CachedStore(origin, new CacheConfig { AccessObserver = writer });
        await store.GetAsync("a/c/0/0");

        Assert.Equal(0, Allocations.OfRepeatedReads(store, "a/c/0/0"));
        Assert.Equal(1 + 100 + (5 * 1000), writer.Records); // The miss, the warm-up hits and every measured hit were recorded.
    }

    [Fact]
    public async Task A_failed_origin_read_is_recorded_as_a_miss_of_size_0()
    {
        using var stream = new MemoryStream();
        var writer = new TraceWriter(stream, leaveOpen: true);
        var store = new CachedStore(new FailingStore(), new CacheConfig { AccessObserver = writer });

        await Assert.ThrowsAsync<IOException>(async () => await store.GetAsync("a/c/0"));
        writer.Dispose();

        var record = Assert.Single(TraceRecords.Of(stream.ToArray()));
        Assert.Equal(("a/c/0", 0L, AccessOutcome.Miss, AccessTier.Origin), (record.Key, record.Size, record.Outcome, record.Tier));
        Assert.Equal(1, store.CacheStats.Misses);
    }

    private async Task CreateArrayAsync()
    {
        var array = await ZarrArray.CreateAsync(new FileSystemStore(_origin), "", new ZarrArrayOptions
        {
            Shape = [8, 8],
            ChunkShape = [2, 2],
            DataType = ZarrDataTypeKind.Int32,
        });
        await array.WriteAsync<int>(ArraySelection.All, Enumerable.Range(0, 64).ToArray());
    }

    /// <summary>Runs <paramref name="read"/> on a fresh memory-over-disk store that traces; returns the trace and the store's counts.</summary>
    private async Task<(List<TraceRecord> Records, CacheStats Stats)> TraceAsync(Func<CachedStore, Task> read)
    {
        using var stream = new MemoryStream();
        var writer = new TraceWriter(stream, leaveOpen: true);
        CacheStats stats;
        await using (var store = CachedStore.Create(new FileSystemStore(_origin), new CacheConfig { DiskCacheDir = _disk, AccessObserver = writer }))
        {
            await read(store);
            stats = store.CacheStats;
        }

        writer.Dispose();
        return (TraceRecords.Of(stream.ToArray()), stats);
    }

    private sealed class FailingStore : IReadableStore
    {
        public ValueTask<ReadOnlyMemory<byte>?> GetAsync(StoreKey key, CancellationToken cancellationToken = default) =>
            throw new IOException("the origin is down");

        public ValueTask<ReadOnlyMemory<byte>?> GetRangeAsync(StoreKey key, ByteRange range, CancellationToken cancellationToken = default) =>
            throw new IOException("the origin is down");

        public ValueTask<IReadOnlyList<ReadOnlyMemory<byte>>?> GetRangesAsync(StoreKey key, IReadOnlyList<ByteRange> ranges, CancellationToken cancellationToken = default) =>
            throw new IOException("the origin is down");

        public ValueTask<long?> GetSizeAsync(StoreKey key, CancellationToken cancellationToken = default) =>
            throw new IOException("the origin is down");
    }
}
