namespace ZarrCache.Tests.TestSupport;

/// <summary>The behaviour every <see cref="IStore"/> shares; each store's test class runs these against its store.</summary>
public abstract class StoreContract
{
    protected abstract IStore CreateStore();

    [Fact]
    public async Task A_missing_key_reads_as_null_not_as_an_exception_or_an_empty_value()
    {
        var store = CreateStore();

        Assert.Null(await store.GetAsync("nothing/here"));
        Assert.Null(await store.GetRangeAsync("nothing/here", ByteRange.FromOffset(0, 1)));
        Assert.Null(await store.GetRangesAsync("nothing/here", [ByteRange.Suffix(1)]));
        Assert.Null(await store.GetSizeAsync("nothing/here"));
    }

    [Fact]
    public async Task A_written_value_reads_back_whole_in_ranges_and_by_size()
    {
        var store = CreateStore();
        var bytes = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();

        await store.SetAsync("a/c/0/0", bytes);

        Assert.Equal(bytes, (await store.GetAsync("a/c/0/0"))!.Value.ToArray());
        Assert.Equal(new byte[] { 10, 11 }, (await store.GetRangeAsync("a/c/0/0", ByteRange.FromOffset(10, 2)))!.Value.ToArray());
        var ranges = await store.GetRangesAsync("a/c/0/0", [ByteRange.Suffix(2), ByteRange.FromOffset(250), ByteRange.FromOffset(300, 5)]);
        Assert.Equal(new byte[] { 254, 255 }, ranges![0].ToArray());
        Assert.Equal(6, ranges[1].Length);
        Assert.Equal(0, ranges[2].Length);
        Assert.Equal(256, await store.GetSizeAsync("a/c/0/0"));
    }

    [Fact]
    public async Task An_empty_value_is_not_a_missing_value()
    {
        var store = CreateStore();
        await store.SetAsync("empty", ReadOnlyMemory<byte>.Empty);

        var value = await store.GetAsync("empty");

        Assert.NotNull(value);
        Assert.Equal(0, value.Value.Length);
    }

    [Fact]
    public async Task Writing_replaces_the_old_value_and_the_writer_keeps_its_buffer()
    {
        var store = CreateStore();
        var buffer = new byte[] { 1, 2, 3 };
        await store.SetAsync("k", buffer);
        buffer[0] = 9;
        Assert.Equal(new byte[] { 1, 2, 3 }, (await store.GetAsync("k"))!.Value.ToArray());

        await store.SetAsync("k", new byte[] { 4 });

        Assert.Equal(new byte[] { 4 }, (await store.GetAsync("k"))!.Value.ToArray());
    }

    [Fact]
    public async Task Listing_finds_keys_under_a_prefix_and_the_direct_children()
    {
        var store = CreateStore();
        foreach (var key in new[] { "g/a/zarr.json", "g/a/c/0/0", "g/a/c/0/1", "g/b/zarr.json", "g/zarr.json", "other/x" })
        {
            await store.SetAsync(key, new byte[] { 1 });
        }

        var under = new List<string>();
        await foreach (var key in store.ListAsync("g/a/"))
        {
            under.Add(key.Value);
        }

        var children = new List<StoreEntry>();
        await foreach (var entry in store.ListDirAsync("g/"))
        {
            children.Add(entry);
        }

        var all = new List<string>();
        await foreach (var key in store.ListAsync(StorePrefix.Root))
        {
            all.Add(key.Value);
        }

        under.Sort(StringComparer.Ordinal);
        Assert.Equal(new[] { "g/a/c/0/0", "g/a/c/0/1", "g/a/zarr.json" }, under);
        Assert.Equal(
            new[] { new StoreEntry("g/a/", true), new StoreEntry("g/b/", true), new StoreEntry("g/zarr.json", false) },
            children.OrderBy(c => c.Path, StringComparer.Ordinal));
        Assert.Equal(6, all.Count);
        Assert.Equal("a", children.Single(c => c.Path == "g/a/").Name);
    }

    [Fact]
    public async Task Delete_and_delete_prefix_remove_keys()
    {
        var store = CreateStore();
        foreach (var key in new[] { "a/c/0", "a/c/1", "b/c/0" })
        {
            await store.SetAsync(key, new byte[] { 1 });
        }

        await store.DeleteAsync("b/c/0");
        await store.DeleteAsync("never/was");
        await store.DeletePrefixAsync("a/");

        Assert.Null(await store.GetAsync("a/c/0"));
        Assert.Null(await store.GetAsync("a/c/1"));
        Assert.Null(await store.GetAsync("b/c/0"));
    }
}
