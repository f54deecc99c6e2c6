using System.Globalization;

namespace ZarrCache.Zarr.Conventions;

/// <summary>
/// A date and time of a CF calendar, as decoded from a time variable: what <see cref="DateTime"/> cannot say for
/// calendars such as <c>noleap</c> (no February 29) or <c>360_day</c> (February 30 exists). Convert with
/// <see cref="ToDateTime"/> only where the calendar agrees with DateTime's.
/// </summary>
/// <param name="Year">The year (astronomical numbering: 0 is 1 BC).</param>
/// <param name="Month">The month, 1 to 12.</param>
/// <param name="Day">The day of the month.</param>
/// <param name="NanosecondOfDay">Nanoseconds since midnight, 0 to 86 399 999 999 999.</param>
/// <param name="Calendar">The calendar the date belongs to.</param>
public sealed record CfDate(long Year, int Month, int Day, long NanosecondOfDay, CfCalendar Calendar)
{
    /// <summary>Nanoseconds in a day.</summary>
    public const long NanosecondsPerDay = 86_400_000_000_000;

    /// <summary>The hour, 0 to 23.</summary>
    public int Hour => (int)(NanosecondOfDay / 3_600_000_000_000);

    /// <summary>The minute, 0 to 59.</summary>
    public int Minute => (int)(NanosecondOfDay / 60_000_000_000 % 60);

    /// <summary>The second, 0 to 59.</summary>
    public int Second => (int)(NanosecondOfDay / 1_000_000_000 % 60);

    /// <summary>The nanoseconds within the second.</summary>
    public int Nanosecond => (int)(NanosecondOfDay % 1_000_000_000);

    /// <summary>Whether <see cref="ToDateTime"/> can hold this date: its calendar names the same day as the proleptic Gregorian one, the year is 1 to 9999, and the time is a whole number of 100 ns ticks.</summary>
    public bool IsDateTime => Calendar.IsGregorianDate(Year, Month, Day) && Year is >= 1 and <= 9999 && NanosecondOfDay % 100 == 0;

    /// <summary>The same instant as a <see cref="DateTime"/> (kind unspecified, as CF times are naive after the reference's time zone is applied).</summary>
    /// <returns>The time.</returns>
    /// <exception cref="InvalidOperationException">The calendar is not Gregorian on this date (noleap, 360_day, julian, or <c>standard</c> before 1582-10-15), the year is outside 1 to 9999, or the time is finer than 100 ns.</exception>
    public DateTime ToDateTime()
    {
        if (!Calendar.IsGregorianDate(Year, Month, Day))
        {
            throw new InvalidOperationException($"{this} is a date of the {Calendar.Name} calendar, which DateTime (proleptic Gregorian) cannot represent without changing the day.");
        }

        if (!IsDateTime)
        {
            throw new InvalidOperationException($"{this} does not fit DateTime (years 1 to 9999, whole 100 ns ticks).");
        }

        return new DateTime((int)Year, Month, Day, 0, 0, 0, DateTimeKind.Unspecified).AddTicks(NanosecondOfDay / 100);
    }

    /// <summary>ISO 8601 text in the calendar's own terms (<c>2001-02-28T06:00:00</c>, fractional seconds when there are any), without the calendar's name.</summary>
    /// <returns>The text.</returns>
    public string ToIsoString()
    {
        var year = Year is >= 0 and <= 9999 ? Year.ToString("D4", CultureInfo.InvariantCulture) : Year.ToString("+0000;-0000", CultureInfo.InvariantCulture);
        var text = string.Create(CultureInfo.InvariantCulture, $"{year}-{Month:D2}-{Day:D2}T{Hour:D2}:{Minute:D2}:{Second:D2}");
        return Nanosecond == 0 ? text : text + "." + Nanosecond.ToString("D9", CultureInfo.InvariantCulture).TrimEnd('0');
    }

    /// <summary>The ISO text and the calendar: <c>2001-02-28T06:00:00 (noleap)</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"{ToIsoString()} ({Calendar.Name})";
}
