using ZarrCache.IntegrationTests.Infrastructure;
using ZarrCache.S3;

namespace ZarrCache.IntegrationTests.S3;

/// <summary>S3Store (AWS SDK) against a real s3rver (started by scripts/test.sh) holding the zarrita fixtures.</summary>
public sealed class S3StoreTests
{
    private static S3Store Open(S3Server server, StorePrefix prefix = default, S3StoreOptions? options = null) =>
        new(server.Bucket, prefix, (options ?? new S3StoreOptions()) with { Endpoint = server.Endpoint, Anonymous = true });

    [Fact]
    public async Task Get_returns_the_object_and_its_etag()
    {
        using var store = Open(OriginServers.S3());
        var value = await store.GetWithVersionAsync(Fixtures.SmallKey);
        Assert.NotNull(value);
        Assert.Equal(Fixtures.Bytes(Fixtures.SmallKey), value.Value.Bytes.ToArray());
        Assert.False(string.IsNullOrEmpty(value.Value.ETag));
    }

    [Fact]
    public async Task Missing_key_reads_as_null_everywhere()
    {
        using var store = Open(OriginServers.S3());
        StoreKey key = "v2/data.zarr/no-such-array/.zarray";
        Assert.Null(await store.GetAsync(key));
        Assert.Null(await store.GetRangeAsync(key, ByteRange.FromOffset(1, 3)));
        Assert.Null(await store.GetRangeAsync(key, ByteRange.Suffix(0)));
        Assert.Null(await store.GetRangesAsync(key, [ByteRange.FromOffset(0, 1), ByteRange.Suffix(2)]));
        Assert.Null(await store.GetSizeAsync(key));
        Assert.True((await store.GetIfNoneMatchAsync(key, "\"x\"")).IsMissing);
    }

