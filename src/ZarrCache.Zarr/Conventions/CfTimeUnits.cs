using System.Globalization;
using System.Text.RegularExpressions;

namespace ZarrCache.Zarr.Conventions;

/// <summary>
/// The CF encoding of a time variable: <c>units: "&lt;unit&gt; since &lt;reference date&gt;"</c> and its
/// <c>calendar</c>, and the decoding of a stored number to a <see cref="CfDate"/> as xarray does it (integers exactly;
/// floating-point values through nanoseconds, truncated toward zero as xarray's <c>astype(int64)</c>).
/// </summary>
public sealed partial class CfTimeUnits
{
    private static readonly Dictionary<string, long> UnitNanoseconds = new(StringComparer.Ordinal)
    {
        ["days"] = CfDate.NanosecondsPerDay,
        ["hours"] = 3_600_000_000_000,
        ["minutes"] = 60_000_000_000,
        ["seconds"] = 1_000_000_000,
        ["milliseconds"] = 1_000_000,
        ["microseconds"] = 1_000,
        ["nanoseconds"] = 1,
    };

    private readonly Int128 _referenceNanoseconds;

    private CfTimeUnits(string unit, long nanosecondsPerUnit, CfCalendar calendar, Int128 referenceNanoseconds)
    {
        Unit = unit;
        NanosecondsPerUnit = nanosecondsPerUnit;
        Calendar = calendar;
        _referenceNanoseconds = referenceNanoseconds;
        Reference = FromNanoseconds(referenceNanoseconds);
    }

    /// <summary>The unit, in xarray's plural spelling: days, hours, minutes, seconds, milliseconds, microseconds or nanoseconds.</summary>
    public string Unit { get; }

    /// <summary>The length of the unit in nanoseconds.</summary>
    public long NanosecondsPerUnit { get; }

    /// <summary>The reference date (its time zone applied, so in UTC), in the calendar.</summary>
    public CfDate Reference { get; }

    /// <summary>The calendar.</summary>
    public CfCalendar Calendar { get; }

    /// <summary>Whether a <c>units</c> attribute is a CF time (it has <c>" since "</c>), as xarray decides.</summary>
    /// <param name="units">The attribute's text.</param>
    /// <returns>Whether it names a time.</returns>
    public static bool IsTimeUnits(string? units) => units is not null && units.Contains(" since ", StringComparison.Ordinal);

