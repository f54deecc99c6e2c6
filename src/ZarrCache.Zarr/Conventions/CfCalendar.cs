namespace ZarrCache.Zarr.Conventions;

/// <summary>
/// A CF calendar (the <c>calendar</c> attribute of a time variable) and its date arithmetic: a date as a day number and
/// back. <c>standard</c>/<c>gregorian</c> is the mixed calendar of the CF conventions and cftime (Julian before
/// 1582-10-15, Gregorian from then); <c>proleptic_gregorian</c> is Gregorian throughout (as .NET's
/// <see cref="DateTime"/>); <c>noleap</c>/<c>365_day</c>, <c>all_leap</c>/<c>366_day</c>, <c>360_day</c> and
/// <c>julian</c> are calendars of their own. Years are numbered astronomically (year 0 is 1 BC), as
/// <c>has_year_zero=True</c> in cftime.
/// </summary>
public sealed class CfCalendar
{
    /// <summary>The Julian day number of 1582-10-15, the first day of the Gregorian calendar in <c>standard</c>.</summary>
    private const long GregorianReformDay = 2299161;

    private static readonly int[] CommonMonths = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    private static readonly int[] LeapMonths = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

    private readonly Rule _rule;

    private CfCalendar(string name, Rule rule)
    {
        Name = name;
        _rule = rule;
    }

    private enum Rule
    {
        Mixed,
        ProlepticGregorian,
        NoLeap,
        AllLeap,
        Day360,
        Julian,
    }

    /// <summary>The mixed Julian/Gregorian calendar (<c>standard</c>, also spelled <c>gregorian</c>); the default when a time variable has no <c>calendar</c>.</summary>
    public static CfCalendar Standard { get; } = new("standard", Rule.Mixed);

    /// <summary>The Gregorian calendar extended before 1582 (<c>proleptic_gregorian</c>), as <see cref="DateTime"/> counts.</summary>
    public static CfCalendar ProlepticGregorian { get; } = new("proleptic_gregorian", Rule.ProlepticGregorian);

    /// <summary>365 days every year (<c>noleap</c>, also spelled <c>365_day</c>).</summary>
    public static CfCalendar NoLeap { get; } = new("noleap", Rule.NoLeap);

    /// <summary>366 days every year (<c>all_leap</c>, also spelled <c>366_day</c>).</summary>
    public static CfCalendar AllLeap { get; } = new("all_leap", Rule.AllLeap);

    /// <summary>Twelve months of 30 days (<c>360_day</c>).</summary>
    public static CfCalendar Day360 { get; } = new("360_day", Rule.Day360);

    /// <summary>The Julian calendar (<c>julian</c>): a leap year every fourth year.</summary>
    public static CfCalendar Julian { get; } = new("julian", Rule.Julian);

    /// <summary>The calendar's canonical CF name (<c>standard</c> for <c>gregorian</c>, <c>noleap</c> for <c>365_day</c>, <c>all_leap</c> for <c>366_day</c>).</summary>
    public string Name { get; }

    /// <summary>
    /// Whether every date of this calendar is a date of <see cref="DateTime"/>'s (proleptic Gregorian) calendar, so that
    /// <see cref="CfDate.ToDateTime"/> can hold it: <c>proleptic_gregorian</c>, and <c>standard</c> from 1582-10-15
    /// (see <see cref="IsGregorianDate"/>).
    /// </summary>
    public bool IsGregorian => _rule is Rule.ProlepticGregorian or Rule.Mixed;

    /// <summary>The CF names this parses, in the order the documentation lists them.</summary>
    public static IReadOnlyList<string> Names { get; } =
        ["standard", "gregorian", "proleptic_gregorian", "noleap", "365_day", "all_leap", "366_day", "360_day", "julian"];

