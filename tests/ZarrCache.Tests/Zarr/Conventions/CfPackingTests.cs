using System.Text.Json;
using ZarrCache.Zarr;
using ZarrCache.Zarr.Conventions;
using ZarrCache.Zarr.DataTypes;

namespace ZarrCache.Tests.Zarr.Conventions;

/// <summary>CF mask, scale and offset: the decoded type as xarray 2023.01 chooses it, and the arithmetic.</summary>
public class CfPackingTests
{
    [Theory]
    [InlineData(ZarrDataTypeKind.Int16, "{\"scale_factor\": 0.01, \"add_offset\": 1.5}", double.NaN, "float64")] // an offset: float64
    [InlineData(ZarrDataTypeKind.Int16, "{\"scale_factor\": 0.01}", double.NaN, "float32")] // no offset: float32
    [InlineData(ZarrDataTypeKind.Int16, "{\"scale_factor\": 0.01, \"add_offset\": 1.5}", -9999.0, "float32")] // masked to float32 first
    [InlineData(ZarrDataTypeKind.Int16, "{}", 0.0, "float32")] // zarr's fill_value 0 masks zeros, as in xarray
    [InlineData(ZarrDataTypeKind.Int32, "{}", -1.0, "float64")]
    [InlineData(ZarrDataTypeKind.UInt8, "{}", 255.0, "float32")]
    [InlineData(ZarrDataTypeKind.Int32, "{\"scale_factor\": 2}", double.NaN, "float64")]
    [InlineData(ZarrDataTypeKind.Float32, "{\"scale_factor\": 0.5, \"add_offset\": 1}", double.NaN, "float32")]
    [InlineData(ZarrDataTypeKind.Float16, "{\"add_offset\": 1}", double.NaN, "float32")]
    [InlineData(ZarrDataTypeKind.Float64, "{\"missing_value\": -1}", double.NaN, "float64")]
    [InlineData(ZarrDataTypeKind.Int64, "{}", double.NaN, "int64")] // nothing to decode
    public async Task The_decoded_type_is_the_one_xarray_chooses(ZarrDataTypeKind kind, string attributes, double fill, string expected)
    {
        var array = await CreateAsync(kind, attributes, fill);
        var variable = ZarrVariable.FromArray(array);
        Assert.Equal(expected, variable.DecodedDataType);
        Assert.Equal(expected, (await variable.ReadDecodedAsync()).DataType.Name);
    }

    [Fact]
    public async Task Fill_and_missing_values_become_NaN_then_scale_and_offset_apply()
    {
        var array = await CreateAsync(ZarrDataTypeKind.Int16, "{\"scale_factor\": 0.5, \"add_offset\": 10, \"missing_value\": [7, 8]}", -1);
        await array.WriteAsync<short>(null, new short[] { -1, 0, 1, 7, 8, 9 });
        var decoded = await ZarrVariable.FromArray(array).ReadDecodedAsync();
        Assert.Equal(new[] { float.NaN, 10f, 10.5f, float.NaN, float.NaN, 14.5f }, decoded.ToArray<float>());
    }

    [Fact]
    public async Task A_NaN_fill_masks_nothing_and_leaves_the_type()
    {
        var array = await CreateAsync(ZarrDataTypeKind.Float32, "{}", double.NaN);
        Assert.True(ZarrVariable.FromArray(array).Packing!.IsIdentity);
    }

    [Fact]
    public async Task A_v3_array_takes_its_fill_value_from_the_FillValue_attribute_as_xarray_writes_it()
    {
        // xarray's FillValueCoder writes a float fill value of a v3 array as base64 of its little-endian float64.
        var base64 = Convert.ToBase64String(BitConverter.GetBytes(-999.0));
        var array = await CreateAsync(ZarrDataTypeKind.Float64, $"{{\"_FillValue\": \"{base64}\"}}", 0, zarrFormat: 3);
        await array.WriteAsync<double>(null, new[] { -999.0, 0, 1, 2, 3, 4 });
        Assert.Equal(new[] { double.NaN, 0, 1, 2, 3, 4 }, (await ZarrVariable.FromArray(array).ReadDecodedAsync()).ToArray<double>());
    }

    [Fact]
    public async Task An_attribute_that_is_not_a_number_is_an_error_naming_the_array_and_the_attribute()
    {
        var array = await CreateAsync(ZarrDataTypeKind.Int16, "{\"scale_factor\": \"big\"}", 0);
        var e = Assert.Throws<ZarrFormatException>(() => ZarrVariable.FromArray(array));
        Assert.Equal("variable 'a' (array 'a'): attribute 'scale_factor' is \"big\", not a number.", e.Message);
    }

    private static async Task<ZarrArray> CreateAsync(ZarrDataTypeKind kind, string attributes, double fill, int zarrFormat = 2)
    {
        using var doc = JsonDocument.Parse(attributes);
        var attrs = doc.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone());
        attrs["_ARRAY_DIMENSIONS"] = JsonDocument.Parse("[\"x\"]").RootElement.Clone();
        // NaN for an integer type stands for "no fill value": a v3 array without _FillValue (v2 always has one unless null).
        var unmaskedInteger = double.IsNaN(fill) && kind is not (ZarrDataTypeKind.Float16 or ZarrDataTypeKind.Float32 or ZarrDataTypeKind.Float64);
        return await ZarrArray.CreateAsync(new MemoryStore(), "a", new ZarrArrayOptions
        {
            ZarrFormat = unmaskedInteger ? 3 : zarrFormat, Shape = [6], ChunkShape = [4], DataType = kind, FillValue = unmaskedInteger ? 0 : fill, Attributes = attrs,
            DimensionNames = unmaskedInteger || zarrFormat == 3 ? ["x"] : null,
        });
    }
}
