using ZarrCache.Zarr;
using ZarrCache.Zarr.Conventions;

namespace ZarrCache.Tests.Zarr.Conventions;

/// <summary>CF time units and the date arithmetic of each calendar, against dates worked out by hand and DateTime.</summary>
public class CfTimeUnitsTests
{
    [Theory]
    [InlineData("noleap", "2001-02-28", 1, "2001-03-01T00:00:00")]
    [InlineData("365_day", "2000-02-28", 1, "2000-03-01T00:00:00")]
    [InlineData("all_leap", "2001-02-28", 1, "2001-02-29T00:00:00")]
    [InlineData("360_day", "2001-02-29", 1, "2001-02-30T00:00:00")]
    [InlineData("360_day", "2001-01-01", 360, "2002-01-01T00:00:00")]
    [InlineData("julian", "1900-02-28", 1, "1900-02-29T00:00:00")]
    [InlineData("proleptic_gregorian", "1900-02-28", 1, "1900-03-01T00:00:00")]
    [InlineData("standard", "1582-10-04", 1, "1582-10-15T00:00:00")]
    [InlineData("gregorian", "1582-10-15", -1, "1582-10-04T00:00:00")]
    [InlineData("proleptic_gregorian", "1582-10-04", 1, "1582-10-05T00:00:00")]
    [InlineData("NoLeap", "0001-01-01", -1, "0000-12-31T00:00:00")]
    public void Days_step_through_each_calendars_own_dates(string calendar, string reference, long days, string expected)
    {
        var units = CfTimeUnits.Parse($"days since {reference}", calendar, "variable 'time'");
        Assert.Equal(expected, units.Decode(days).ToIsoString());
    }

    [Fact]
    public void Proleptic_gregorian_and_standard_after_1582_agree_with_DateTime_over_its_whole_range()
    {
        var random = new Random(14);
        foreach (var calendar in new[] { "proleptic_gregorian", "standard" })
        {
            var units = CfTimeUnits.Parse("minutes since 1970-01-01", calendar, "variable 't'");
            for (var i = 0; i < 20_000; i++)
            {
                var expected = new DateTime(random.NextInt64(new DateTime(1583, 1, 1).Ticks, DateTime.MaxValue.Ticks) / TimeSpan.TicksPerMinute * TimeSpan.TicksPerMinute);
                var minutes = (expected - DateTime.UnixEpoch).Ticks / TimeSpan.TicksPerMinute;
                Assert.Equal(expected, units.Decode(minutes).ToDateTime());
            }
        }
    }

    [Fact]
    public void Every_day_of_a_noleap_and_a_360_day_year_is_reached_once_in_order()
    {
        foreach (var (calendar, length) in new[] { ("noleap", 365), ("360_day", 360), ("all_leap", 366) })
        {
            var units = CfTimeUnits.Parse("days since 2003-01-01", calendar, "variable 't'");
            var dates = Enumerable.Range(0, length * 3).Select(d => units.Decode(d)).ToArray();
            Assert.Equal(2006, units.Decode(length * 3).Year);
            Assert.All(dates.Zip(dates.Skip(1)), p => Assert.True(
                (p.First.Year, p.First.Month, p.First.Day).CompareTo((p.Second.Year, p.Second.Month, p.Second.Day)) < 0
                && CfCalendar.Parse(calendar)!.IsValidDate(p.Second.Year, p.Second.Month, p.Second.Day)));
        }
    }

    [Theory]
    [InlineData("hours since 2000-01-01 06:00:00+02:00", 0, "2000-01-01T04:00:00")]
    [InlineData("Hour since 2000-1-1", 25, "2000-01-02T01:00:00")]
    [InlineData("seconds since 2000-01-01T00:00:00Z", 90, "2000-01-01T00:01:30")]
    [InlineData("milliseconds since 2000-01-01 00:00:00.5", 250, "2000-01-01T00:00:00.75")]
    [InlineData("microseconds since 1970-01-01 UTC", -1, "1969-12-31T23:59:59.999999")]
    [InlineData("nanoseconds since 1970-01-01", 1, "1970-01-01T00:00:00.000000001")]
    public void Units_spellings_reference_times_and_zones_are_read_as_xarray_reads_them(string text, long count, string expected) =>
        Assert.Equal(expected, CfTimeUnits.Parse(text, null, "variable 'time'").Decode(count).ToIsoString());

    [Fact]
    public void Floating_point_counts_truncate_to_nanoseconds_and_NaN_is_missing()
    {
        var units = CfTimeUnits.Parse("days since 2000-01-01", "standard", "variable 'time'");
        Assert.Equal("2000-01-01T12:00:00", units.Decode(0.5)!.ToIsoString());
        Assert.Null(units.Decode(double.NaN));
        Assert.Throws<OverflowException>(() => units.Decode(double.PositiveInfinity));
    }

    [Theory]
    [InlineData("days since 2000-01-01", "martian", "variable 'time': attribute 'calendar' is 'martian', not a CF calendar")]
    [InlineData("fortnights since 2000-01-01", null, "variable 'time': attribute 'units' is 'fortnights since 2000-01-01': the unit is not one of days")]
    [InlineData("days since the beginning", null, "variable 'time': attribute 'units' is 'days since the beginning': the reference date is not")]
    [InlineData("days since 2001-02-29", "noleap", "variable 'time': attribute 'units' is 'days since 2001-02-29': the reference date is not a date of the noleap calendar")]
    [InlineData("days since 1582-10-10", "standard", "the reference date is not a date of the standard calendar")]
    public void Units_and_calendars_that_are_not_CFs_are_errors_naming_the_variable_and_the_attribute(string units, string? calendar, string message)
    {
        var e = Assert.Throws<ZarrFormatException>(() => CfTimeUnits.Parse(units, calendar, "variable 'time'"));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_date_of_another_calendar_never_becomes_a_DateTime()
    {
        var noleap = CfTimeUnits.Parse("days since 2000-02-28", "noleap", "variable 'time'").Decode(1);
        Assert.Equal("2000-03-01T00:00:00 (noleap)", noleap.ToString());
        Assert.False(noleap.IsDateTime);
        Assert.Contains("noleap", Assert.Throws<InvalidOperationException>(() => noleap.ToDateTime()).Message, StringComparison.Ordinal);
        var early = CfTimeUnits.Parse("days since 1582-10-15", "standard", "variable 'time'").Decode(-1);
        Assert.Equal("1582-10-04T00:00:00", early.ToIsoString());
        Assert.Throws<InvalidOperationException>(() => early.ToDateTime());
        Assert.Equal(new DateTime(1582, 10, 15), CfTimeUnits.Parse("days since 1582-10-15", "standard", "variable 'time'").Decode(0).ToDateTime());
    }
}
