using System.Text.Json;
using ZarrCache.Zarr;
using ZarrCache.Zarr.DataTypes;
using ZarrCache.Zarr.Metadata;

namespace ZarrCache.Tests.Zarr.DataTypes;

public class StringAndTimeTypeTests
{
    [Theory]
    [InlineData("<U7", ZarrDataTypeKind.FixedString, ZarrByteOrder.Little, 7, 28)]
    [InlineData(">U3", ZarrDataTypeKind.FixedString, ZarrByteOrder.Big, 3, 12)]
    [InlineData("|S5", ZarrDataTypeKind.FixedBytes, ZarrByteOrder.NotApplicable, 5, 5)]
    public void Fixed_length_v2_string_types_parse_with_length_size_and_order(string dtype, ZarrDataTypeKind kind, ZarrByteOrder order, int length, int size)
    {
        var type = ZarrDataType.ParseV2(dtype, "a");
        Assert.Equal(kind, type.Kind);
        Assert.Equal(order, type.ByteOrder);
        Assert.Equal(length, type.Length);
        Assert.Equal(size, type.Size);
        Assert.Equal(dtype, type.V2Name);
    }

    [Theory]
    [InlineData("<M8[10ms]", "ms", 10L)]
    [InlineData("<m8[as]", "as", 1L)]
    [InlineData("<M8[Y]", "Y", 1L)]
    [InlineData("<M8[μs]", "us", 1L)]
    public void Time_units_keep_their_scale_factor(string dtype, string unit, long scale)
    {
        var type = ZarrDataType.ParseV2(dtype, "a");
        Assert.Equal(unit, type.TimeBaseUnit);
        Assert.Equal(scale, type.TimeScaleFactor);
        Assert.Equal(typeof(long), type.ClrType);
    }

    [Theory]
    [InlineData("""{"name":"numpy.datetime64","configuration":{"unit":"ms","scale_factor":10}}""", "\"NaT\"", "bytes", "<M8[10ms]")]
    [InlineData("""{"name":"numpy.timedelta64","configuration":{"unit":"ps","scale_factor":1}}""", "7", "bytes", "<m8[ps]")]
    [InlineData("""{"name":"fixed_length_utf32","configuration":{"length_bytes":12}}""", "\"\"", "bytes", "<U3")]
    [InlineData("""{"name":"null_terminated_bytes","configuration":{"length_bytes":4}}""", "\"\"", "bytes", "|S4")]
    [InlineData("\"string\"", "\"\"", "vlen-utf8", "|O")]
    [InlineData("\"bytes\"", "\"\"", "vlen-bytes", "|O")]
    [InlineData("\"variable_length_bytes\"", "\"\"", "vlen-bytes", "|O")]
    public void V3_string_and_time_types_parse_from_name_and_configuration(string json, string fill, string codec, string v2Name)
    {
        Assert.Equal(v2Name, ParseV3(V3Array(json, fill, codec)).DataType.V2Name);
    }

