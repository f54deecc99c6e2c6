using System.Text.Json;
using ZarrCache.Tests.TestSupport;
using ZarrCache.Zarr;
using ZarrCache.Zarr.DataTypes;

namespace ZarrCache.Tests.Zarr;

public class ZarrGroupTests
{
    [Fact]
    public async Task V2_consolidated_metadata_opens_members_and_arrays_without_further_requests()
    {
        var counting = new RequestLogStore(new FileSystemStore(ZarritaComparison.Root("v2")));
        var group = await ZarrGroup.OpenAsync(counting);
        var requests = counting.Gets;

        var members = await group.ListMembersAsync();
        var array = await group.OpenArrayAsync("1d.contiguous.zlib.i2");

        Assert.True(group.IsConsolidated);
        Assert.Equal(requests, counting.Gets);
        Assert.Contains(members, m => m is { Name: "my group with spaces", IsArray: false });
        Assert.Equal(42, group.Attributes["answer"].GetInt32());
        Assert.Equal(new short[] { 1, 2, 3, 4 }, (await array.ReadAsync<short>()).Data);
    }

    [Fact]
    public async Task V3_inline_consolidated_metadata_opens_nested_groups_and_arrays()
    {
        var store = new FileSystemStore(ZarritaComparison.Root("v3"));
        var group = await ZarrGroup.OpenAsync(store, "consolidated");
        var nested = await group.OpenGroupAsync("nested");

        Assert.True(group.IsConsolidated);
        Assert.Equal("A nested group", nested.Attributes["description"].GetString());
        var member = Assert.Single(await nested.ListMembersAsync());
        Assert.Equal("consolidated/nested/1d.i2", member.Path);
        var array = await nested.OpenArrayAsync("1d.i2");
        Assert.Equal(4, (await array.ReadAsync<short>()).Data.Length);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Created_groups_list_their_created_arrays(int format)
    {
        var store = new MemoryStore();
        using var attrs = JsonDocument.Parse("""{"title":"t"}""");
        var root = await ZarrGroup.CreateAsync(store, "", format, new Dictionary<string, JsonElement> { ["title"] = attrs.RootElement.GetProperty("title").Clone() });
        await ZarrGroup.CreateAsync(store, "sub", format);
        await ZarrArray.CreateAsync(store, "sub/x", new ZarrArrayOptions { ZarrFormat = format, Shape = [2], ChunkShape = [2], DataType = ZarrDataTypeKind.UInt8 });

        var reopened = await ZarrGroup.OpenAsync(store);
        var sub = await reopened.OpenGroupAsync("sub");

        Assert.Equal(format, root.ZarrFormat);
        Assert.Equal("t", reopened.Attributes["title"].GetString());
        Assert.Equal(new ZarrNodeInfo("sub", "sub", false), Assert.Single(await reopened.ListMembersAsync()));
        Assert.Equal(new ZarrNodeInfo("x", "sub/x", true), Assert.Single(await sub.ListMembersAsync()));
    }

    [Fact]
    public async Task Opening_an_array_as_a_group_is_refused()
    {
        var store = new FileSystemStore(ZarritaComparison.Root("v3"));
        var e = await Assert.ThrowsAsync<ZarrFormatException>(() => ZarrGroup.OpenAsync(store, "1d.contiguous.raw.i2"));
        Assert.Contains("not a group", e.Message, StringComparison.Ordinal);
    }
}
