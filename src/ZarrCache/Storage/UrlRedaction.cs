using System.Text.RegularExpressions;

namespace ZarrCache;

/// <summary>
/// Removes the user information (<c>user:password@</c>) from URLs before they reach a message or a log line. Every
/// place that formats a URL for people uses it: the stores' messages, <see cref="StoreLocation"/>, retry logs, the CLI.
/// </summary>
public static partial class UrlRedaction
{
    /// <summary>What replaces the user information.</summary>
    public const string Mask = "***";

    /// <summary>The URL as text, with any user information replaced by <see cref="Mask"/>.</summary>
    /// <param name="uri">The URL; null gives an empty string.</param>
    /// <returns>The text, safe to show.</returns>
    public static string Redact(Uri? uri)
    {
        if (uri is null)
        {
            return string.Empty;
        }

        if (!uri.IsAbsoluteUri || string.IsNullOrEmpty(uri.UserInfo))
        {
            return Redact(uri.ToString());
        }

        var builder = new UriBuilder(uri) { UserName = Mask, Password = string.Empty };
        return builder.Uri.ToString();
    }

    /// <summary>
    /// The text with the user information of every URL in it (<c>scheme://user:password@host</c>) replaced by
    /// <see cref="Mask"/>; for text that may hold URLs that did not parse.
    /// </summary>
    /// <param name="text">Any text; null gives an empty string.</param>
    /// <returns>The text, safe to show.</returns>
    public static string Redact(string? text) =>
        string.IsNullOrEmpty(text) || !text.Contains('@', StringComparison.Ordinal)
            ? text ?? string.Empty
            : UserInfo().Replace(text, "$1" + Mask + "@");

    [GeneratedRegex(@"([A-Za-z][A-Za-z0-9+.\-]*://)[^/?#\s]*@", RegexOptions.CultureInvariant)]
    private static partial Regex UserInfo();
}
