using System.Globalization;

namespace ZarrCache.Cli;

/// <summary>Byte sizes as people write them: <c>256MiB</c>, <c>10GiB</c>, <c>4096</c>.</summary>
internal static class Sizes
{
    private static readonly (string Suffix, long Factor)[] Units =
    [
        ("KiB", 1L << 10), ("MiB", 1L << 20), ("GiB", 1L << 30), ("TiB", 1L << 40),
        ("KB", 1000L), ("MB", 1000L * 1000), ("GB", 1000L * 1000 * 1000), ("TB", 1000L * 1000 * 1000 * 1000),
        ("K", 1L << 10), ("M", 1L << 20), ("G", 1L << 30), ("B", 1L),
    ];

    /// <summary>Parses a size such as <c>256MiB</c>.</summary>
    /// <exception cref="FormatException">Not a size; the message quotes it.</exception>
    public static long Parse(string text)
    {
        var trimmed = text.Trim();
        foreach (var (suffix, factor) in Units)
        {
            if (trimmed.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                return Scale(trimmed[..^suffix.Length], factor, text);
            }
        }

        return Scale(trimmed, 1, text);
    }

    /// <summary>Formats bytes with a binary unit.</summary>
    public static string Format(long bytes)
    {
        string[] units = ["B", "KiB", "MiB", "GiB", "TiB"];
        double value = bytes;
        var unit = 0;
        while (Math.Abs(value) >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return unit == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{bytes} B")
            : string.Create(CultureInfo.InvariantCulture, $"{value:F1} {units[unit]}");
    }

    private static long Scale(string number, long factor, string original)
    {
        if (!double.TryParse(number.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value < 0 || double.IsNaN(value))
        {
            throw new FormatException($"'{original}' is not a size (examples: 4096, 64KiB, 256MiB, 10GiB).");
        }

        var bytes = value * factor;
        if (bytes > long.MaxValue)
        {
            throw new FormatException($"'{original}' is too large.");
        }

        return (long)bytes;
    }
}
