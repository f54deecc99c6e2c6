using ZarrCache.Zarr;
using ZarrCache.Zarr.DataTypes;

namespace ZarrCache.Tests.Zarr;

/// <summary>ZarrNode.FindAsync tells arrays from groups from nothing, for v2 and v3; opening what is not there throws ZarrNodeNotFoundException.</summary>
public sealed class ZarrNodeTests
{
    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public async Task FindAsync_tells_an_array_a_group_and_nothing_apart(int format)
    {
        var store = new MemoryStore();
        await ZarrGroup.CreateAsync(store, "", format);
        await ZarrGroup.CreateAsync(store, "g", format);
        await ZarrArray.CreateAsync(store, "g/a", new ZarrArrayOptions { ZarrFormat = format, Shape = [2], ChunkShape = [2], DataType = ZarrDataTypeKind.Int8 });

        var array = await ZarrNode.FindAsync(store, "/g/a/");
        var group = await ZarrNode.FindAsync(store, "g");
        var root = await ZarrNode.FindAsync(store, "");

        Assert.Equal(new ZarrNodeInfo("a", "g/a", true), array);
        Assert.Equal(new ZarrNodeInfo("g", "g", false), group);
        Assert.Equal(new ZarrNodeInfo("", "", false), root);
        Assert.Null(await ZarrNode.FindAsync(store, "g/missing"));
    }

    [Fact]
    public async Task Opening_a_missing_array_or_group_throws_ZarrNodeNotFoundException_with_the_path()
    {
        var store = new MemoryStore();

        var array = await Assert.ThrowsAsync<ZarrNodeNotFoundException>(() => ZarrArray.OpenAsync(store, "x/y"));
        var group = await Assert.ThrowsAsync<ZarrNodeNotFoundException>(() => ZarrGroup.OpenAsync(store, "x"));

        Assert.Equal("x/y", array.Path);
        Assert.Equal("x", group.Path);
        Assert.Contains("x/y/.zarray", array.Message, StringComparison.Ordinal);
    }
}
