using ZarrCache.Tests.TestSupport;
using ZarrCache.Zarr;
using ZarrCache.Zarr.DataTypes;

namespace ZarrCache.Tests.Zarr;

/// <summary>Attributes as plain .NET values, written through <see cref="ZarrAttributes.From"/> and read back by zarr-python and by us.</summary>
public sealed class ZarrAttributesTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "zarrcache-attrs-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public async Task Attributes_written_from_net_values_read_back_as_net_values_and_in_zarr_python()
    {
        var attributes = ZarrAttributes.From(new Dictionary<string, object?>
        {
            ["units"] = "K", ["scale_factor"] = 0.5, ["valid_range"] = new[] { 0, 400 }, ["history"] = null, ["levels"] = new Dictionary<string, int> { ["top"] = 3 },
        });
        await ZarrArray.CreateAsync(new FileSystemStore(_root), "t", new ZarrArrayOptions
        {
            ZarrFormat = 2, Shape = [2], ChunkShape = [2], DataType = ZarrDataTypeKind.Float32, Attributes = attributes,
        });

        var array = await ZarrArray.OpenAsync(new FileSystemStore(_root), "t");
        var python = ExternalTool.RunPython($"import zarr, json; print(json.dumps(dict(zarr.open('{_root}/t', mode='r').attrs), sort_keys=True))");

        Assert.Equal("K", array.Attributes.Get<string>("units"));
        Assert.Equal(0.5, array.Attributes.Get<double>("scale_factor"));
        Assert.Equal([0, 400], array.Attributes.Get<int[]>("valid_range"));
        var values = array.Attributes.ToValues();
        Assert.Null(values["history"]);
        Assert.Equal(new List<object?> { 0L, 400L }, values["valid_range"]);
        Assert.Equal(3L, ((Dictionary<string, object?>)values["levels"]!)["top"]);
        Assert.Equal("""{"history": null, "levels": {"top": 3}, "scale_factor": 0.5, "units": "K", "valid_range": [0, 400]}""", python.Trim());
    }

    [Fact]
    public void A_missing_or_mistyped_attribute_is_named()
    {
        var attributes = ZarrAttributes.From(new Dictionary<string, object?> { ["units"] = "K" });

        var missing = Assert.Throws<KeyNotFoundException>(() => attributes.Get<string>("unit"));
        var mistyped = Assert.Throws<FormatException>(() => attributes.Get<double>("units"));

        Assert.Equal("There is no attribute 'unit'; there are: units.", missing.Message);
        Assert.Equal("The attribute 'units' is string \"K\", not a Double.", mistyped.Message);
        Assert.False(attributes.TryGet<double>("units", out _));
        Assert.True(attributes.TryGet<string>("units", out var units) && units == "K");
    }
}
