using ZarrCache.Tests.TestSupport;

namespace ZarrCache.Tests.Caching;

public class CachedStoreMissingTests
{
    private static CachedStore OverDisk(IReadableStore origin, string folder, TimeProvider? time = null) =>
        new(origin, new CacheConfig { DiskCacheDir = folder }, timeProvider: time);

    [Fact]
    public async Task A_missing_key_remembered_on_disk_is_not_asked_again_by_a_new_store()
    {
        using var folder = new TempDirectory();
        var origin = new ProbeStore();

        await using (var first = OverDisk(origin, folder.Path))
        {
            Assert.Null(await first.GetAsync("a/zarr.json"));
        }

        await using var second = OverDisk(origin, folder.Path);
        Assert.Null(await second.GetAsync("a/zarr.json"));

        Assert.Equal(1, origin.CallsFor("a/zarr.json"));
        Assert.Equal(1, second.CacheStats.NegativeHits);
    }

    [Fact]
    public async Task The_marker_expires_after_the_negative_ttl()
    {
        using var folder = new TempDirectory();
        var origin = new ProbeStore();
        var clock = new ManualTimeProvider();
        await using (var first = OverDisk(origin, folder.Path, clock))
        {
            await first.GetAsync("a/.zattrs");
        }

        clock.Advance(TimeSpan.FromMinutes(6));
        await using var second = OverDisk(origin, folder.Path, clock);
        await second.GetAsync("a/.zattrs");

        Assert.Equal(2, origin.CallsFor("a/.zattrs"));
    }

    [Fact]
    public async Task Writing_the_key_removes_the_marker()
    {
        using var folder = new TempDirectory();
        var origin = new MemoryStore();
        var config = new CacheConfig { DiskCacheDir = folder.Path, WritePolicy = WritePolicy.Invalidate };
        await using (var first = new CachedStore(origin, config))
        {
            Assert.Null(await first.GetAsync("a/.zattrs"));
            await first.SetAsync("a/.zattrs", "{}"u8.ToArray()); // invalidates: neither the value nor the marker stays
        }

        await using var second = new CachedStore(origin, config);
        var value = await second.GetAsync("a/.zattrs");

        Assert.Equal("{}"u8.ToArray(), value!.Value.ToArray());
    }

    [Fact]
    public async Task A_memory_only_store_keeps_no_marker()
    {
        var origin = new ProbeStore();
        await using var store = new CachedStore(origin, new CacheConfig());

        await store.GetAsync("a/zarr.json");

        Assert.Equal(0, store.CacheStats.Entries);
        Assert.Equal(1, store.CacheStats.NegativeEntries);
    }
}
