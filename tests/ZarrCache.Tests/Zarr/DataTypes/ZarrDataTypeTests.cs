using ZarrCache.Zarr;
using ZarrCache.Zarr.DataTypes;

namespace ZarrCache.Tests.Zarr.DataTypes;

public class ZarrDataTypeTests
{
    [Theory]
    [InlineData("<i2", ZarrDataTypeKind.Int16, ZarrByteOrder.Little)]
    [InlineData(">u8", ZarrDataTypeKind.UInt64, ZarrByteOrder.Big)]
    [InlineData("|b1", ZarrDataTypeKind.Bool, ZarrByteOrder.NotApplicable)]
    [InlineData("<f2", ZarrDataTypeKind.Float16, ZarrByteOrder.Little)]
    [InlineData(">c16", ZarrDataTypeKind.Complex128, ZarrByteOrder.Big)]
    public void V2_type_strings_parse_with_their_byte_order(string dtype, ZarrDataTypeKind kind, ZarrByteOrder order)
    {
        var type = ZarrDataType.ParseV2(dtype, "a");
        Assert.Equal(kind, type.Kind);
        Assert.Equal(order, type.ByteOrder);
        Assert.Equal(dtype, type.V2Name);
    }

    [Theory]
    [InlineData("<M8[ns]", true, "ns")]
    [InlineData(">m8[D]", false, "D")]
    public void Datetime_and_timedelta_read_as_int64_with_the_unit(string dtype, bool isDateTime, string unit)
    {
        var type = ZarrDataType.ParseV2(dtype, "a");
        Assert.Equal(ZarrDataTypeKind.Int64, type.Kind);
        Assert.Equal(unit, type.TimeUnit);
        Assert.Equal(isDateTime, type.IsDateTime);
        Assert.Equal(typeof(long), type.ClrType);
    }

    [Theory]
    [InlineData("|O")]
    [InlineData("|V8")]
    [InlineData("<f16")]
    [InlineData("<M8[3]")]
    [InlineData("<M8[0ms]")]
    [InlineData("<U0")]
    public void Objects_without_a_codec_raw_and_other_v2_types_are_refused_naming_the_type(string dtype)
    {
        var e = Assert.Throws<ZarrFormatException>(() => ZarrDataType.ParseV2(dtype, "my/array"));
        Assert.Contains("my/array", e.Message, StringComparison.Ordinal);
        Assert.Contains(dtype, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("numpy.datetime64")]
    [InlineData("r16")]
    [InlineData("bfloat16")]
    public void Unsupported_v3_types_are_refused(string name)
    {
        Assert.Throws<ZarrFormatException>(() => ZarrDataType.ParseV3(name, "a"));
    }
}
