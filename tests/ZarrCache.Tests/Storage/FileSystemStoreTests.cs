using ZarrCache.Tests.TestSupport;

namespace ZarrCache.Tests.Storage;

public sealed class FileSystemStoreTests : StoreContract, IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "zarrcache-fs-" + Guid.NewGuid().ToString("N"));
    private readonly string _outside;

    public FileSystemStoreTests()
    {
        _outside = _root + "-outside";
        Directory.CreateDirectory(_root);
        Directory.CreateDirectory(_outside);
        File.WriteAllText(Path.Combine(_outside, "secret"), "do not read");
    }

    public void Dispose()
    {
        Directory.Delete(_root, recursive: true);
        Directory.Delete(_outside, recursive: true);
    }

    protected override IStore CreateStore() => new FileSystemStore(Path.Combine(_root, Guid.NewGuid().ToString("N")));

    [Fact]
    public async Task A_key_is_a_file_under_the_root()
    {
        var store = new FileSystemStore(_root);
        await store.SetAsync("a/c/0/1", new byte[] { 7 });

        Assert.Equal(new byte[] { 7 }, await File.ReadAllBytesAsync(Path.Combine(_root, "a", "c", "0", "1")));
    }

    [Theory]
    [InlineData("../x")]
    [InlineData("a/../../x")]
    [InlineData("/etc/passwd")]
    [InlineData("a\\..\\..\\x")]
    public void Keys_that_would_escape_the_root_cannot_even_be_made(string text)
    {
        Assert.Throws<ArgumentException>(() => new StoreKey(text));
    }

    [Fact]
    public async Task A_symbolic_link_inside_the_root_does_not_lead_outside_it()
    {
        var store = new FileSystemStore(_root);
        Directory.CreateSymbolicLink(Path.Combine(_root, "link"), _outside);

        var read = await Assert.ThrowsAsync<ArgumentException>(async () => await store.GetAsync("link/secret"));
        Assert.Contains("link/secret", read.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArgumentException>(async () => await store.SetAsync("link/planted", new byte[] { 1 }));
        await Assert.ThrowsAsync<ArgumentException>(async () => await store.DeleteAsync("link/secret"));

        Assert.False(File.Exists(Path.Combine(_outside, "planted")));
        Assert.True(File.Exists(Path.Combine(_outside, "secret")));
        var listed = new List<StoreKey>();
        await foreach (var key in store.ListAsync(StorePrefix.Root))
        {
            listed.Add(key);
        }

        Assert.DoesNotContain(listed, k => k.Value.Contains("secret", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Delete_prefix_at_the_root_leaves_a_linked_folder_outside_untouched()
    {
        var store = new FileSystemStore(_root);
        await store.SetAsync("a/c/0", new byte[] { 1 });
        Directory.CreateSymbolicLink(Path.Combine(_root, "link"), _outside);

        await store.DeletePrefixAsync(StorePrefix.Root);

        Assert.True(File.Exists(Path.Combine(_outside, "secret")));
        Assert.Empty(Directory.EnumerateFileSystemEntries(_root));
    }

    [Fact]
    public async Task Readers_never_see_half_a_value_while_it_is_rewritten()
    {
        var store = new FileSystemStore(_root);
        var sizes = new[] { 1 << 20, 3 << 19 };
        await store.SetAsync("a/c/0", Enumerable.Repeat((byte)0, sizes[0]).ToArray());
        var writes = Task.Run(async () =>
        {
            for (var i = 1; i <= 40; i++)
            {
                await store.SetAsync("a/c/0", Enumerable.Repeat((byte)i, sizes[i % 2]).ToArray());
            }
        });

        var reads = 0;
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (!writes.IsCompleted && watch.Elapsed < TimeSpan.FromMinutes(1))
        {
            var value = (await store.GetAsync("a/c/0"))!.Value.ToArray();
            Assert.Contains(value.Length, sizes);
            Assert.True(value.All(b => b == value[0]), "a read mixed two writes");
            Assert.Equal(sizes[value[0] % 2], value.Length);
            reads++;
        }

        await writes.WaitAsync(TimeSpan.FromMinutes(1));
        Assert.True(reads > 0);
        Assert.DoesNotContain(Directory.EnumerateFiles(_root, "*", SearchOption.AllDirectories), f => Path.GetFileName(f).StartsWith(FileSystemStore.TempFilePrefix, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_symbolic_link_to_a_file_outside_the_root_is_never_read_sized_or_listed()
    {
        var store = new FileSystemStore(_root);
        Directory.CreateDirectory(Path.Combine(_root, "a"));
        File.CreateSymbolicLink(Path.Combine(_root, "leak"), Path.Combine(_outside, "secret"));
        File.CreateSymbolicLink(Path.Combine(_root, "a", "leak"), Path.Combine(_outside, "secret"));

        foreach (var key in new StoreKey[] { "leak", "a/leak" })
        {
            var get = await Assert.ThrowsAsync<ArgumentException>(async () => await store.GetAsync(key));
            Assert.Contains($"'{key}'", get.Message, StringComparison.Ordinal);
            Assert.Contains("symbolic link", get.Message, StringComparison.Ordinal);
            await Assert.ThrowsAsync<ArgumentException>(async () => await store.GetRangeAsync(key, ByteRange.FromOffset(0, 2)));
            await Assert.ThrowsAsync<ArgumentException>(async () => await store.GetRangesAsync(key, [ByteRange.FromOffset(0, 2), ByteRange.Suffix(2)]));
            await Assert.ThrowsAsync<ArgumentException>(async () => await store.GetSizeAsync(key));
        }

        var listed = new List<string>();
        await foreach (var key in store.ListAsync(StorePrefix.Root))
        {
            listed.Add(key.Value);
        }

        await foreach (var entry in store.ListDirAsync(StorePrefix.Root))
        {
            listed.Add(entry.Path);
        }

        await foreach (var entry in store.ListDirAsync("a/"))
        {
            listed.Add(entry.Path);
        }

        Assert.DoesNotContain(listed, k => k.Contains("leak", StringComparison.Ordinal));
        Assert.Equal("do not read", await File.ReadAllTextAsync(Path.Combine(_outside, "secret")));
    }

    [Fact]
    public async Task A_symbolic_link_to_a_file_inside_the_root_is_refused_too_and_a_write_replaces_the_link_not_its_target()
    {
        var store = new FileSystemStore(_root);
        await store.SetAsync("real", new byte[] { 1, 2, 3 });
        File.CreateSymbolicLink(Path.Combine(_root, "alias"), Path.Combine(_root, "real"));

        var get = await Assert.ThrowsAsync<ArgumentException>(async () => await store.GetAsync("alias"));
        Assert.Contains("'alias'", get.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArgumentException>(async () => await store.GetSizeAsync("alias"));

        await store.SetAsync("alias", new byte[] { 9 });
        Assert.Equal(new byte[] { 9 }, (await store.GetAsync("alias"))!.Value.ToArray());
        Assert.Equal(new byte[] { 1, 2, 3 }, (await store.GetAsync("real"))!.Value.ToArray());
    }

    [Fact]
    public async Task A_key_named_like_a_temporary_file_is_stored_listed_and_read()
    {
        var store = new FileSystemStore(_root);
        string[] keys = [".zarrcache-tmp-0123456789abcdef0123456789abcdef", "a/.zarrcache-tmp-deadbeef", ".zarrcache-tmp/x"];
        if (OperatingSystem.IsWindows())
        {
            // File names cannot hold the '\\' temporary names use elsewhere: such keys are refused, never lost.
            await Assert.ThrowsAsync<ArgumentException>(async () => await store.SetAsync(keys[0], new byte[] { 5 }));
            return;
        }

        foreach (var key in keys)
        {
            await store.SetAsync(key, new byte[] { 5 });
        }

        var listed = new List<string>();
        await foreach (var key in store.ListAsync(StorePrefix.Root))
        {
            listed.Add(key.Value);
        }

        Assert.Equal(keys.Order(StringComparer.Ordinal), listed.Order(StringComparer.Ordinal));
        foreach (var key in keys)
        {
            Assert.Equal(new byte[] { 5 }, (await store.GetAsync(key))!.Value.ToArray());
        }
    }

    [Fact]
    public async Task Temporary_files_left_by_a_crash_are_never_listed()
    {
        var store = new FileSystemStore(_root);
        await store.SetAsync("a/c/0", new byte[] { 1 });
        await File.WriteAllBytesAsync(Path.Combine(_root, "a", "c", FileSystemStore.TempFilePrefix + "deadbeef"), new byte[] { 2 });

        var keys = new List<string>();
        await foreach (var key in store.ListAsync("a/"))
        {
            keys.Add(key.Value);
        }

        Assert.Equal(new[] { "a/c/0" }, keys);
    }
}
