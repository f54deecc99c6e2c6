using ZarrCache.IntegrationTests.Infrastructure;

namespace ZarrCache.IntegrationTests.Storage;

/// <summary>HttpStore against a real nginx (started by scripts/test.sh) serving ../shared/testdata.</summary>
public sealed class HttpStoreTests
{
    private const string ServerPath = "/testdata/zarrita-fixtures/";

    [Fact]
    public async Task Get_returns_the_file_and_its_etag()
    {
        var server = OriginServers.Http();
        using var store = new HttpStore(server.Zarrita);
        var value = await store.GetWithVersionAsync(Fixtures.SmallKey);
        Assert.NotNull(value);
        Assert.Equal(Fixtures.Bytes(Fixtures.SmallKey), value.Value.Bytes.ToArray());
        Assert.False(string.IsNullOrEmpty(value.Value.ETag));
    }

    [Fact]
    public async Task Missing_key_reads_as_null_everywhere()
    {
        using var store = new HttpStore(OriginServers.Http().Zarrita);
        StoreKey key = "v2/data.zarr/no-such-array/.zarray";
        Assert.Null(await store.GetAsync(key));
        Assert.Null(await store.GetRangeAsync(key, ByteRange.FromOffset(1, 3)));
        Assert.Null(await store.GetRangeAsync(key, ByteRange.FromOffset(1, 0)));
        Assert.Null(await store.GetRangesAsync(key, [ByteRange.FromOffset(0, 1), ByteRange.Suffix(2)]));
        Assert.Null(await store.GetSizeAsync(key));
        Assert.True((await store.GetIfNoneMatchAsync(key, "\"x\"")).IsMissing);
    }

    [Fact]
    public async Task Key_with_spaces_is_escaped_in_the_url()
    {
        var server = OriginServers.Http();
        using var store = new HttpStore(server.Zarrita);
        const string key = "v2/data.zarr/my group with spaces/.zgroup";
        var mark = server.Log.Mark();
        Assert.Equal(Fixtures.Bytes(key), (await store.GetAsync(key))!.Value.ToArray());
        var lines = await server.Log.LinesSince(mark, l => l.Count > 0);
        Assert.Contains(lines, l => l.Url == ServerPath + key && l.Status == 200);
    }

    [Fact]
    public async Task Ranges_suffixes_and_sizes_match_the_file()
    {
        var server = OriginServers.Http();
        using var store = new HttpStore(server.Zarrita);
        var key = Fixtures.SmallKey;
        var file = Fixtures.Bytes(key);
        Assert.Equal(file.Length, await store.GetSizeAsync(key));
        Assert.Equal(file[5..25], (await store.GetRangeAsync(key, ByteRange.FromOffset(5, 20)))!.Value.ToArray());
        Assert.Equal(file[100..], (await store.GetRangeAsync(key, ByteRange.FromOffset(100)))!.Value.ToArray());
        Assert.Equal(file[^17..], (await store.GetRangeAsync(key, ByteRange.Suffix(17)))!.Value.ToArray());
        Assert.Equal(file, (await store.GetRangeAsync(key, ByteRange.Suffix(file.Length + 100)))!.Value.ToArray());
        Assert.Equal(file[^3..], (await store.GetRangeAsync(key, ByteRange.FromOffset(file.Length - 3, 1000)))!.Value.ToArray());
        Assert.Equal(0, (await store.GetRangeAsync(key, ByteRange.FromOffset(file.Length + 5, 10)))!.Value.Length);
        Assert.Equal(0, (await store.GetRangeAsync(key, ByteRange.FromOffset(3, 0)))!.Value.Length);
        Assert.Equal(0, (await store.GetRangeAsync(key, ByteRange.Suffix(0)))!.Value.Length);

        var mark = server.Log.Mark();
        var several = await store.GetRangesAsync(key, [ByteRange.FromOffset(0, 4), ByteRange.Suffix(4), ByteRange.FromOffset(10, 10)]);
        Assert.NotNull(several);
        Assert.Equal(file[..4], several[0].ToArray());
        Assert.Equal(file[^4..], several[1].ToArray());
        Assert.Equal(file[10..20], several[2].ToArray());
        var lines = await server.Log.LinesSince(mark, l => l.Count >= 3);
        Assert.Equal(3, lines.Count(l => l.Status == 206));
        Assert.Contains(lines, l => l.Range == "bytes=-4");
    }

