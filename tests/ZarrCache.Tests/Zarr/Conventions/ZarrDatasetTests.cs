using System.Text.Json;
using ZarrCache.Zarr;
using ZarrCache.Zarr.Conventions;
using ZarrCache.Zarr.DataTypes;

namespace ZarrCache.Tests.Zarr.Conventions;

/// <summary>The dataset layer's rules on hierarchies written here: v3 dimension names, coordinates, and the errors xarray also gives.</summary>
public class ZarrDatasetTests
{
    [Fact]
    public async Task A_v3_group_names_dimensions_with_dimension_names_and_finds_coordinates_as_xarray_does()
    {
        var store = new MemoryStore();
        await ZarrGroup.CreateAsync(store, "ds", 3, Attributes("{\"title\": \"v3\", \"coordinates\": \"height\"}"));
        await CreateAsync(store, "ds/x", ["x"], [3]);
        await CreateAsync(store, "ds/height", [], []);
        await CreateAsync(store, "ds/label", ["x"], [3]);
        await CreateAsync(store, "ds/t", ["time", "x"], [2, 3], "{\"coordinates\": \"label\"}");
        await CreateAsync(store, "ds/u", ["time", "x"], [2, 3], "{\"coordinates\": \"label nowhere\"}"); // not all exist: ignored, as xarray
        var time = await CreateAsync(store, "ds/time", ["time"], [2], "{\"units\": \"days since 2000-01-01\"}");
        await time.WriteAsync<short>(null, new short[] { 0, 1 });
        var dataset = await ZarrDataset.OpenAsync(store, "ds");
        Assert.Equal(["height", "label", "t", "time", "u", "x"], dataset.Variables.Select(v => v.Name));
        Assert.Equal(["height", "label", "time", "x"], dataset.Coordinates.Select(v => v.Name));
        Assert.Equal(["t", "u"], dataset.DataVariables.Select(v => v.Name));
        Assert.Equal(["x=3", "time=2"], dataset.Dimensions.Select(d => $"{d.Key}={d.Value}"));
        Assert.Equal(["title"], dataset.Attributes.Keys);
        Assert.True(ZarrDataset.IsDimensionCoordinate(dataset["x"]));
        Assert.False(ZarrDataset.IsDimensionCoordinate(dataset["label"]));
        Assert.Equal(new DateTime?[] { new DateTime(2000, 1, 1), new DateTime(2000, 1, 2) }, (await dataset["time"].ReadDateTimesAsync()).Data);
        Assert.Contains("'nope'", Assert.Throws<KeyNotFoundException>(() => dataset["nope"]).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_repr_lays_out_dimensions_coordinates_data_variables_and_attributes_as_xarray()
    {
        var store = new MemoryStore();
        await ZarrGroup.CreateAsync(store, "", 3, Attributes("{\"title\": \"demo\"}"));
        await CreateAsync(store, "lat", ["lat"], [2], "{\"units\": \"degrees_north\"}");
        await CreateAsync(store, "temperature", ["lat"], [2], "{\"scale_factor\": 0.5, \"long_name\": \"air\"}");
        var text = (await ZarrDataset.OpenAsync(store)).ToString();
        Assert.Equal(
            "<ZarrDataset '/'>\n"
            + "Dimensions:      (lat: 2)\n"
            + "Coordinates:\n"
            + "  * lat          (lat) int16 ...\n"
            + "        units: degrees_north\n"
            + "Data variables:\n"
            + "    temperature  (lat) float32 ...\n"
            + "        long_name: air\n"
            + "        (encoded: int16, scale_factor 0.5)\n"
            + "Attributes:\n"
            + "    title:    demo\n",
            text);
    }

    [Fact]
    public async Task An_array_without_dimension_names_is_an_error_naming_the_array_and_the_field()
    {
        var store = new MemoryStore();
        await ZarrGroup.CreateAsync(store, "", 2);
        await ZarrArray.CreateAsync(store, "bare", new ZarrArrayOptions { ZarrFormat = 2, Shape = [2], ChunkShape = [2], DataType = ZarrDataTypeKind.Int16 });
        var e = await Assert.ThrowsAsync<ZarrFormatException>(() => ZarrDataset.OpenAsync(store));
        Assert.Equal("array 'bare': no attribute '_ARRAY_DIMENSIONS' in its .zattrs, which xarray needs to name the dimensions.", e.Message);

        // A lone array still decodes, with xarray's names for unnamed dimensions.
        Assert.Equal(["dim_0"], ZarrVariable.FromArray(await ZarrArray.OpenAsync(store, "bare")).Dimensions);
    }

    [Fact]
    public async Task A_native_datetime64_variable_decodes_as_stored_with_NaT_as_null()
    {
        var store = new MemoryStore();
        var array = await ZarrArray.CreateAsync(store, "t", new ZarrArrayOptions
        {
            ZarrFormat = 2, Shape = [2], ChunkShape = [2], ElementType = ZarrDataType.CreateTime(true, "s"), FillValue = double.NaN,
            Attributes = Attributes("{\"_ARRAY_DIMENSIONS\": [\"t\"]}"),
        });
        await array.WriteAsync<long>(null, new[] { 86_400L, ZarrTime.NaT });
        var variable = ZarrVariable.FromArray(array);
        Assert.Null(variable.Packing);
        Assert.Equal("<M8[s]", (await variable.ReadDecodedAsync()).DataType.ToString());
        Assert.Equal(new CfDate?[] { new(1970, 1, 2, 0, CfCalendar.ProlepticGregorian), null }, (await variable.ReadCfDatesAsync()).Data);
        Assert.Equal(new DateTime?[] { new DateTime(1970, 1, 2), null }, (await variable.ReadDateTimesAsync()).Data);
    }

    [Theory]
    [InlineData("{\"_ARRAY_DIMENSIONS\": \"x\"}", "array 'a': attribute '_ARRAY_DIMENSIONS' is \"x\", not a list of names.")]
    [InlineData("{\"_ARRAY_DIMENSIONS\": [\"x\", \"y\"]}", "array 'a': attribute '_ARRAY_DIMENSIONS' names 2 dimensions; the array has 1.")]
    public async Task Malformed_dimension_names_are_errors_naming_the_array_and_the_attribute(string attributes, string message)
    {
        var store = new MemoryStore();
        var array = await ZarrArray.CreateAsync(store, "a", new ZarrArrayOptions { ZarrFormat = 2, Shape = [2], ChunkShape = [2], DataType = ZarrDataTypeKind.Int16, Attributes = Attributes(attributes) });
        Assert.Equal(message, Assert.Throws<ZarrFormatException>(() => ZarrVariable.FromArray(array)).Message);
    }

    [Fact]
    public async Task Dimensions_whose_lengths_disagree_are_an_error_naming_both_arrays()
    {
        var store = new MemoryStore();
        await ZarrGroup.CreateAsync(store, "", 3);
        await CreateAsync(store, "a", ["x"], [2]);
        await CreateAsync(store, "b", ["x"], [3]);
        var e = await Assert.ThrowsAsync<ZarrFormatException>(() => ZarrDataset.OpenAsync(store));
        Assert.Equal("array 'b': dimension 'x' has length 3, but 2 in array 'a'.", e.Message);
    }

    private static Task<ZarrArray> CreateAsync(MemoryStore store, string path, string[] dims, long[] shape, string attributes = "{}") =>
        ZarrArray.CreateAsync(store, path, new ZarrArrayOptions
        {
            ZarrFormat = 3, Shape = shape, ChunkShape = shape.Select(s => (int)s).ToArray(), DataType = ZarrDataTypeKind.Int16,
            DimensionNames = dims, Attributes = Attributes(attributes),
        });

    private static Dictionary<string, JsonElement> Attributes(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone());
    }
}
