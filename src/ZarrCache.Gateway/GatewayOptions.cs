using System.Net;

namespace ZarrCache.Gateway;

/// <summary>How <c>zarr-cache serve</c> listens, whom it lets in and how much it accepts.</summary>
public sealed record GatewayOptions
{
    /// <summary>The plain HTTP listener, <c>HOST:PORT</c> (port 0 picks a free one); loopback by default.</summary>
    public string Listen { get; init; } = "127.0.0.1:8080";

    /// <summary>The S3-compatible listener, <c>HOST:PORT</c>, or null for none.</summary>
    public string? S3Listen { get; init; }

    /// <summary>The one bucket the S3 API exposes; its keys are the origin's keys.</summary>
    public string Bucket { get; init; } = "zarr";

    /// <summary>A bearer token every plain HTTP request but <c>/healthz</c> must carry, or null for none.</summary>
    public string? Token { get; init; }

    /// <summary>Credentials the S3 API checks AWS Signature V4 against, or null to accept unsigned requests.</summary>
    public GatewayCredentials? S3Credentials { get; init; }

    /// <summary>Requests served at once; more wait in a queue of four times this size, then get 503.</summary>
    public int MaxConcurrentRequests { get; init; } = 256;

    /// <summary>How long one request may take before it is answered 504.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The longest key (in characters, after percent-decoding) a request may name.</summary>
    public int MaxKeyLength { get; init; } = 1024;

    /// <summary>The most bytes all request headers together may take.</summary>
    public int MaxRequestHeadersBytes { get; init; } = 32 * 1024;

    /// <summary>How long a browser or CDN in front may reuse a response before revalidating it with its ETag.</summary>
    public TimeSpan CacheControlMaxAge { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Log one line per request at Information (off by default).</summary>
    public bool LogRequests { get; init; }

    /// <summary>Checks every field; the message of the exception names the field at fault.</summary>
    /// <exception cref="ArgumentException">A field has a bad value.</exception>
    public void Validate()
    {
        _ = ParseEndPoint(Listen, nameof(Listen));
        if (S3Listen is not null)
        {
            _ = ParseEndPoint(S3Listen, nameof(S3Listen));
        }

        if (string.IsNullOrWhiteSpace(Bucket) || Bucket.Length > 63 || Bucket.Any(c => !(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '.')))
        {
            throw new ArgumentException($"GatewayOptions.Bucket '{Bucket}' is not a bucket name (1 to 63 of a-z, 0-9, '-', '.').");
        }

        if (Token is not null && Token.Trim().Length < 8)
        {
            throw new ArgumentException("GatewayOptions.Token must be at least 8 characters.");
        }

        S3Credentials?.Validate();
        Positive(MaxConcurrentRequests, nameof(MaxConcurrentRequests));
        Positive(MaxKeyLength, nameof(MaxKeyLength));
        Positive(MaxRequestHeadersBytes, nameof(MaxRequestHeadersBytes));
        if (RequestTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException($"GatewayOptions.RequestTimeout must be positive, not {RequestTimeout}.");
        }

        if (CacheControlMaxAge < TimeSpan.Zero)
        {
            throw new ArgumentException($"GatewayOptions.CacheControlMaxAge must not be negative, not {CacheControlMaxAge}.");
        }
    }

    /// <summary>The options without secrets: the token shows as set or not (a record's generated text would print it).</summary>
    /// <returns>The text.</returns>
    public override string ToString() =>
        $"GatewayOptions {{ Listen = {Listen}, S3Listen = {S3Listen}, Bucket = {Bucket}, Token = {(Token is null ? "none" : "set")}, S3Credentials = {S3Credentials?.ToString() ?? "none"} }}";

    /// <summary>Parses <c>HOST:PORT</c> (an IP address or <c>localhost</c>; IPv6 in brackets).</summary>
    /// <param name="text">The address.</param>
    /// <param name="field">The option it came from, for the message.</param>
    /// <returns>The end point.</returns>
    /// <exception cref="ArgumentException">It is not an address with a port; the message names <paramref name="field"/>.</exception>
    public static IPEndPoint ParseEndPoint(string text, string field)
    {
        ArgumentNullException.ThrowIfNull(text);
        var value = text.Trim();
        if (value.StartsWith("localhost:", StringComparison.OrdinalIgnoreCase))
        {
            value = "127.0.0.1" + value["localhost".Length..];
        }

        if (value.LastIndexOf(':') is var colon and > 0
            && IPEndPoint.TryParse(value, out var endPoint)
            && int.TryParse(value[(colon + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _))
        {
            return endPoint;
        }

        throw new ArgumentException($"{field} '{text}' is not HOST:PORT (such as 127.0.0.1:8080, [::1]:8080 or 0.0.0.0:8080).");
    }

    private static void Positive(int value, string name)
    {
        if (value <= 0)
        {
            throw new ArgumentException($"GatewayOptions.{name} must be positive, not {value}.");
        }
    }
}

/// <summary>An access key and its secret, which the S3 API checks request signatures against.</summary>
/// <param name="AccessKeyId">The access key id clients sign with.</param>
/// <param name="SecretAccessKey">The secret; never logged, never in a response.</param>
public sealed record GatewayCredentials(string AccessKeyId, string SecretAccessKey)
{
    /// <summary>Checks that both parts are there.</summary>
    /// <exception cref="ArgumentException">One is empty.</exception>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(AccessKeyId) || AccessKeyId.Any(char.IsWhiteSpace) || AccessKeyId.Contains('/', StringComparison.Ordinal))
        {
            throw new ArgumentException("GatewayCredentials.AccessKeyId must be non-empty, without spaces or '/'.");
        }

        if (string.IsNullOrEmpty(SecretAccessKey))
        {
            throw new ArgumentException("GatewayCredentials.SecretAccessKey must not be empty.");
        }
    }

    /// <summary>The access key id only: a record's generated text would print the secret.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"GatewayCredentials {{ AccessKeyId = {AccessKeyId} }}";
}