    [Fact]
    public async Task Conditional_get_reports_not_modified_and_a_changed_value()
    {
        var server = OriginServers.Http();
        var dir = Path.Combine(server.Root, "scratch", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        await File.WriteAllTextAsync(Path.Combine(dir, "v"), "one");
        using var store = new HttpStore(new Uri(server.BaseUri, "scratch/" + Path.GetFileName(dir) + "/"));
        var first = await store.GetWithVersionAsync("v");
        Assert.Equal("one"u8.ToArray(), first!.Value.Bytes.ToArray());
        Assert.True((await store.GetIfNoneMatchAsync("v", first.Value.ETag!)).IsNotModified);

        await File.WriteAllTextAsync(Path.Combine(dir, "v"), "second value");
        File.SetLastWriteTimeUtc(Path.Combine(dir, "v"), DateTime.UtcNow.AddMinutes(1));
        var changed = await store.GetIfNoneMatchAsync("v", first.Value.ETag!);
        Assert.False(changed.IsNotModified);
        Assert.Equal("second value"u8.ToArray(), changed.Value!.Value.Bytes.ToArray());
    }

    [Fact]
    public void Plain_http_cannot_list_and_says_so()
    {
        using var store = new HttpStore(OriginServers.Http().Zarrita);
        Assert.False(typeof(IListableStore).IsAssignableFrom(store.GetType()));
        var e = Assert.Throws<NotSupportedException>(() => StoreCapabilities.RequireListable(store));
        Assert.Contains("plain HTTP", e.Message, StringComparison.Ordinal);
        var cached = new CachedStore(store, new LruMemoryCache(1 << 20));
        Assert.False(cached.IsListable);
        Assert.Throws<NotSupportedException>(() => cached.ListAsync(StorePrefix.Root));
    }

    [Fact]
    public async Task Second_pass_through_CachedStore_makes_no_request_to_nginx()
    {
        var server = OriginServers.Http();
        using var store = new HttpStore(server.Zarrita);
        await ReadThroughChecks.Second_pass_is_served_from_the_cache(store, server.Log, ServerPath, Fixtures.ChunkedArray);
    }

    [Fact]
    public async Task Adjacent_ranges_are_one_nginx_request()
    {
        var server = OriginServers.Http();
        using var store = new HttpStore(server.Zarrita);
        await ReadThroughChecks.Adjacent_ranges_are_read_with_one_request(store, server.Log);
    }

    [Fact]
    public async Task Repeated_range_read_through_CachedStore_makes_one_nginx_request()
    {
        var server = OriginServers.Http();
        using var store = new HttpStore(server.Zarrita);
        await ReadThroughChecks.Repeated_range_read_is_served_from_the_cache(store, server.Log, ServerPath);
    }

    [Fact]
    public async Task Eight_concurrent_readers_make_one_nginx_get_per_key()
    {
        var server = OriginServers.Http();
        using var store = new HttpStore(server.Zarrita);
        await ReadThroughChecks.Concurrent_readers_share_one_origin_read_per_key(store, server.Log, ServerPath, Fixtures.V3Array);
    }

    [Fact]
    public async Task Works_over_a_caller_owned_HttpClient()
    {
        var server = OriginServers.Http();
        using var client = new HttpClient();
        using (var store = new HttpStore(client, server.Zarrita))
        {
            Assert.Equal(Fixtures.Bytes(Fixtures.SmallKey), (await store.GetAsync(Fixtures.SmallKey))!.Value.ToArray());
        }

        // The store did not dispose the caller's client.
        Assert.Equal(Fixtures.Bytes(Fixtures.SmallKey), await client.GetByteArrayAsync(new Uri(server.Zarrita, Fixtures.SmallKey)));
    }
}
