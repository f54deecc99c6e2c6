using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace ZarrCache.Gateway.Http;

/// <summary>
/// The store key a request names, read from the request target exactly as the client sent it (Kestrel's own path has
/// <c>..</c> segments already removed, which would turn a traversal attempt into a read of another key). The key is
/// percent-decoded and then validated by <see cref="StoreKey"/>, the one key validation of the project.
/// </summary>
internal static class RequestKey
{
    /// <summary>The raw path of the request (before <c>?</c>, still percent-encoded).</summary>
    /// <param name="context">The request.</param>
    /// <returns>The raw path, starting with <c>/</c>.</returns>
    public static string RawPath(HttpContext context)
    {
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (string.IsNullOrEmpty(raw))
        {
            return context.Request.PathBase + context.Request.Path;
        }

        var query = raw.IndexOf('?', StringComparison.Ordinal);
        return query < 0 ? raw : raw[..query];
    }

    /// <summary>Reads the key from an encoded path (without its leading <c>/</c> and any bucket segment).</summary>
    /// <param name="encoded">The path after the part that is not the key.</param>
    /// <param name="maxLength">The longest key accepted, in characters after decoding.</param>
    /// <param name="key">The key, when valid.</param>
    /// <param name="problem">Why it is refused, one line quoting the key, when not.</param>
    /// <returns>Whether the path names a valid key.</returns>
    public static bool TryParse(string encoded, int maxLength, out StoreKey key, out string problem)
    {
        key = default;
        if (encoded.Length > 3 * maxLength)
        {
            problem = $"key refused: it is longer than {maxLength} characters.";
            return false;
        }

        var decoded = Uri.UnescapeDataString(encoded);
        if (decoded.Length > maxLength)
        {
            problem = $"key refused: it is longer than {maxLength} characters.";
            return false;
        }

        if (StoreKey.TryCreate(decoded, out key))
        {
            problem = string.Empty;
            return true;
        }

        try
        {
            _ = new StoreKey(decoded);
            problem = "key refused.";
        }
        catch (ArgumentException e)
        {
            // StoreKey's message quotes the key (control characters escaped) and says what is wrong with it.
            problem = "key refused: " + e.Message.Split(" (Parameter", 2)[0];
        }

        return false;
    }
}
