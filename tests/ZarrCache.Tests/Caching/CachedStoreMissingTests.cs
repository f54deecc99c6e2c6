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
        await using (var first = CachedStore.Create(origin, config))
        {
            Assert.Null(await first.GetAsync("a/.zattrs"));
            await first.SetAsync("a/.zattrs", "{}"u8.ToArray()); // invalidates: neither the value nor the marker stays
        }

        await using var second = CachedStore.Create(origin, config);
        var value = await second.GetAsync("a/.zattrs");

        Assert.Equal("{}"u8.ToArray(), value!.Value.ToArray());
    }

    [Fact]
    public async Task A_memory_only_store_keeps_no_marker()
    {
        var origin = new ProbeStore();
        await using var store = CachedStore.Create(origin, new CacheConfig());

        await store.GetAsync("a/zarr.json");

        Assert.Equal(0, store.CacheStats.Entries);
        Assert.Equal(1, store.CacheStats.NegativeEntries);
    }

    [Fact]
    public async Task A_user_key_that_looks_like_a_marker_is_served_its_own_bytes()
    {
        using var folder = new TempDirectory();
        var origin = new MemoryStore();
        var real = new byte[34];
        Array.Fill(real, (byte)7);
        await origin.SetAsync(".zarrcache-missing/foo/.zattrs", real);
        await using var store = OverDisk(origin, folder.Path);

        Assert.Null(await store.GetAsync("foo/.zattrs")); // remembered as missing, persistently
        var value = await store.GetAsync(".zarrcache-missing/foo/.zattrs");

        Assert.Equal(real, value!.Value.ToArray());
    }

    [Fact]
    public async Task A_cached_user_key_that_looks_like_a_marker_does_not_hide_the_key_it_names()
    {
        using var folder = new TempDirectory();
        var origin = new MemoryStore();
        await origin.SetAsync(".zarrcache-missing/bar/.zattrs", "{}"u8.ToArray());
        await origin.SetAsync("bar/.zattrs", "{\"a\":1}"u8.ToArray());
        await using (var first = OverDisk(origin, folder.Path))
        {
            Assert.NotNull(await first.GetAsync(".zarrcache-missing/bar/.zattrs"));
        }

        await using var second = OverDisk(origin, folder.Path); // a new process over the same disk cache
        var value = await second.GetAsync("bar/.zattrs");

        Assert.Equal("{\"a\":1}"u8.ToArray(), value!.Value.ToArray());
    }
}
