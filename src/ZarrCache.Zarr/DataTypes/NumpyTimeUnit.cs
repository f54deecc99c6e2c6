using System.Globalization;

namespace ZarrCache.Zarr.DataTypes;

/// <summary>A NumPy datetime64/timedelta64 unit with its scale factor (<c>10ms</c>: ten milliseconds).</summary>
/// <param name="Unit">Y, M, W, D, h, m, s, ms, us, ns, ps, fs or as.</param>
/// <param name="Scale">The scale factor, 1 to 2^31 - 1.</param>
internal sealed record NumpyTimeUnit(string Unit, long Scale)
{
    /// <summary>The units, longest first; the calendar units Y and M have no fixed length.</summary>
    public static readonly string[] Units = ["Y", "M", "W", "D", "h", "m", "s", "ms", "us", "ns", "ps", "fs", "as"];

    /// <summary>Whether the unit is a calendar one (years or months) rather than a fixed duration.</summary>
    public bool IsCalendar => Unit is "Y" or "M";

    /// <summary>For a fixed unit: how many attoseconds one (unscaled) unit lasts.</summary>
    public Int128 Attoseconds => Unit switch
    {
        "W" => AttosPerDay * 7,
        "D" => AttosPerDay,
        "h" => (Int128)3600 * AttosPerSecond,
        "m" => (Int128)60 * AttosPerSecond,
        "s" => AttosPerSecond,
        "ms" => 1_000_000_000_000_000,
        "us" => 1_000_000_000_000,
        "ns" => 1_000_000_000,
        "ps" => 1_000_000,
        "fs" => 1_000,
        "as" => 1,
        _ => throw new InvalidOperationException($"The unit {Unit} has no fixed length."),
    };

    public static readonly Int128 AttosPerSecond = 1_000_000_000_000_000_000;

    public static readonly Int128 AttosPerDay = 86_400 * AttosPerSecond;

    /// <summary>Parses a unit as NumPy writes it between brackets (<c>ns</c>, <c>10ms</c>, <c>μs</c>); null when it is not one.</summary>
    public static NumpyTimeUnit? Parse(string text)
    {
        var digits = 0;
        while (digits < text.Length && char.IsAsciiDigit(text[digits]))
        {
            digits++;
        }

        var unit = text[digits..] == "μs" ? "us" : text[digits..];
        if (Array.IndexOf(Units, unit) < 0)
        {
            return null;
        }

        long scale = 1;
        if (digits > 0 && (!long.TryParse(text.AsSpan(0, digits), NumberStyles.None, CultureInfo.InvariantCulture, out scale) || scale < 1 || scale > int.MaxValue))
        {
            return null;
        }

        return new NumpyTimeUnit(unit, scale);
    }

    /// <inheritdoc/>
    public override string ToString() => Scale == 1 ? Unit : Scale.ToString(CultureInfo.InvariantCulture) + Unit;
}
