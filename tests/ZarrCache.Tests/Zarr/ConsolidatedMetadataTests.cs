using System.Collections.Concurrent;
using System.Text.Json;
using ZarrCache.Tests.TestSupport;
using ZarrCache.Zarr;
using ZarrCache.Zarr.DataTypes;

namespace ZarrCache.Tests.Zarr;

/// <summary>
/// Consolidated metadata: v2 <c>.zmetadata</c> against zarr-python 2.13 (which writes the hierarchies at test time), v3
/// <c>consolidated_metadata</c> as zarr-python 3 writes it, listing without it, and what a write after consolidation does.
/// </summary>
public sealed class ConsolidatedMetadataTests
{
    private static string Tool => Path.Combine(TestPaths.RepoRoot, "tests", "tools", "zarr-python", "hierarchy.py");

    private static string Python(params string[] args)
    {
        ExternalTool.RequireZarrPython();
        var (code, output) = ExternalTool.Run(ExternalTool.SystemPython, [Tool, .. args], null);
        Assert.True(code == 0, $"zarr-python could not {string.Join(' ', args)}: {output}");
        return output;
    }

    private static string MakeHierarchy(TempDirectory temp, string name, bool consolidate)
    {
        var dir = Path.Combine(temp.Path, name);
        Python("make", dir);
        if (consolidate)
        {
            Python("consolidate", dir);
        }

        return dir;
    }

