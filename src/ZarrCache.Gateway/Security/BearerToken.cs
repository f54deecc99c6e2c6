using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace ZarrCache.Gateway.Security;

/// <summary>The plain HTTP API's access check: <c>Authorization: Bearer TOKEN</c>, compared in constant time.</summary>
internal interface IRequestAuthorizer
{
    /// <summary>Whether the request may be served.</summary>
    /// <param name="request">The request.</param>
    /// <returns>True when it is allowed.</returns>
    bool IsAllowed(HttpRequest request);
}

/// <summary>No access control: every request is allowed (the default, on loopback).</summary>
internal sealed class OpenAccess : IRequestAuthorizer
{
    /// <summary>The one instance.</summary>
    public static OpenAccess Instance { get; } = new();

    /// <inheritdoc />
    public bool IsAllowed(HttpRequest request) => true;
}

/// <summary>Allows requests that carry the configured bearer token. The token is kept only as its SHA-256.</summary>
internal sealed class BearerToken(string token) : IRequestAuthorizer
{
    private readonly byte[] _expected = SHA256.HashData(Encoding.UTF8.GetBytes(token));

    /// <inheritdoc />
    public bool IsAllowed(HttpRequest request)
    {
        var header = request.Headers[HeaderNames.Authorization];
        if (header.Count != 1 || header[0] is not { } value || !value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var given = SHA256.HashData(Encoding.UTF8.GetBytes(value["Bearer ".Length..].Trim()));
        return CryptographicOperations.FixedTimeEquals(given, _expected);
    }
}