    [Fact]
    public async Task Missing_bucket_is_a_clear_error()
    {
        var server = OriginServers.S3();
        using var store = new S3Store("no-such-bucket-zc", default, new S3StoreOptions { Endpoint = server.Endpoint, Anonymous = true });
        var e = await Assert.ThrowsAsync<StoreException>(async () => await store.GetAsync("a"));
        Assert.Contains("no-such-bucket-zc", e.Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ranges_suffixes_and_sizes_match_the_object()
    {
        var server = OriginServers.S3();
        using var store = Open(server);
        var key = Fixtures.SmallKey;
        var file = Fixtures.Bytes(key);
        Assert.Equal(file.Length, await store.GetSizeAsync(key));
        Assert.Equal(file[5..25], (await store.GetRangeAsync(key, ByteRange.FromOffset(5, 20)))!.Value.ToArray());
        Assert.Equal(file[100..], (await store.GetRangeAsync(key, ByteRange.FromOffset(100)))!.Value.ToArray());
        Assert.Equal(file[^3..], (await store.GetRangeAsync(key, ByteRange.FromOffset(file.Length - 3, 1000)))!.Value.ToArray());
        Assert.Equal(0, (await store.GetRangeAsync(key, ByteRange.FromOffset(file.Length + 5, 10)))!.Value.Length);
        Assert.Equal(0, (await store.GetRangeAsync(key, ByteRange.FromOffset(3, 0)))!.Value.Length);

        // s3rver 3.7.1 answers "bytes=-17" with bytes 0-17: the store notices from Content-Range and asks again.
        var mark = server.Log.Mark();
        Assert.Equal(file[^17..], (await store.GetRangeAsync(key, ByteRange.Suffix(17)))!.Value.ToArray());
        var absolute = $"bytes={file.Length - 17}-{file.Length - 1}";
        var lines = await server.Log.LinesSince(mark, l => l.Any(x => x.Range == "bytes=-17") && l.Any(x => x.Range == absolute));
        Assert.Contains(lines, l => l.Range == "bytes=-17");
        Assert.Contains(lines, l => l.Range == $"bytes={file.Length - 17}-{file.Length - 1}");
        Assert.Equal(file, (await store.GetRangeAsync(key, ByteRange.Suffix(file.Length + 50)))!.Value.ToArray());

        var several = await store.GetRangesAsync(key, [ByteRange.FromOffset(0, 4), ByteRange.Suffix(4), ByteRange.FromOffset(10, 10)]);
        Assert.NotNull(several);
        Assert.Equal(file[..4], several[0].ToArray());
        Assert.Equal(file[^4..], several[1].ToArray());
        Assert.Equal(file[10..20], several[2].ToArray());
    }

    [Fact]
    public async Task Listing_is_paginated_and_complete()
    {
        var server = OriginServers.S3();
        using var store = Open(server, default, new S3StoreOptions { ListPageSize = 7 });
        var expected = Fixtures.KeysUnder(Fixtures.ChunkedArray);
        var mark = server.Log.Mark();
        var listed = new List<string>();
        await foreach (var key in store.ListAsync(Fixtures.ChunkedArray + "/"))
        {
            listed.Add(key.Value);
        }

        Assert.Equal(expected, listed.Order(StringComparer.Ordinal).ToList());
        var pages = (expected.Count + 6) / 7;
        Assert.InRange(store.ListPageCount, pages, pages + 1);
        // Only this listing's pages (its prefix names the array): s3rver logs asynchronously, other tests' lines may land here.
        bool Mine(LogLine l) => l.Method == "GET" && l.Url.Contains("list-type=2", StringComparison.Ordinal) && l.Url.Contains("3d.chunked.i2", StringComparison.Ordinal);
        var lines = await server.Log.LinesSince(mark, l => l.Count(Mine) >= store.ListPageCount);
        Assert.Equal(store.ListPageCount, lines.Count(Mine));
    }

    [Fact]
    public async Task Listing_stops_after_the_pages_it_needs()
    {
        using var store = Open(OriginServers.S3(), default, new S3StoreOptions { ListPageSize = 5 });
        var taken = 0;
        await foreach (var _ in store.ListAsync("v2/"))
        {
            if (++taken == 3)
            {
                break;
            }
        }

        Assert.Equal(1, store.ListPageCount);
    }

    [Fact]
    public async Task ListDir_gives_the_direct_children()
    {
        using var store = Open(OriginServers.S3(), "v2/", new S3StoreOptions { ListPageSize = 10 });
        var entries = new List<StoreEntry>();
        await foreach (var entry in store.ListDirAsync("data.zarr/"))
        {
            entries.Add(entry);
        }

        var root = Path.Combine(Fixtures.Root, "v2", "data.zarr");
        var dirs = Directory.GetDirectories(root).Select(d => "data.zarr/" + Path.GetFileName(d) + "/").Order(StringComparer.Ordinal);
        var files = Directory.GetFiles(root).Select(f => "data.zarr/" + Path.GetFileName(f)).Order(StringComparer.Ordinal);
        Assert.Equal(dirs, entries.Where(e => e.IsPrefix).Select(e => e.Path).Order(StringComparer.Ordinal));
        Assert.Equal(files, entries.Where(e => !e.IsPrefix).Select(e => e.Path).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Prefix_store_reads_keys_relative_to_its_prefix()
    {
        using var store = S3Store.Open("s3://" + OriginServers.S3().Bucket + "/v2/data.zarr", new S3StoreOptions { Endpoint = OriginServers.S3().Endpoint, Anonymous = true });
        Assert.Equal(Fixtures.Bytes(Fixtures.SmallKey), (await store.GetAsync("1d.contiguous.i4/.zarray"))!.Value.ToArray());
        Assert.Equal("v2/data.zarr/", store.Prefix.Value);
    }

    [Fact]
    public async Task Put_get_delete_and_delete_prefix_round_trip()
    {
        var scratch = "scratch-" + Guid.NewGuid().ToString("N") + "/";
        using var store = Open(OriginServers.S3(), scratch);
        await store.SetAsync("a/1", "one"u8.ToArray());
        await store.SetAsync("a/2", new byte[70_000]);
        await store.SetAsync("b", "bee"u8.ToArray());
        Assert.Equal("one"u8.ToArray(), (await store.GetAsync("a/1"))!.Value.ToArray());
        Assert.Equal(70_000, await store.GetSizeAsync("a/2"));

        await store.DeleteAsync("a/1");
        await store.DeleteAsync("a/1");
        Assert.Null(await store.GetAsync("a/1"));

        await store.DeletePrefixAsync("a/");
        Assert.Null(await store.GetAsync("a/2"));
        Assert.Equal("bee"u8.ToArray(), (await store.GetAsync("b"))!.Value.ToArray());
        await store.DeletePrefixAsync(StorePrefix.Root);
        var left = new List<StoreKey>();
        await foreach (var key in store.ListAsync(StorePrefix.Root))
        {
            left.Add(key);
        }

        Assert.Empty(left);
    }

    [Fact]
    public async Task Conditional_get_reports_not_modified_and_a_changed_value()
    {
        using var store = Open(OriginServers.S3(), "scratch-" + Guid.NewGuid().ToString("N") + "/");
        await store.SetAsync("v", "one"u8.ToArray());
        var first = await store.GetWithVersionAsync("v");
        Assert.True((await store.GetIfNoneMatchAsync("v", first!.Value.ETag!)).IsNotModified);
        await store.SetAsync("v", "two!"u8.ToArray());
        var changed = await store.GetIfNoneMatchAsync("v", first.Value.ETag!);
        Assert.Equal("two!"u8.ToArray(), changed.Value!.Value.Bytes.ToArray());
        Assert.NotEqual(first.Value.ETag, changed.Value.Value.ETag);
        await store.DeletePrefixAsync(StorePrefix.Root);
    }

    [Fact]
    public async Task Second_pass_through_CachedStore_makes_no_request_to_s3rver()
    {
        var server = OriginServers.S3();
        using var store = Open(server);
        await ReadThroughChecks.Second_pass_is_served_from_the_cache(store, server.Log, "/" + server.Bucket + "/", Fixtures.ChunkedArray);
    }

    [Fact]
    public async Task Adjacent_ranges_are_one_s3rver_request()
    {
        var server = OriginServers.S3();
        using var store = Open(server);
        await ReadThroughChecks.Adjacent_ranges_are_read_with_one_request(store, server.Log);
    }

    [Fact]
    public async Task Repeated_range_read_through_CachedStore_makes_one_s3rver_request()
    {
        var server = OriginServers.S3();
        using var store = Open(server);
        await ReadThroughChecks.Repeated_range_read_is_served_from_the_cache(store, server.Log, "/" + server.Bucket + "/");
    }

    [Fact]
    public async Task Eight_concurrent_readers_make_one_s3rver_get_per_key()
    {
        var server = OriginServers.S3();
        using var store = Open(server);
        await ReadThroughChecks.Concurrent_readers_share_one_origin_read_per_key(store, server.Log, "/" + server.Bucket + "/", Fixtures.V3Array);
    }

    [Fact]
    public async Task Endpoint_comes_from_AWS_ENDPOINT_URL_when_not_given()
    {
        var server = OriginServers.S3();
        var before = Environment.GetEnvironmentVariable(S3StoreOptions.EndpointVariable);
        Environment.SetEnvironmentVariable(S3StoreOptions.EndpointVariable, server.Endpoint.ToString());
        try
        {
            using var store = new S3Store(server.Bucket, default, new S3StoreOptions { Anonymous = true });
            Assert.Equal(Fixtures.Bytes(Fixtures.SmallKey), (await store.GetAsync(Fixtures.SmallKey))!.Value.ToArray());
        }
        finally
        {
            Environment.SetEnvironmentVariable(S3StoreOptions.EndpointVariable, before);
        }
    }
}
