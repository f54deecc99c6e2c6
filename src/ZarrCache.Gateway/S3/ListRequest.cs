using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace ZarrCache.Gateway.S3;

/// <summary>The parameters of one ListObjectsV2 request, checked.</summary>
/// <param name="Prefix">Only keys that start with this.</param>
/// <param name="Delimiter">Keys with this after the prefix roll up into one common prefix; empty for none.</param>
/// <param name="MaxKeys">The most keys and common prefixes in one page (0 to 1000).</param>
/// <param name="After">Only entries after this one (from the continuation token, else <c>start-after</c>); empty for all.</param>
/// <param name="ContinuationToken">The token the client sent, echoed back; null when none.</param>
/// <param name="StartAfter">The <c>start-after</c> the client sent, echoed back; null when none.</param>
/// <param name="Folder">The store prefix the listing reads: the prefix up to its last '/'.</param>
internal sealed record ListRequest(string Prefix, string Delimiter, int MaxKeys, string After, string? ContinuationToken, string? StartAfter, StorePrefix Folder)
{
    /// <summary>The most entries one page holds, as S3's limit.</summary>
    public const int PageLimit = 1000;

    /// <summary>Reads the query of a ListObjectsV2 request.</summary>
    /// <param name="query">The query.</param>
    /// <param name="problem">The one-line reason, naming the parameter, when it is malformed.</param>
    /// <returns>The request, or null when malformed.</returns>
    public static ListRequest? Parse(IQueryCollection query, out string problem)
    {
        problem = string.Empty;
        var maxKeys = PageLimit;
        if (query.TryGetValue("max-keys", out var max)
            && (!int.TryParse(max.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out maxKeys) || maxKeys < 0))
        {
            problem = $"max-keys '{max}' is not a whole number of 0 or more.";
            return null;
        }

        string? token = query.TryGetValue("continuation-token", out var t) ? t.ToString() : null;
        string? startAfter = query.TryGetValue("start-after", out var s) ? s.ToString() : null;
        var after = startAfter ?? string.Empty;
        if (token is not null)
        {
            if (DecodeToken(token) is not { } decoded)
            {
                problem = "continuation-token is not one this gateway gave.";
                return null;
            }

            after = decoded;
        }

        var prefix = query["prefix"].ToString();
        var slash = prefix.LastIndexOf('/');
        var folder = StorePrefix.Root;
        if (slash >= 0)
        {
            try
            {
                folder = new StorePrefix(prefix[..(slash + 1)]);
            }
            catch (ArgumentException)
            {
                problem = "prefix refused: it has an empty, '.' or '..' segment, a leading '/', '\\' or NUL.";
                return null;
            }
        }

        return new ListRequest(prefix, query["delimiter"].ToString(), Math.Min(maxKeys, PageLimit), after, token, startAfter, folder);
    }

    /// <summary>The continuation token that resumes after <paramref name="entry"/>.</summary>
    /// <param name="entry">The last key or common prefix of a page.</param>
    /// <returns>The token.</returns>
    public static string TokenAfter(string entry) => Convert.ToBase64String(Encoding.UTF8.GetBytes(entry));

    private static string? DecodeToken(string token)
    {
        var bytes = new byte[token.Length];
        return Convert.TryFromBase64String(token, bytes, out var n) ? Encoding.UTF8.GetString(bytes, 0, n) : null;
    }
}
