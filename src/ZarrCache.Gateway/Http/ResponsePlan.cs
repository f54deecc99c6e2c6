using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace ZarrCache.Gateway.Http;

/// <summary>What a GET or HEAD of a found object answers, by its conditional and range headers.</summary>
internal enum ResponseKind
{
    /// <summary>200 with the whole value.</summary>
    Whole,

    /// <summary>206 with one range, or several as <c>multipart/byteranges</c>.</summary>
    Partial,

    /// <summary>304: the client's copy (If-None-Match) is current.</summary>
    NotModified,

    /// <summary>416: no requested range overlaps the value.</summary>
    Unsatisfiable,
}

/// <summary>
/// The answer to a GET or HEAD of a value of <c>length</c> bytes with a given ETag, decided from <c>If-None-Match</c>,
/// <c>Range</c> and <c>If-Range</c> as RFC 9110 says: a matching If-None-Match is 304; a Range header that does not
/// parse (or asks for more than <see cref="MaxRanges"/> ranges) is ignored; If-Range that is not the current strong
/// ETag means the whole value; ranges past the end are dropped, and 416 when none is left.
/// </summary>
/// <param name="Kind">The kind of answer.</param>
/// <param name="Ranges">The resolved ranges (start, length) for <see cref="ResponseKind.Partial"/>; empty otherwise.</param>
internal sealed record ResponsePlan(ResponseKind Kind, IReadOnlyList<(long Start, long Length)> Ranges)
{
    /// <summary>The most ranges one request may ask for; a longer list is ignored (the whole value is sent).</summary>
    public const int MaxRanges = 64;

    private static readonly ResponsePlan WholeValue = new(ResponseKind.Whole, []);
    private static readonly ResponsePlan Current = new(ResponseKind.NotModified, []);
    private static readonly ResponsePlan NoOverlap = new(ResponseKind.Unsatisfiable, []);

    /// <summary>Decides the answer.</summary>
    /// <param name="headers">The request headers.</param>
    /// <param name="etag">The value's ETag, quoted.</param>
    /// <param name="length">The value's length.</param>
    /// <returns>The plan.</returns>
    public static ResponsePlan For(IHeaderDictionary headers, string etag, long length)
    {
        if (MatchesAny(headers[HeaderNames.IfNoneMatch], etag))
        {
            return Current;
        }

        var range = headers[HeaderNames.Range];
        if (range.Count != 1 || !ParseRanges(range[0]!, out var specs))
        {
            return WholeValue;
        }

        var ifRange = headers[HeaderNames.IfRange];
        if (ifRange.Count > 0 && !string.Equals(ifRange[0]?.Trim(), etag, StringComparison.Ordinal))
        {
            return WholeValue;
        }

        var resolved = new List<(long Start, long Length)>(specs.Count);
        foreach (var (first, last) in specs)
        {
            if (Resolve(first, last, length) is { } r)
            {
                resolved.Add(r);
            }
        }

        return resolved.Count == 0 ? NoOverlap : new ResponsePlan(ResponseKind.Partial, resolved);
    }

    /// <summary>Whether an If-None-Match header names <paramref name="etag"/> (weak comparison) or is <c>*</c>.</summary>
    private static bool MatchesAny(Microsoft.Extensions.Primitives.StringValues values, string etag)
    {
        foreach (var value in values)
        {
            foreach (var part in (value ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                var tag = part.StartsWith("W/", StringComparison.Ordinal) ? part[2..] : part;
                if (tag == "*" || string.Equals(tag, etag, StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Parses <c>bytes=a-b, c-, -n</c>; a null first position is a suffix of <c>last</c> bytes, a null last is "to the end".</summary>
    internal static bool ParseRanges(string header, out List<(long? First, long? Last)> specs)
    {
        specs = [];
        var value = header.Trim();
        if (!value.StartsWith("bytes=", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        foreach (var part in value["bytes=".Length..].Split(','))
        {
            var spec = part.Trim();
            if (spec.Length == 0)
            {
                continue;
            }

            var dash = spec.IndexOf('-', StringComparison.Ordinal);
            if (dash < 0 || specs.Count == MaxRanges)
            {
                return false;
            }

            var hasFirst = TryNumber(spec[..dash], out var first);
            var hasLast = TryNumber(spec[(dash + 1)..], out var last);
            if ((dash > 0 && !hasFirst) || (dash < spec.Length - 1 && !hasLast) || (!hasFirst && !hasLast) || (hasFirst && hasLast && last < first))
            {
                return false;
            }

            specs.Add((hasFirst ? first : null, hasLast ? last : null));
        }

        return specs.Count > 0;
    }

    private static (long Start, long Length)? Resolve(long? first, long? last, long length)
    {
        if (first is null)
        {
            // A suffix: the last N bytes; zero of them, or of an empty value, overlaps nothing.
            var n = Math.Min(last!.Value, length);
            return n == 0 ? null : (length - n, n);
        }

        if (first.Value >= length)
        {
            return null;
        }

        var end = last is null ? length - 1 : Math.Min(last.Value, length - 1);
        return (first.Value, end - first.Value + 1);
    }

    private static bool TryNumber(string text, out long value) =>
        long.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out value);
}
