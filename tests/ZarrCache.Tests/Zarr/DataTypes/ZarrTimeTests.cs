using System.Globalization;
using System.Text.Json;
using ZarrCache.Tests.TestSupport;
using ZarrCache.Zarr.DataTypes;

namespace ZarrCache.Tests.Zarr.DataTypes;

public class ZarrTimeTests
{
    private static readonly string[] Units = ["Y", "M", "W", "D", "h", "m", "s", "ms", "us", "ns", "ps", "fs", "as", "10ms", "3D", "7us"];

    private static readonly long[] Counts = [0, 1, -1, 59, -61, 86_399, 1_234_567_890_123, -9_876_543_210, 1_700_000_000_000_000];

    /// <summary>Counts near int64's ends, compared only for unscaled units of an hour or less, whose dates NumPy computes without overflowing int64.</summary>
    private static readonly long[] LargeCounts = [1_700_000_000_000_000_000, long.MaxValue, long.MinValue + 1];

    private static readonly string[] FineUnits = ["h", "m", "s", "ms", "us", "ns", "ps", "fs", "as"];

    [Fact]
    public void Datetimes_print_as_numpy_datetime_as_string_does_for_every_unit()
    {
        var script = $$"""
            import json, numpy as np
            units = {{JsonSerializer.Serialize(Units)}}
            counts = {{JsonSerializer.Serialize(Counts)}}
            large = {{JsonSerializer.Serialize(LargeCounts)}}
            fine = {{JsonSerializer.Serialize(FineUnits)}}
            out = {}
            for u in units:
                cs = counts + (large if u in fine else [])
                out[u] = [str(np.datetime_as_string(np.array([c], dtype='int64').view('M8[' + u + ']'))[0]) for c in cs]
            print(json.dumps(out))
            """;
        using var expected = JsonDocument.Parse(ExternalTool.RunPython(script));
        foreach (var unit in Units)
        {
            var type = ZarrDataType.CreateTime(true, unit);
            var theirs = expected.RootElement.GetProperty(unit).EnumerateArray().Select(e => e.GetString()).ToArray();
            var ours = Counts.Concat(FineUnits.Contains(unit) ? LargeCounts : []).Select(c => ZarrTime.ToIsoString(c, type)).ToArray();
            Assert.Equal(theirs, ours);
        }
    }

    [Theory]
    [InlineData("Y", long.MaxValue, "9223372036854777777")]
    [InlineData("W", long.MaxValue, "176769144494367851-12-25")]
    public void Counts_whose_dates_numpy_overflows_print_exactly(string unit, long count, string iso)
    {
        // NumPy computes years and days in int64 and wraps here; ZarrTime computes in 128 bits.
        Assert.Equal(iso, ZarrTime.ToIsoString(count, ZarrDataType.CreateTime(true, unit)));
    }

    [Fact]
    public void NaT_is_null_both_ways()
    {
        var type = ZarrDataType.CreateTime(true, "ns");
        Assert.Null(ZarrTime.ToDateTime(ZarrTime.NaT, type));
        Assert.Null(ZarrTime.ToIsoString(ZarrTime.NaT, type));
        Assert.Equal(ZarrTime.NaT, ZarrTime.FromDateTime(null, type));
        var delta = ZarrDataType.CreateTime(false, "ms");
        Assert.Null(ZarrTime.ToTimeSpan(ZarrTime.NaT, delta));
        Assert.Equal(ZarrTime.NaT, ZarrTime.FromTimeSpan(null, delta));
    }

    [Theory]
    [InlineData("ns", 1_107_403_506_000_000_000L, "2005-02-03T04:05:06.0000000")]
    [InlineData("10ms", 110_740_350_600L, "2005-02-03T04:05:06.0000000")]
    [InlineData("D", -719_162L, "0001-01-01T00:00:00.0000000")]
    [InlineData("Y", 35L, "2005-01-01T00:00:00.0000000")]
    [InlineData("M", -1L, "1969-12-01T00:00:00.0000000")]
    [InlineData("W", 1L, "1970-01-08T00:00:00.0000000")]
    public void Datetimes_convert_exactly_and_back(string unit, long count, string iso)
    {
        var type = ZarrDataType.CreateTime(true, unit);
        var value = ZarrTime.ToDateTime(count, type)!.Value;
        Assert.Equal(iso, value.ToString("O", CultureInfo.InvariantCulture));
        Assert.Equal(count, ZarrTime.FromDateTime(value, type));
    }

    [Theory]
    [InlineData("D", -719_163L, "outside its range")]
    [InlineData("s", 253_402_300_800L, "outside its range")]
    [InlineData("Y", 8030L, "outside its range")]
    [InlineData("ns", 150L, "finer than its 100 ns tick")]
    [InlineData("as", 1L, "finer than its 100 ns tick")]
    public void Datetimes_a_DateTime_cannot_hold_are_refused_naming_value_and_unit(string unit, long count, string why)
    {
        var type = ZarrDataType.CreateTime(true, unit);
        var e = Assert.Throws<OverflowException>(() => ZarrTime.ToDateTime(count, type));
        Assert.Contains(count.ToString(CultureInfo.InvariantCulture), e.Message, StringComparison.Ordinal);
        Assert.Contains($"[{unit}]", e.Message, StringComparison.Ordinal);
        Assert.Contains(why, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("h", 8760L, "365.00:00:00")]
    [InlineData("us", -8_000_000L, "-00:00:08")]
    [InlineData("10ms", 3L, "00:00:00.0300000")]
    public void Timedeltas_convert_exactly_and_back(string unit, long count, string text)
    {
        var type = ZarrDataType.CreateTime(false, unit);
        var value = ZarrTime.ToTimeSpan(count, type)!.Value;
        Assert.Equal(text, value.ToString("c", CultureInfo.InvariantCulture));
        Assert.Equal(count, ZarrTime.FromTimeSpan(value, type));
    }

    [Theory]
    [InlineData("W", long.MaxValue)]
    [InlineData("ps", 1L)]
    [InlineData("M", 1L)]
    public void Timedeltas_a_TimeSpan_cannot_hold_are_refused(string unit, long count)
    {
        var e = Assert.Throws<OverflowException>(() => ZarrTime.ToTimeSpan(count, ZarrDataType.CreateTime(false, unit)));
        Assert.Contains($"[{unit}]", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_DateTime_that_is_not_a_whole_number_of_the_unit_is_refused()
    {
        var e = Assert.Throws<OverflowException>(() => ZarrTime.FromDateTime(new DateTime(2005, 2, 3, 4, 5, 6, 7, DateTimeKind.Unspecified), ZarrDataType.CreateTime(true, "s")));
        Assert.Contains("[s]", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("D", 3L, "P3D")]
    [InlineData("ms", 93_784_007L, "P1DT2H3M4.007S")]
    [InlineData("s", -61L, "-PT1M1S")]
    [InlineData("M", 14L, "P14M")]
    [InlineData("ns", 0L, "PT0S")]
    public void Timedeltas_print_as_iso_durations(string unit, long count, string iso)
    {
        Assert.Equal(iso, ZarrTime.ToIsoString(count, ZarrDataType.CreateTime(false, unit)));
    }
}
