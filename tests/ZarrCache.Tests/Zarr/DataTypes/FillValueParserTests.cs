using System.Text.Json;
using ZarrCache.Zarr;
using ZarrCache.Zarr.DataTypes;

namespace ZarrCache.Tests.Zarr.DataTypes;

public class FillValueParserTests
{
    private static byte[] Parse(string json, ZarrDataTypeKind kind)
    {
        using var doc = JsonDocument.Parse(json);
        return FillValueParser.Parse(doc.RootElement.Clone(), ZarrDataType.Create(kind), "arr");
    }

    [Theory]
    [InlineData("\"NaN\"", 0x7FF8000000000000UL)]
    [InlineData("\"Infinity\"", 0x7FF0000000000000UL)]
    [InlineData("\"-Infinity\"", 0xFFF0000000000000UL)]
    [InlineData("\"0x7ff8000000000001\"", 0x7FF8000000000001UL)]
    [InlineData("-0.5", 0xBFE0000000000000UL)]
    [InlineData("null", 0UL)]
    public void Float64_fill_values_in_every_encoding(string json, ulong bits)
    {
        Assert.Equal(BitConverter.GetBytes(bits), Parse(json, ZarrDataTypeKind.Float64));
    }

    [Fact]
    public void Float32_and_float16_hex_patterns_keep_their_bits()
    {
        Assert.Equal(BitConverter.GetBytes(0x7FC00001u), Parse("\"0x7fc00001\"", ZarrDataTypeKind.Float32));
        Assert.Equal(BitConverter.GetBytes((ushort)0x7E00), Parse("\"NaN\"", ZarrDataTypeKind.Float16));
    }

    [Fact]
    public void Integers_bools_and_complex_parse()
    {
        Assert.Equal(BitConverter.GetBytes(ulong.MaxValue), Parse("18446744073709551615", ZarrDataTypeKind.UInt64));
        Assert.Equal(new byte[] { 0xFF }, Parse("-1", ZarrDataTypeKind.Int8));
        Assert.Equal(new byte[] { 1 }, Parse("true", ZarrDataTypeKind.Bool));
        Assert.Equal([.. BitConverter.GetBytes(1.5f), .. BitConverter.GetBytes(float.PositiveInfinity)], Parse("[1.5, \"Infinity\"]", ZarrDataTypeKind.Complex64));
    }

    [Theory]
    [InlineData("300", ZarrDataTypeKind.UInt8)]
    [InlineData("1.5", ZarrDataTypeKind.Int32)]
    [InlineData("\"x\"", ZarrDataTypeKind.Float32)]
    [InlineData("2", ZarrDataTypeKind.Bool)]
    [InlineData("[1]", ZarrDataTypeKind.Complex128)]
    public void Invalid_fill_values_are_refused_naming_the_field(string json, ZarrDataTypeKind kind)
    {
        var e = Assert.Throws<ZarrFormatException>(() => Parse(json, kind));
        Assert.Contains("fill_value", e.Message, StringComparison.Ordinal);
        Assert.Contains("arr", e.Message, StringComparison.Ordinal);
    }
}