    /// <summary>
    /// Parses a time variable's <c>units</c> and <c>calendar</c> attributes. The unit is case-insensitive and may be
    /// singular (<c>hour since</c>), as in xarray; the reference date is <c>Y-M-D</c> with an optional time
    /// (<c>T</c> or spaces between) with fractional seconds, and an optional zone (<c>Z</c>, <c>UTC</c>, <c>+hh:mm</c>)
    /// that is applied.
    /// </summary>
    /// <param name="units">The <c>units</c> attribute.</param>
    /// <param name="calendar">The <c>calendar</c> attribute; null for <c>standard</c>, CF's default.</param>
    /// <param name="where">What the attributes belong to, for messages: <c>variable 'time'</c>.</param>
    /// <returns>The encoding.</returns>
    /// <exception cref="ZarrFormatException">The units or the calendar are not CF's; the message names the variable, the attribute and its value.</exception>
    public static CfTimeUnits Parse(string units, string? calendar, string where)
    {
        ArgumentNullException.ThrowIfNull(units);
        var cal = calendar is null ? CfCalendar.Standard : CfCalendar.Parse(calendar)
            ?? throw new ZarrFormatException($"{where}: attribute 'calendar' is '{calendar}', not a CF calendar ({string.Join(", ", CfCalendar.Names)}).");
        var since = units.IndexOf(" since ", StringComparison.Ordinal);
        if (since < 0)
        {
            throw new ZarrFormatException($"{where}: attribute 'units' is '{units}', not '<unit> since <date>'.");
        }

        var unit = units[..since].Trim().ToLowerInvariant();
        unit = unit.EndsWith('s') ? unit : unit + "s";
        if (!UnitNanoseconds.TryGetValue(unit, out var perUnit))
        {
            throw new ZarrFormatException($"{where}: attribute 'units' is '{units}': the unit is not one of {string.Join(", ", UnitNanoseconds.Keys)}.");
        }

        var match = DatePattern().Match(units[(since + 7)..].Trim());
        if (!match.Success)
        {
            throw new ZarrFormatException($"{where}: attribute 'units' is '{units}': the reference date is not 'YYYY-MM-DD[ hh:mm[:ss[.f]]][ zone]'.");
        }

        var year = long.Parse(match.Groups["year"].Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var month = Number(match, "month", 1);
        var day = Number(match, "day", 1);
        var hour = Number(match, "hour", 0);
        var minute = Number(match, "minute", 0);
        var second = Number(match, "second", 0);
        var fraction = match.Groups["fraction"].Success ? match.Groups["fraction"].Value : string.Empty;
        if (!cal.IsValidDate(year, month, day) || hour > 23 || minute > 59 || second > 59 || fraction.Length > 9)
        {
            throw new ZarrFormatException($"{where}: attribute 'units' is '{units}': the reference date is not a date of the {cal.Name} calendar (or its time is out of range).");
        }

        var ns = (((((hour * 60L) + minute) * 60) + second) * 1_000_000_000)
            + (fraction.Length == 0 ? 0 : long.Parse(fraction.PadRight(9, '0'), CultureInfo.InvariantCulture));
        Int128 total = ((Int128)cal.ToDayNumber(year, month, day) * CfDate.NanosecondsPerDay) + ns - ZoneNanoseconds(match.Groups["zone"].Value);
        return new CfTimeUnits(unit, perUnit, cal, total);
    }

    /// <summary>The date an integer count of the unit stands for (exact).</summary>
    /// <param name="count">The stored value.</param>
    /// <returns>The date.</returns>
    public CfDate Decode(long count) => FromNanoseconds(_referenceNanoseconds + ((Int128)count * NanosecondsPerUnit));

    /// <summary>The date a floating-point count stands for, as xarray: the count times the unit in nanoseconds as a double, truncated toward zero; null for NaN (NaT).</summary>
    /// <param name="count">The stored value.</param>
    /// <returns>The date, or null.</returns>
    /// <exception cref="OverflowException">The value is infinite or beyond ±2^63 nanoseconds from the reference.</exception>
    public CfDate? Decode(double count)
    {
        if (double.IsNaN(count))
        {
            return null;
        }

        var ns = count * NanosecondsPerUnit;
        if (!double.IsFinite(ns) || ns >= 9.2233720368547758E18 || ns < -9.2233720368547758E18)
        {
            throw new OverflowException($"{count.ToString("R", CultureInfo.InvariantCulture)} {Unit} does not fit int64 nanoseconds (as xarray holds them).");
        }

        return FromNanoseconds(_referenceNanoseconds + (long)ns);
    }

    /// <summary>The units text for messages.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"{Unit} since {Reference.ToIsoString()} ({Calendar.Name})";

    private CfDate FromNanoseconds(Int128 total)
    {
        var day = total / CfDate.NanosecondsPerDay;
        var ns = total - (day * CfDate.NanosecondsPerDay);
        if (ns < 0)
        {
            day--;
            ns += CfDate.NanosecondsPerDay;
        }

        if (day > long.MaxValue / 2 || day < long.MinValue / 2)
        {
            throw new OverflowException($"a time {day} days from the reference is out of range.");
        }

        var (year, month, dayOfMonth) = Calendar.FromDayNumber((long)day);
        return new CfDate(year, month, dayOfMonth, (long)ns, Calendar);
    }

    private static int Number(Match match, string group, int absent) =>
        match.Groups[group].Success ? int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture) : absent;

    private static long ZoneNanoseconds(string zone)
    {
        if (zone.Length == 0 || zone is "Z" or "UTC" or "utc")
        {
            return 0;
        }

        var sign = zone[0] == '-' ? -1 : 1;
        var digits = zone[1..].Replace(":", string.Empty, StringComparison.Ordinal);
        var hours = int.Parse(digits.Length <= 2 ? digits : digits[..^2], CultureInfo.InvariantCulture);
        var minutes = digits.Length <= 2 ? 0 : int.Parse(digits[^2..], CultureInfo.InvariantCulture);
        return sign * ((hours * 60L) + minutes) * 60_000_000_000;
    }

    [GeneratedRegex(@"^(?<year>[+-]?\d{1,9})-(?<month>\d{1,2})(-(?<day>\d{1,2}))?(([T ]|\s+)(?<hour>\d{1,2}):(?<minute>\d{1,2})(:(?<second>\d{1,2})(\.(?<fraction>\d+))?)?)?\s*(?<zone>Z|UTC|utc|[+-]\d{1,2}(:?\d{2})?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex DatePattern();
}
