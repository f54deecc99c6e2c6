using System.Globalization;
using System.Text;

namespace ZarrCache.Zarr.DataTypes;

/// <summary>
/// Converts the int64 counts of NumPy's <c>datetime64</c> and <c>timedelta64</c> (as read from an array whose
/// <see cref="ZarrDataType.IsTime"/>) to and from .NET values and ISO-8601 text. <see cref="NaT"/> converts to null
/// and back; a value the .NET type cannot hold exactly (out of its range, or finer than its 100 ns tick) is refused
/// with an <see cref="OverflowException"/> naming the value and unit, never wrapped or rounded.
/// </summary>
public static class ZarrTime
{
    /// <summary>NumPy's "Not a Time": the smallest int64.</summary>
    public const long NaT = long.MinValue;

    private static readonly Int128 AttosPerTick = 100_000_000_000;
    private static readonly long EpochDays = DateTime.UnixEpoch.Ticks / TimeSpan.TicksPerDay;

    /// <summary>A datetime64 count as a <see cref="DateTime"/> (kind unspecified, as NumPy's are naive); null for NaT.</summary>
    /// <param name="count">The count of the type's unit since 1970-01-01T00:00.</param>
    /// <param name="type">A datetime64 type.</param>
    /// <returns>The time, or null.</returns>
    /// <exception cref="OverflowException">The time is outside DateTime's range or not a whole number of its ticks.</exception>
    public static DateTime? ToDateTime(long count, ZarrDataType type)
    {
        var unit = Unit(type, dateTime: true);
        if (count == NaT)
        {
            return null;
        }

        if (unit.IsCalendar)
        {
            var months = unit.Unit == "Y" ? (Int128)count * unit.Scale * 12 : (Int128)count * unit.Scale;
            var year = 1970 + FloorDiv(months, 12);
            return year < 1 || year > 9999
                ? throw Refused(count, type, "DateTime", "outside its range (years 1 to 9999)")
                : new DateTime((int)year, (int)(months - (FloorDiv(months, 12) * 12)) + 1, 1, 0, 0, 0, DateTimeKind.Unspecified);
        }

        var (days, attos) = Split(count, unit);
        if (days < -EpochDays || days > (DateTime.MaxValue.Ticks / TimeSpan.TicksPerDay) - EpochDays)
        {
            throw Refused(count, type, "DateTime", "outside its range (years 1 to 9999)");
        }

        if (attos % AttosPerTick != 0)
        {
            throw Refused(count, type, "DateTime", "finer than its 100 ns tick");
        }

        return new DateTime((((long)days + EpochDays) * TimeSpan.TicksPerDay) + (long)(attos / AttosPerTick), DateTimeKind.Unspecified);
    }

    /// <summary>A timedelta64 count as a <see cref="TimeSpan"/>; null for NaT.</summary>
    /// <param name="count">The count of the type's unit.</param>
    /// <param name="type">A timedelta64 type with a fixed unit (not years or months).</param>
    /// <returns>The duration, or null.</returns>
    /// <exception cref="OverflowException">The duration is outside TimeSpan's range, not a whole number of its ticks, or in years or months.</exception>
    public static TimeSpan? ToTimeSpan(long count, ZarrDataType type)
    {
        var unit = Unit(type, dateTime: false);
        if (count == NaT)
        {
            return null;
        }

        if (unit.IsCalendar)
        {
            throw Refused(count, type, "TimeSpan", "a duration in years or months has no fixed length");
        }

        var total = (Int128)count * unit.Scale;
        var limit = (Int128)long.MaxValue * AttosPerTick / unit.Attoseconds;
        if (total > limit || total < -limit)
        {
            throw Refused(count, type, "TimeSpan", "outside its range");
        }

        var attos = total * unit.Attoseconds;
        return attos % AttosPerTick != 0
            ? throw Refused(count, type, "TimeSpan", "finer than its 100 ns tick")
            : new TimeSpan((long)(attos / AttosPerTick));
    }

