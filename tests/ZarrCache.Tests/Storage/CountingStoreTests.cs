namespace ZarrCache.Tests.Storage;

public class CountingStoreTests
{
    private static async Task<CountingStore> Seeded()
    {
        var inner = new MemoryStore();
        await inner.SetAsync("a/.zarray", new byte[10]);
        await inner.SetAsync("a/0.0", new byte[100]);
        return new CountingStore(inner);
    }

    [Fact]
    public async Task Counts_each_kind_of_read_by_key_kind()
    {
        var store = await Seeded();
        await store.GetAsync("a/.zarray");
        await store.GetAsync("a/0.0");
        await store.GetAsync("a/1.0");
        await store.GetRangeAsync("a/0.0", ByteRange.FromOffset(10, 20));
        await store.GetRangesAsync("a/0.0", [ByteRange.FromOffset(0, 5), ByteRange.Suffix(5)]);
        await store.GetSizeAsync("a/0.0");

        var chunks = store.CountsFor(KeyKind.Chunk);
        Assert.Equal(2, chunks.Gets);
        Assert.Equal(3, chunks.RangeGets);
        Assert.Equal(1, chunks.SizeCalls);
        Assert.Equal(1, chunks.Misses);
        Assert.Equal(100 + 20 + 10, chunks.Bytes);
        var meta = store.CountsFor(KeyKind.ArrayMetadata);
        Assert.Equal(1, meta.Gets);
        Assert.Equal(10, meta.Bytes);
        Assert.Equal(3, store.Total.Gets);
        Assert.Equal(7, store.Total.Requests);

        store.Reset();
        Assert.Equal(0, store.Total.Requests);
    }

    [Fact]
    public async Task Counts_hold_under_concurrent_readers()
    {
        var store = await Seeded();
        await Parallel.ForAsync(0, 1000, async (_, ct) => await store.GetAsync("a/0.0", ct));
        Assert.Equal(1000, store.Total.Gets);
        Assert.Equal(100_000, store.Total.Bytes);
    }
}