    [Theory]
    [InlineData("""{"name":"numpy.datetime64","configuration":{"unit":"fortnight","scale_factor":1}}""", "fortnight")]
    [InlineData("""{"name":"numpy.datetime64","configuration":{"unit":"s","scale_factor":0}}""", "scale_factor")]
    [InlineData("""{"name":"fixed_length_utf32","configuration":{"length_bytes":6}}""", "length_bytes")]
    [InlineData("""{"name":"null_terminated_bytes","configuration":{}}""", "length_bytes")]
    public void Bad_v3_type_configurations_are_refused_naming_the_field(string json, string named)
    {
        var e = Assert.Throws<ZarrFormatException>(() => ParseV3(V3Array(json, "0", "bytes")));
        Assert.Contains(named, e.Message, StringComparison.Ordinal);
        Assert.Contains("arr", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_string_array_without_a_vlen_codec_is_refused_naming_the_type()
    {
        var e = Assert.Throws<ZarrFormatException>(() => ParseV3(V3Array("\"string\"", "\"\"", "bytes")));
        Assert.Contains("'string' needs the vlen-utf8", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_v2_object_array_takes_its_kind_from_the_object_codec_filter()
    {
        Assert.Equal(ZarrDataTypeKind.String, ParseV2("|O", "null", """[{"id":"vlen-utf8"}]""").DataType.Kind);
        Assert.Equal(ZarrDataTypeKind.VariableBytes, ParseV2("|O", "null", """[{"id":"vlen-bytes"}]""").DataType.Kind);
        var e = Assert.Throws<ZarrFormatException>(() => ParseV2("|O", "null", """[{"id":"pickle"}]"""));
        Assert.Contains("pickle", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<ZarrFormatException>(() => ParseV2("|O", "null", "null"));
        Assert.Contains("object codec", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<U3", "\"ab\"", "610000006200000000000000")]
    [InlineData(">U2", "\"ab\"", "6100000062000000")]
    [InlineData("|S3", "\"eHk=\"", "787900")]
    [InlineData("<M8[s]", "null", "0000000000000080")]
    [InlineData("<M8[s]", "\"NaT\"", "0000000000000080")]
    [InlineData("<m8[D]", "-3", "FDFFFFFFFFFFFFFF")]
    [InlineData("<U2", "null", "0000000000000000")]
    [InlineData("<i4", "null", "00000000")]
    public void Fill_values_of_strings_and_times_read_as_zarr_python_writes_them(string dtype, string fill, string hex)
    {
        Assert.Equal(hex, Convert.ToHexString(ParseV2(dtype, fill, "null").FillValue));
    }

    [Fact]
    public void A_fixed_string_fill_longer_than_the_type_is_refused_naming_the_field()
    {
        var e = Assert.Throws<ZarrFormatException>(() => ParseV2("<U2", "\"abc\"", "null"));
        Assert.Contains("fill_value", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Variable_length_fill_values_keep_null_apart_from_the_empty_string()
    {
        var isNull = ParseV2("|O", "null", """[{"id":"vlen-utf8"}]""");
        var empty = ParseV2("|O", "\"\"", """[{"id":"vlen-utf8"}]""");
        var zero = ParseV2("|O", "0", """[{"id":"vlen-utf8"}]""");
        Assert.True(isNull.NullFill);
        Assert.False(empty.NullFill);
        Assert.Equal("30", Convert.ToHexString(zero.FillValue)); // zarr-python 3 reads zarr-python 2's 0 as "0"
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("a\u0000b")]
    [InlineData("𝄞x")]
    public void Fixed_strings_round_trip_through_utf32_dropping_only_trailing_nuls(string text)
    {
        var type = ZarrDataType.CreateFixedString(4);
        var element = new byte[type.Size];
        StringElements.WriteFixedString(text, element, type);
        Assert.Equal(text, StringElements.ReadFixedString(element));
        Assert.Throws<ArgumentException>(() => StringElements.WriteFixedString("abcde", element, type));
    }

    internal static ArrayMetadata ParseV2(string dtype, string fill, string filters)
    {
        using var doc = JsonDocument.Parse($$"""{"zarr_format":2,"shape":[4],"chunks":[2],"dtype":"{{dtype}}","fill_value":{{fill}},"order":"C","compressor":null,"filters":{{filters}}}""");
        return ArrayMetadataParser.ParseV2(doc.RootElement, null, "arr");
    }

    private static string V3Array(string dataType, string fill, string codec) =>
        $$$"""{"zarr_format":3,"node_type":"array","shape":[4],"data_type":{{{dataType}}},"chunk_grid":{"name":"regular","configuration":{"chunk_shape":[2]}},"chunk_key_encoding":{"name":"default"},"fill_value":{{{fill}}},"codecs":[{"name":"{{{codec}}}"}]}""";

    private static ArrayMetadata ParseV3(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return ArrayMetadataParser.ParseV3(doc.RootElement, "arr");
    }
}