    /// <summary>A <see cref="DateTime"/> (its ticks, whatever its kind) as a datetime64 count; null as NaT.</summary>
    /// <param name="value">The time, or null.</param>
    /// <param name="type">A datetime64 type.</param>
    /// <returns>The count.</returns>
    /// <exception cref="OverflowException">The time is not a whole number of the type's unit.</exception>
    public static long FromDateTime(DateTime? value, ZarrDataType type)
    {
        var unit = Unit(type, dateTime: true);
        if (value is not { } v)
        {
            return NaT;
        }

        Int128 count;
        if (unit.IsCalendar)
        {
            if (v.TimeOfDay != TimeSpan.Zero || v.Day != 1 || (unit.Unit == "Y" && v.Month != 1))
            {
                throw NotWhole(v.ToString("O", CultureInfo.InvariantCulture), type);
            }

            count = unit.Unit == "Y" ? v.Year - 1970 : ((v.Year - 1970) * 12) + v.Month - 1;
        }
        else
        {
            var attos = (Int128)(v.Ticks - (EpochDays * TimeSpan.TicksPerDay)) * AttosPerTick;
            if (attos % unit.Attoseconds != 0)
            {
                throw NotWhole(v.ToString("O", CultureInfo.InvariantCulture), type);
            }

            count = attos / unit.Attoseconds;
        }

        return Scaled(count, unit, v.ToString("O", CultureInfo.InvariantCulture), type);
    }

    /// <summary>A <see cref="TimeSpan"/> as a timedelta64 count; null as NaT.</summary>
    /// <param name="value">The duration, or null.</param>
    /// <param name="type">A timedelta64 type with a fixed unit.</param>
    /// <returns>The count.</returns>
    /// <exception cref="OverflowException">The duration is not a whole number of the type's unit, or does not fit.</exception>
    public static long FromTimeSpan(TimeSpan? value, ZarrDataType type)
    {
        var unit = Unit(type, dateTime: false);
        if (value is not { } v)
        {
            return NaT;
        }

        if (unit.IsCalendar)
        {
            throw NotWhole(v.ToString("c", CultureInfo.InvariantCulture), type);
        }

        var attos = (Int128)v.Ticks * AttosPerTick;
        return attos % unit.Attoseconds != 0
            ? throw NotWhole(v.ToString("c", CultureInfo.InvariantCulture), type)
            : Scaled(attos / unit.Attoseconds, unit, v.ToString("c", CultureInfo.InvariantCulture), type);
    }

    /// <summary>
    /// A count as ISO-8601 text, exact at any unit and for any year: a datetime64 as NumPy's
    /// <c>datetime_as_string</c> writes it (<c>2005-02-03T04:05:06.000</c> for ms), a timedelta64 as a duration
    /// (<c>P3DT4H5M6.007S</c>, <c>P14M</c>); null for NaT.
    /// </summary>
    /// <param name="count">The count.</param>
    /// <param name="type">A datetime64 or timedelta64 type.</param>
    /// <returns>The text, or null.</returns>
    public static string? ToIsoString(long count, ZarrDataType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var unit = type.Time ?? throw new ArgumentException($"{type} is not a datetime64 or timedelta64 type.", nameof(type));
        if (count == NaT)
        {
            return null;
        }

        return type.IsDateTime ? IsoDate(count, unit) : IsoDuration(count, unit);
    }

    private static string IsoDate(long count, NumpyTimeUnit unit)
    {
        var total = (Int128)count * unit.Scale;
        if (unit.IsCalendar)
        {
            var months = unit.Unit == "Y" ? total * 12 : total;
            var year = 1970 + FloorDiv(months, 12);
            var month = (int)(months - (FloorDiv(months, 12) * 12)) + 1;
            return unit.Unit == "Y" ? Year(year) : $"{Year(year)}-{month:D2}";
        }

        var (days, attos) = Split(count, unit);
        var (y, m, d) = CivilFromDays(days);
        var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"{Year(y)}-{m:D2}-{d:D2}");
        if (unit.Unit is "W" or "D")
        {
            return text.ToString();
        }

        var seconds = (long)(attos / NumpyTimeUnit.AttosPerSecond);
        text.Append(CultureInfo.InvariantCulture, $"T{seconds / 3600:D2}");
        if (unit.Unit == "h")
        {
            return text.ToString();
        }

        text.Append(CultureInfo.InvariantCulture, $":{seconds / 60 % 60:D2}");
        if (unit.Unit == "m")
        {
            return text.ToString();
        }

