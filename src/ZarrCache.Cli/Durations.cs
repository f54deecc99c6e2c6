using System.Globalization;

namespace ZarrCache.Cli;

/// <summary>Durations as people write them: <c>30s</c>, <c>10m</c>, <c>2h</c>, <c>1d</c>, <c>1.5h</c>, or TimeSpan text (<c>00:10:00</c>, <c>1.00:00:00</c>).</summary>
internal static class Durations
{
    private static readonly (string Suffix, double Seconds)[] Units = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600), ("d", 86400)];

    /// <summary>Parses a positive duration.</summary>
    /// <exception cref="FormatException">Not a positive duration; the message quotes it.</exception>
    public static TimeSpan Parse(string text)
    {
        var trimmed = text.Trim();
        TimeSpan? parsed = null;
        foreach (var (suffix, seconds) in Units)
        {
            if (trimmed.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)
                && double.TryParse(trimmed[..^suffix.Length], NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
                && double.IsFinite(number) && number * seconds < TimeSpan.MaxValue.TotalSeconds)
            {
                parsed = TimeSpan.FromSeconds(number * seconds);
                break;
            }
        }

        if (parsed is null && trimmed.Contains(':', StringComparison.Ordinal) && TimeSpan.TryParse(trimmed, CultureInfo.InvariantCulture, out var span))
        {
            parsed = span;
        }

        if (parsed is not { } value || value <= TimeSpan.Zero)
        {
            throw new FormatException($"'{text}' is not a positive duration (examples: 30s, 10m, 2h, 1d, 00:10:00).");
        }

        return value;
    }
}