    [Fact]
    public async Task Consolidating_a_v2_hierarchy_writes_zmetadata_byte_for_byte_as_zarr_python_2_13_and_zarr_python_opens_every_node()
    {
        using var temp = new TempDirectory();
        var ours = MakeHierarchy(temp, "ours.zarr", consolidate: false);
        var theirs = MakeHierarchy(temp, "theirs.zarr", consolidate: true);

        var group = await ZarrGroup.ConsolidateAsync(new FileSystemStore(ours));

        Assert.True(group.IsConsolidated);
        Assert.Equal(File.ReadAllText(Path.Combine(theirs, ".zmetadata")), File.ReadAllText(Path.Combine(ours, ".zmetadata")));
        var nodes = Python("nodes", ours);
        Assert.Equal(Python("nodes", theirs), nodes);
        Assert.Contains("array a b/values [5] <f8 7.5", nodes, StringComparison.Ordinal);
        Assert.Contains("group g", nodes, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Opening_an_array_of_a_consolidated_v2_hierarchy_reads_only_zmetadata()
    {
        using var temp = new TempDirectory();
        var dir = MakeHierarchy(temp, "h.zarr", consolidate: true);
        var store = new KeyLogStore(new FileSystemStore(dir));

        var array = await ZarrArray.OpenAsync(store, "a b/values");

        Assert.Equal(new[] { ".zmetadata" }, store.Keys);
        Assert.Equal(new[] { 0.5, 1.0, 1.5, 2.0, 2.5 }, (await array.ReadAsync<double>()).Data);
        var root = await ZarrGroup.OpenAsync(new KeyLogStore(new FileSystemStore(dir)));
        Assert.Equal("consolidated test \u00e9<>", root.Attributes["title"].GetString());
        Assert.Equal(new[] { "a b", "g", "temp" }, (await root.ListMembersAsync()).Select(m => m.Name));
    }

    [Fact]
    public async Task Consolidating_a_v3_hierarchy_writes_consolidated_metadata_as_zarr_python_3_and_opens_it_in_one_request()
    {
        var memory = new MemoryStore();
        await ZarrGroup.CreateAsync(memory, "", 3, new Dictionary<string, JsonElement> { ["answer"] = JsonSerializer.SerializeToElement(42) });
        await ZarrGroup.CreateAsync(memory, "b", 3);
        var values = await ZarrArray.CreateAsync(memory, "b/values", new ZarrArrayOptions { Shape = [4], ChunkShape = [2], DataType = ZarrDataTypeKind.Int16 });
        await values.WriteAsync<short>(null, new short[] { 1, 2, 3, 4 });
        await ZarrArray.CreateAsync(memory, "Temp", new ZarrArrayOptions { Shape = [2], ChunkShape = [2], DataType = ZarrDataTypeKind.Float32 });

        await ZarrGroup.ConsolidateAsync(memory);

        using var doc = JsonDocument.Parse((await memory.GetAsync("zarr.json"))!.Value);
        var root = doc.RootElement;
        Assert.Equal(new[] { "attributes", "zarr_format", "consolidated_metadata", "node_type" }, root.EnumerateObject().Select(p => p.Name));
        var cm = root.GetProperty("consolidated_metadata");
        Assert.Equal("inline", cm.GetProperty("kind").GetString());
        Assert.False(cm.GetProperty("must_understand").GetBoolean());
        var metadata = cm.GetProperty("metadata");
        Assert.Equal(new[] { "b", "Temp", "b/values" }, metadata.EnumerateObject().Select(p => p.Name));
        Assert.Equal("group", metadata.GetProperty("b").GetProperty("node_type").GetString());
        Assert.Empty(metadata.GetProperty("b").GetProperty("consolidated_metadata").GetProperty("metadata").EnumerateObject());
        Assert.Equal("int16", metadata.GetProperty("b/values").GetProperty("data_type").GetString());

        var store = new KeyLogStore(memory);
        var group = await ZarrGroup.OpenAsync(store, "", 3);
        var array = await (await group.OpenGroupAsync("b")).OpenArrayAsync("values");
        Assert.Equal(new[] { "zarr.json" }, store.Keys);
        Assert.Equal(42, group.Attributes["answer"].GetInt32());
        Assert.Equal(new[] { "Temp", "b" }, (await group.ListMembersAsync()).Select(m => m.Name));
        Assert.Equal(new short[] { 1, 2, 3, 4 }, (await array.ReadAsync<short>()).Data);
    }

    [Fact]
    public async Task A_v3_group_whose_consolidated_metadata_is_null_reads_its_members_node_by_node()
    {
        // zarr-python up to 3.1.3 writes "consolidated_metadata": null in every group; the zarrita fixture has one.
        var store = new FileSystemStore(ZarritaComparison.Root("v3"));
        var raw = JsonDocument.Parse(await File.ReadAllBytesAsync(Path.Combine(ZarritaComparison.Root("v3"), "consolidated", "nested", "zarr.json")));
        Assert.Equal(JsonValueKind.Null, raw.RootElement.GetProperty("consolidated_metadata").ValueKind);

        var group = await ZarrGroup.OpenAsync(store, "consolidated/nested");

        Assert.False(group.IsConsolidated);
        Assert.Equal("A nested group", group.Attributes["description"].GetString());
        var member = Assert.Single(await group.ListMembersAsync());
        Assert.Equal(4, (await (await group.OpenArrayAsync(member.Name)).ReadAsync<short>()).Data.Length);
    }

    [Fact]
    public async Task Listing_a_group_over_a_store_that_cannot_list_without_consolidated_metadata_says_so_in_one_line()
    {
        using var temp = new TempDirectory();
        var dir = MakeHierarchy(temp, "h.zarr", consolidate: false);
        var readOnly = new KeyLogStore(new FileSystemStore(dir));
        using var cached = new CachedStore(readOnly, new CacheConfig());

        foreach (IReadableStore store in new IReadableStore[] { readOnly, cached })
        {
            var group = await ZarrGroup.OpenAsync(store);
            var e = await Assert.ThrowsAsync<ZarrListingException>(() => group.ListMembersAsync());
            Assert.DoesNotContain("\n", e.Message, StringComparison.Ordinal);
            Assert.Contains("cannot list", e.Message, StringComparison.Ordinal);
            Assert.Contains("consolidate", e.Message, StringComparison.Ordinal);
            Assert.Equal(new short[] { 0, 1, 2 }, (await (await ZarrArray.OpenAsync(store, "temp")).ReadAsync<short>(ArraySelection.Parse("0,0:3"))).Data);
        }
    }

    [Fact]
    public async Task An_array_created_through_zarrcache_after_consolidation_is_added_to_zmetadata_and_zarr_python_sees_it()
    {
        using var temp = new TempDirectory();
        var dir = MakeHierarchy(temp, "h.zarr", consolidate: true);
        var store = new FileSystemStore(dir);

        var created = await ZarrArray.CreateAsync(store, "a b/new", new ZarrArrayOptions { ZarrFormat = 2, Shape = [2], ChunkShape = [2], DataType = ZarrDataTypeKind.Int32 });
        await created.WriteAsync<int>(null, new[] { 5, 6 });

        var group = await ZarrGroup.OpenAsync(new KeyLogStore(store), "a b");
        Assert.True(group.IsConsolidated);
        Assert.Equal(new[] { "new", "values" }, (await group.ListMembersAsync()).Select(m => m.Name));
        Assert.Contains("array a b/new [2] <i4 11.0", Python("nodes", dir), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_array_written_by_another_writer_after_consolidation_is_not_listed_but_opens_by_its_path()
    {
        using var temp = new TempDirectory();
        var dir = MakeHierarchy(temp, "h.zarr", consolidate: true);
        Python("add", dir, "later");
        var store = new FileSystemStore(dir);

        var group = await ZarrGroup.OpenAsync(store);
        var array = await ZarrArray.OpenAsync(store, "later");

        Assert.DoesNotContain(await group.ListMembersAsync(), m => m.Name == "later");
        Assert.DoesNotContain("later", Python("nodes", dir), StringComparison.Ordinal);
        Assert.Equal(new[] { 7, 8, 9 }, (await array.ReadAsync<int>()).Data);
    }

    [Fact]
    public async Task An_array_created_through_zarrcache_after_v3_consolidation_is_added_to_the_root_zarr_json()
    {
        var memory = new MemoryStore();
        await ZarrGroup.CreateAsync(memory, "", 3);
        await ZarrGroup.CreateAsync(memory, "g", 3);
        await ZarrGroup.ConsolidateAsync(memory);

        await ZarrArray.CreateAsync(memory, "g/x", new ZarrArrayOptions { Shape = [3], ChunkShape = [3], DataType = ZarrDataTypeKind.UInt8 });

        var group = await ZarrGroup.OpenAsync(memory, "", 3);
        Assert.True(group.IsConsolidated);
        var nested = await group.OpenGroupAsync("g");
        Assert.Equal(new[] { "x" }, (await nested.ListMembersAsync()).Select(m => m.Name));
        Assert.Equal(new[] { 3L }, (await nested.OpenArrayAsync("x")).Shape);
    }

    [Fact]
    public async Task A_v3_group_opened_by_its_path_over_a_store_that_cannot_list_lists_its_members_from_the_consolidated_root()
    {
        // zarr-python 3 writes consolidated metadata into the consolidated group's zarr.json only, not into nested ones.
        var memory = new MemoryStore();
        await ZarrGroup.CreateAsync(memory, "", 3);
        await ZarrGroup.CreateAsync(memory, "g", 3);
        await ZarrArray.CreateAsync(memory, "g/x", new ZarrArrayOptions { Shape = [3], ChunkShape = [3], DataType = ZarrDataTypeKind.UInt8 });
        await ZarrGroup.ConsolidateAsync(memory);
        var store = new KeyLogStore(memory);

        var nested = await ZarrGroup.OpenAsync(store, "g", 3);

        Assert.False(nested.IsConsolidated);
        Assert.Equal(new[] { "x" }, (await nested.ListMembersAsync()).Select(m => m.Name));
        Assert.Equal(new[] { "g/zarr.json", "zarr.json" }, store.Keys);
    }

    /// <summary>A read-only store (it cannot list) that logs every key asked for.</summary>
    private sealed class KeyLogStore(IReadableStore inner) : IReadableStore
    {
        private readonly ConcurrentQueue<string> _keys = new();

        public IReadOnlyList<string> Keys => _keys.ToArray();

        public ValueTask<ReadOnlyMemory<byte>?> GetAsync(StoreKey key, CancellationToken cancellationToken = default)
        {
            _keys.Enqueue(key.ToString());
            return inner.GetAsync(key, cancellationToken);
        }

        public ValueTask<ReadOnlyMemory<byte>?> GetRangeAsync(StoreKey key, ByteRange range, CancellationToken cancellationToken = default)
        {
            _keys.Enqueue(key.ToString());
            return inner.GetRangeAsync(key, range, cancellationToken);
        }

        public ValueTask<IReadOnlyList<ReadOnlyMemory<byte>>?> GetRangesAsync(StoreKey key, IReadOnlyList<ByteRange> ranges, CancellationToken cancellationToken = default)
        {
            _keys.Enqueue(key.ToString());
            return inner.GetRangesAsync(key, ranges, cancellationToken);
        }

        public ValueTask<long?> GetSizeAsync(StoreKey key, CancellationToken cancellationToken = default)
        {
            _keys.Enqueue(key.ToString());
            return inner.GetSizeAsync(key, cancellationToken);
        }
    }
}