        text.Append(CultureInfo.InvariantCulture, $":{seconds % 60:D2}");
        return text.Append(Fraction(attos % NumpyTimeUnit.AttosPerSecond, unit.Unit)).ToString();
    }

    private static string IsoDuration(long count, NumpyTimeUnit unit)
    {
        var total = (Int128)count * unit.Scale;
        var sign = total < 0 ? "-" : string.Empty;
        var magnitude = total < 0 ? -total : total;
        if (unit.IsCalendar)
        {
            return $"{sign}P{magnitude}{unit.Unit}";
        }

        var attos = magnitude * unit.Attoseconds;
        var days = attos / NumpyTimeUnit.AttosPerDay;
        var rest = attos % NumpyTimeUnit.AttosPerDay;
        var seconds = (long)(rest / NumpyTimeUnit.AttosPerSecond);
        var fraction = rest % NumpyTimeUnit.AttosPerSecond;
        var text = new StringBuilder(sign).Append('P');
        if (days != 0)
        {
            text.Append(days).Append('D');
        }

        if (rest != 0 || days == 0)
        {
            text.Append('T');
            if (seconds >= 3600)
            {
                text.Append(seconds / 3600).Append('H');
            }

            if (seconds / 60 % 60 != 0)
            {
                text.Append(seconds / 60 % 60).Append('M');
            }

            if (seconds % 60 != 0 || fraction != 0 || seconds == 0)
            {
                text.Append(seconds % 60).Append(fraction == 0 ? string.Empty : Fraction(fraction, "as").TrimEnd('0')).Append('S');
            }
        }

        return text.ToString();
    }

    /// <summary>The count's days since the epoch (floored) and attoseconds into that day, for a fixed unit.</summary>
    private static (Int128 Days, Int128 Attos) Split(long count, NumpyTimeUnit unit)
    {
        var total = (Int128)count * unit.Scale;
        if (unit.IsCalendar)
        {
            throw new InvalidOperationException("calendar unit");
        }

        if (unit.Unit is "W" or "D")
        {
            return (unit.Unit == "W" ? total * 7 : total, 0);
        }

        var perDay = NumpyTimeUnit.AttosPerDay / unit.Attoseconds;
        var days = FloorDiv(total, perDay);
        return (days, (total - (days * perDay)) * unit.Attoseconds);
    }

    private static (Int128 Year, int Month, int Day) CivilFromDays(Int128 days)
    {
        // Howard Hinnant's days_from_civil inverse, in Int128 so that every int64 count of any unit has a date.
        var z = days + 719468;
        var era = FloorDiv(z, 146097);
        var doe = (long)(z - (era * 146097));
        var yoe = (doe - (doe / 1460) + (doe / 36524) - (doe / 146096)) / 365;
        var doy = doe - ((365 * yoe) + (yoe / 4) - (yoe / 100));
        var mp = ((5 * doy) + 2) / 153;
        var d = (int)(doy - (((153 * mp) + 2) / 5) + 1);
        var m = (int)(mp < 10 ? mp + 3 : mp - 9);
        var y = yoe + (era * 400) + (m <= 2 ? 1 : 0);
        return (y, m, d);
    }

    private static string Fraction(Int128 attos, string unit)
    {
        var digits = unit switch { "s" => 0, "ms" => 3, "us" => 6, "ns" => 9, "ps" => 12, "fs" => 15, _ => 18 };
        if (digits == 0)
        {
            return string.Empty;
        }

        var text = attos.ToString(CultureInfo.InvariantCulture).PadLeft(18, '0');
        return "." + text[..digits];
    }

    private static string Year(Int128 year) => year < 0 ? "-" + (-year).ToString("D4", CultureInfo.InvariantCulture) : year.ToString("D4", CultureInfo.InvariantCulture);

    private static Int128 FloorDiv(Int128 a, Int128 b)
    {
        var q = a / b;
        return (a % b != 0) && ((a < 0) != (b < 0)) ? q - 1 : q;
    }

    private static long Scaled(Int128 count, NumpyTimeUnit unit, string value, ZarrDataType type)
    {
        if (count % unit.Scale != 0)
        {
            throw NotWhole(value, type);
        }

        var scaled = count / unit.Scale;
        return scaled <= long.MinValue || scaled > long.MaxValue
            ? throw new OverflowException($"{value} does not fit {type}: its count of {unit} is outside int64 (NaT excluded).")
            : (long)scaled;
    }

    private static NumpyTimeUnit Unit(ZarrDataType type, bool dateTime)
    {
        ArgumentNullException.ThrowIfNull(type);
        return type.Time is { } unit && type.IsDateTime == dateTime
            ? unit
            : throw new ArgumentException($"{type} is not a {(dateTime ? "datetime64" : "timedelta64")} type.", nameof(type));
    }

    private static OverflowException Refused(long count, ZarrDataType type, string target, string why) =>
        new($"The {(type.IsDateTime ? "datetime64" : "timedelta64")} value {count} [{type.TimeUnit}] cannot be a {target}: {why}.");

    private static OverflowException NotWhole(string value, ZarrDataType type) =>
        new($"{value} is not a whole number of [{type.TimeUnit}], the unit of {type}.");
}
