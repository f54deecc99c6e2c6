using System.Globalization;

namespace ZarrCache;

/// <summary>Parses a <c>Content-Range</c> header (<c>bytes START-END/TOTAL</c>, TOTAL may be <c>*</c>).</summary>
internal static class ContentRange
{
    /// <summary>Parses the header value.</summary>
    public static bool TryParse(string? value, out long start, out long end, out long? total)
    {
        start = end = 0;
        total = null;
        if (string.IsNullOrWhiteSpace(value))
        {
            return false;
        }

        var s = value.Trim();
        if (!s.StartsWith("bytes ", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        s = s[6..].Trim();
        var slash = s.IndexOf('/', StringComparison.Ordinal);
        var dash = s.IndexOf('-', StringComparison.Ordinal);
        if (slash < 0 || dash < 0 || dash > slash)
        {
            return false;
        }

        if (!long.TryParse(s.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out start)
            || !long.TryParse(s.AsSpan(dash + 1, slash - dash - 1), NumberStyles.None, CultureInfo.InvariantCulture, out end)
            || end < start)
        {
            return false;
        }

        var totalText = s.AsSpan(slash + 1);
        if (totalText is not "*")
        {
            if (!long.TryParse(totalText, NumberStyles.None, CultureInfo.InvariantCulture, out var t) || t <= end)
            {
                return false;
            }

            total = t;
        }

        return true;
    }

    /// <summary>Whether bytes <paramref name="start"/>..<paramref name="end"/> of <paramref name="total"/> are the requested range.</summary>
    public static bool Matches(ByteRange requested, long start, long end, long total)
    {
        var (wantStart, wantLength) = requested.Resolve(total);
        return start == wantStart && end - start + 1 == wantLength;
    }

    /// <summary>Whether a request for this range could return zero bytes without asking (a zero-length range).</summary>
    public static bool IsEmpty(ByteRange range) => range.Length == 0;
}