    /// <summary>Parses a calendar name, case-insensitively (as xarray and cftime do).</summary>
    /// <param name="name">The <c>calendar</c> attribute.</param>
    /// <returns>The calendar, or null when the name is not one of <see cref="Names"/>.</returns>
    public static CfCalendar? Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Trim().ToLowerInvariant() switch
        {
            "standard" or "gregorian" => Standard,
            "proleptic_gregorian" => ProlepticGregorian,
            "noleap" or "365_day" => NoLeap,
            "all_leap" or "366_day" => AllLeap,
            "360_day" => Day360,
            "julian" => Julian,
            _ => null,
        };
    }

    /// <summary>Whether a date is a day of this calendar (month 1 to 12, day within the month; not in the ten days <c>standard</c> skips in 1582).</summary>
    /// <param name="year">The year (astronomical: 0 is 1 BC).</param>
    /// <param name="month">The month, 1 to 12.</param>
    /// <param name="day">The day of the month.</param>
    /// <returns>Whether the date exists.</returns>
    public bool IsValidDate(long year, int month, int day)
    {
        if (month is < 1 or > 12 || day < 1 || day > DaysInMonth(year, month))
        {
            return false;
        }

        return _rule != Rule.Mixed || year != 1582 || month != 10 || day is < 5 or > 14;
    }

    /// <summary>Whether a date of this calendar is the same day in the proleptic Gregorian calendar (all of <c>proleptic_gregorian</c>; <c>standard</c> from 1582-10-15).</summary>
    /// <param name="year">The year.</param>
    /// <param name="month">The month.</param>
    /// <param name="day">The day.</param>
    /// <returns>Whether <see cref="DateTime"/> names the same day.</returns>
    public bool IsGregorianDate(long year, int month, int day) =>
        _rule == Rule.ProlepticGregorian || (_rule == Rule.Mixed && (year, month, day).CompareTo((1582L, 10, 15)) >= 0);

    /// <summary>The number of days in a month of this calendar.</summary>
    /// <param name="year">The year.</param>
    /// <param name="month">The month, 1 to 12.</param>
    /// <returns>The days.</returns>
    public int DaysInMonth(long year, int month) => _rule switch
    {
        Rule.Day360 => 30,
        Rule.NoLeap => CommonMonths[month - 1],
        Rule.AllLeap => LeapMonths[month - 1],
        _ => (IsLeapYear(year, month) ? LeapMonths : CommonMonths)[month - 1],
    };

    /// <summary>A date as a day number (consecutive days count consecutively; the origin is the calendar's own).</summary>
    internal long ToDayNumber(long year, int month, int day) => _rule switch
    {
        Rule.Day360 => (year * 360) + ((month - 1) * 30) + (day - 1),
        Rule.NoLeap => (year * 365) + DaysBeforeMonth(CommonMonths, month) + (day - 1),
        Rule.AllLeap => (year * 366) + DaysBeforeMonth(LeapMonths, month) + (day - 1),
        Rule.Julian => JulianDayNumber(year, month, day),
        Rule.ProlepticGregorian => GregorianDayNumber(year, month, day),
        _ => (year, month, day).CompareTo((1582L, 10, 15)) >= 0 ? GregorianDayNumber(year, month, day) : JulianDayNumber(year, month, day),
    };

    /// <summary>The date of a day number (the inverse of <see cref="ToDayNumber"/>).</summary>
    internal (long Year, int Month, int Day) FromDayNumber(long dayNumber)
    {
        switch (_rule)
        {
            case Rule.Day360:
                {
                    var year = FloorDiv(dayNumber, 360);
                    var inYear = dayNumber - (year * 360);
                    return (year, (int)(inYear / 30) + 1, (int)(inYear % 30) + 1);
                }

            case Rule.NoLeap:
            case Rule.AllLeap:
                {
                    var length = _rule == Rule.NoLeap ? 365 : 366;
                    var year = FloorDiv(dayNumber, length);
                    var (month, day) = MonthDay(_rule == Rule.NoLeap ? CommonMonths : LeapMonths, (int)(dayNumber - (year * length)));
                    return (year, month, day);
                }

            case Rule.Julian:
                return FromJulianDayNumber(dayNumber);
            case Rule.ProlepticGregorian:
                return FromGregorianDayNumber(dayNumber);
            default:
                return dayNumber >= GregorianReformDay ? FromGregorianDayNumber(dayNumber) : FromJulianDayNumber(dayNumber);
        }
    }

    /// <inheritdoc />
    public override string ToString() => Name;

    private bool IsLeapYear(long year, int month)
    {
        var gregorian = _rule == Rule.ProlepticGregorian || (_rule == Rule.Mixed && (year > 1582 || (year == 1582 && month > 2)));
        return gregorian ? (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 : FloorMod(year, 4) == 0;
    }

    private static int DaysBeforeMonth(int[] months, int month)
    {
        var days = 0;
        for (var m = 1; m < month; m++)
        {
            days += months[m - 1];
        }

        return days;
    }

    private static (int Month, int Day) MonthDay(int[] months, int dayOfYear)
    {
        var month = 1;
        while (dayOfYear >= months[month - 1])
        {
            dayOfYear -= months[month - 1];
            month++;
        }

        return (month, dayOfYear + 1);
    }

    // Julian day numbers (days since -4713-11-24 Gregorian, as in the astronomers' count), from the algorithms of
    // Richards (Explanatory Supplement to the Astronomical Almanac), with floor division for negative years.
    private static long GregorianDayNumber(long year, int month, int day)
    {
        var a = FloorDiv(14 - month, 12);
        var y = year + 4800 - a;
        var m = month + (12 * a) - 3;
        return day + FloorDiv((153 * m) + 2, 5) + (365 * y) + FloorDiv(y, 4) - FloorDiv(y, 100) + FloorDiv(y, 400) - 32045;
    }

    private static long JulianDayNumber(long year, int month, int day)
    {
        var a = FloorDiv(14 - month, 12);
        var y = year + 4800 - a;
        var m = month + (12 * a) - 3;
        return day + FloorDiv((153 * m) + 2, 5) + (365 * y) + FloorDiv(y, 4) - 32083;
    }

    private static (long Year, int Month, int Day) FromGregorianDayNumber(long jdn)
    {
        var a = jdn + 32044;
        var b = FloorDiv((4 * a) + 3, 146097);
        var c = a - FloorDiv(146097 * b, 4);
        return FromCentury(b, c);
    }

    private static (long Year, int Month, int Day) FromJulianDayNumber(long jdn) => FromCentury(0, jdn + 32082);

    private static (long Year, int Month, int Day) FromCentury(long b, long c)
    {
        var d = FloorDiv((4 * c) + 3, 1461);
        var e = c - FloorDiv(1461 * d, 4);
        var m = FloorDiv((5 * e) + 2, 153);
        var day = (int)(e - FloorDiv((153 * m) + 2, 5) + 1);
        var month = (int)(m + 3 - (12 * FloorDiv(m, 10)));
        var year = (100 * b) + d - 4800 + FloorDiv(m, 10);
        return (year, month, day);
    }

    private static long FloorDiv(long a, long b) => (a / b) - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0);

    private static long FloorMod(long a, long b) => a - (FloorDiv(a, b) * b);
}
