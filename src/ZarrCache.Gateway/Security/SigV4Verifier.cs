using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace ZarrCache.Gateway.Security;

/// <summary>
/// Checks an S3 request's AWS Signature Version 4 (the <c>Authorization</c> header form) against the configured
/// credentials: the canonical request is rebuilt from what arrived (method, the path as S3 encodes it, the sorted query,
/// the signed headers, <c>x-amz-content-sha256</c>), signed with the secret, and compared in constant time. A request
/// dated more than 15 minutes from now is refused, as S3 refuses it. Presigned URLs are not accepted.
/// </summary>
internal sealed class SigV4Verifier(GatewayCredentials credentials, TimeProvider clock) : IRequestAuthorizer
{
    private const string Algorithm = "AWS4-HMAC-SHA256";
    private static readonly TimeSpan MaxSkew = TimeSpan.FromMinutes(15);
    private static readonly string EmptyHash = Convert.ToHexStringLower(SHA256.HashData([]));

    /// <inheritdoc />
    public bool IsAllowed(HttpRequest request)
    {
        var header = request.Headers[HeaderNames.Authorization];
        if (header.Count != 1 || header[0] is not { } value || !value.StartsWith(Algorithm + " ", StringComparison.Ordinal))
        {
            return false;
        }

        if (Parse(value[(Algorithm.Length + 1)..]) is not { } auth || auth.Scope.Split('/') is not [var date, var region, var service, "aws4_request"])
        {
            return false;
        }

        var amzDate = request.Headers["x-amz-date"].ToString();
        if (!DateTimeOffset.TryParseExact(amzDate, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var signedAt)
            || (clock.GetUtcNow() - signedAt).Duration() > MaxSkew
            || !string.Equals(date, amzDate[..8], StringComparison.Ordinal)
            || !auth.SignedHeaders.Contains("host"))
        {
            return false;
        }

        var canonical = CanonicalRequest(request, auth.SignedHeaders);
        var toSign = $"{Algorithm}\n{amzDate}\n{date}/{region}/{service}/aws4_request\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)))}";
        var key = Hmac(Hmac(Hmac(Hmac(Encoding.UTF8.GetBytes("AWS4" + credentials.SecretAccessKey), date), region), service), "aws4_request");
        var expected = Encoding.ASCII.GetBytes(Hex(Hmac(key, toSign)));
        return string.Equals(auth.AccessKeyId, credentials.AccessKeyId, StringComparison.Ordinal)
            & CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(auth.Signature));
    }

    /// <summary>The canonical request of SigV4 for what arrived.</summary>
    internal static string CanonicalRequest(HttpRequest request, IReadOnlyList<string> signedHeaders)
    {
        var text = new StringBuilder();
        text.Append(request.Method).Append('\n');
        var path = Http.RequestKey.RawPath(request.HttpContext);
        text.AppendJoin('/', path.Split('/').Select(s => Encode(Uri.UnescapeDataString(s)))).Append('\n');
        var query = request.QueryString.HasValue ? request.QueryString.Value![1..] : string.Empty;
        var pairs = query.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .Select(p => (Name: Encode(Unescape(p[0])), Value: Encode(p.Length > 1 ? Unescape(p[1]) : string.Empty)))
            .OrderBy(p => p.Name, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal);
        text.AppendJoin('&', pairs.Select(p => p.Name + "=" + p.Value)).Append('\n');
        foreach (var name in signedHeaders)
        {
            var values = name == "host" ? request.Host.Value ?? string.Empty : string.Join(',', request.Headers[name].Select(v => Collapse(v ?? string.Empty)));
            text.Append(name).Append(':').Append(values).Append('\n');
        }

        text.Append('\n').AppendJoin(';', signedHeaders).Append('\n');
        var payload = request.Headers["x-amz-content-sha256"].ToString();
        text.Append(payload.Length == 0 ? EmptyHash : payload);
        return text.ToString();
    }

    private static Authorization? Parse(string text)
    {
        string? credential = null, signed = null, signature = null;
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                return null;
            }

            var (name, value) = (part[..eq], part[(eq + 1)..]);
            _ = name switch
            {
                "Credential" => credential = value,
                "SignedHeaders" => signed = value,
                "Signature" => signature = value,
                _ => null,
            };
        }

        var slash = credential?.IndexOf('/', StringComparison.Ordinal) ?? -1;
        if (credential is null || signed is null || signature is null || slash <= 0)
        {
            return null;
        }

        var headers = signed.Split(';');
        if (headers.Any(h => h.Length == 0 || !string.Equals(h, h.ToLowerInvariant(), StringComparison.Ordinal)) || !headers.SequenceEqual(headers.Order(StringComparer.Ordinal)))
        {
            return null;
        }

        return new Authorization(credential[..slash], credential[(slash + 1)..], headers, signature);
    }

    /// <summary>URI-encodes as SigV4 does: everything but A-Z, a-z, 0-9, '-', '_', '.', '~' as %XX (upper case).</summary>
    private static string Encode(string value)
    {
        var text = new StringBuilder(value.Length);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            if (char.IsAsciiLetterOrDigit((char)b) || b is (byte)'-' or (byte)'_' or (byte)'.' or (byte)'~')
            {
                text.Append((char)b);
            }
            else
            {
                text.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return text.ToString();
    }

    private static string Unescape(string value) => Uri.UnescapeDataString(value);

    private static string Collapse(string value) => string.Join(' ', value.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);

    private sealed record Authorization(string AccessKeyId, string Scope, IReadOnlyList<string> SignedHeaders, string Signature);
}
