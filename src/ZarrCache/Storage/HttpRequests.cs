using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace ZarrCache;

/// <summary>
/// The HTTP side of an <see cref="HttpStore"/>: its client, its base URL (without user information) and the Basic
/// credentials taken from it. Builds the request for a key, sends it, and judges the answer: missing, success, access
/// denied, transient, or a whole body whose end cannot be known.
/// </summary>
internal sealed class HttpRequests : IDisposable
{
    private readonly HttpClient _client;
    private readonly bool _ownsClient;
    private readonly bool _allowBodiesWithoutLength;
    private readonly AuthenticationHeaderValue? _authorization;

    /// <summary>Takes the client and the base URL.</summary>
    /// <param name="client">The client.</param>
    /// <param name="ownsClient">Whether <see cref="Dispose"/> disposes the client.</param>
    /// <param name="baseUri">The base URL, an absolute http or https URL (checked by the store); its user information becomes Basic credentials.</param>
    /// <param name="allowBodiesWithoutLength">See <see cref="HttpStoreOptions.AllowBodiesWithoutLength"/>.</param>
    public HttpRequests(HttpClient client, bool ownsClient, Uri baseUri, bool allowBodiesWithoutLength)
    {
        _client = client;
        _ownsClient = ownsClient;
        _allowBodiesWithoutLength = allowBodiesWithoutLength;
        _authorization = BasicAuthorization(baseUri);
        var withoutUser = new UriBuilder(baseUri) { UserName = string.Empty, Password = string.Empty }.Uri;
        var text = withoutUser.GetLeftPart(UriPartial.Path);
        BaseUri = new Uri(text.EndsWith('/') ? text : text + "/");
    }

    /// <summary>The base URL, ending in <c>/</c>, without user information.</summary>
    public Uri BaseUri { get; }

    /// <summary>The URL of a key, each segment escaped.</summary>
    public Uri UriOf(StoreKey key) =>
        new(BaseUri, string.Join('/', key.Value.Split('/').Select(Uri.EscapeDataString)));

    /// <summary>The URL of a key for messages (redacted).</summary>
    public string LocationOf(StoreKey key) => UrlRedaction.Redact(UriOf(key));

    /// <summary>A request for the URL of a key, with the credentials.</summary>
    public HttpRequestMessage NewRequest(HttpMethod method, StoreKey key)
    {
        var request = new HttpRequestMessage(method, UriOf(key));
        if (_authorization is not null)
        {
            request.Headers.Authorization = _authorization;
        }

        return request;
    }

    /// <summary>Sends a request; the answer is returned once its headers have arrived.</summary>
    public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);

    /// <summary>Whether a status means the key is missing (404, 410).</summary>
    public static bool IsMissing(HttpStatusCode status) => status is HttpStatusCode.NotFound or HttpStatusCode.Gone;

    /// <summary>
    /// Returns on a 2xx answer; else throws a <see cref="StoreException"/> (access denied, other statuses) or a
    /// <see cref="TransientOriginException"/> (408, 429, 5xx).
    /// </summary>
    public void ThrowUnlessSuccess(HttpResponseMessage response, StoreKey key)
    {
        var status = (int)response.StatusCode;
        if (status is >= 200 and < 300)
        {
            return;
        }

        var what = FormattableString.Invariant($"HTTP {status} {response.ReasonPhrase}");
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            throw new StoreException(key, $"access was denied ({what}) for {LocationOf(key)}.");
        }

        if (status is 408 or 429 or >= 500)
        {
            throw new TransientOriginException(what);
        }

        throw new StoreException(key, $"the origin answered {what} for {LocationOf(key)}.");
    }

    /// <summary>Refuses a whole body that only the connection's close delimits, unless the options allow it.</summary>
    public void RefuseBodyWithoutLength(HttpResponseMessage response, StoreKey key)
    {
        if (response.Content.Headers.ContentLength is null && response.Version.Major == 1 && response.Headers.TransferEncodingChunked != true
            && !_allowBodiesWithoutLength)
        {
            // HTTP/1.x without Content-Length or chunked encoding: the body ends where the connection closes, and a
            // connection cut short ends it just the same, so a truncated body would look whole.
            throw new StoreException(key, $"the origin sent the body of {LocationOf(key)} without a Content-Length or chunked encoding, so a body cut short cannot be told from a whole one; it was refused (HttpStoreOptions.AllowBodiesWithoutLength accepts such bodies).");
        }
    }

    /// <summary>Disposes the client when it was handed over with its ownership.</summary>
    public void Dispose()
    {
        if (_ownsClient)
        {
            _client.Dispose();
        }
    }

    /// <summary>HTTP Basic credentials from the URL's user information (percent-escapes decoded), or null.</summary>
    private static AuthenticationHeaderValue? BasicAuthorization(Uri uri)
    {
        var info = uri.UserInfo;
        if (string.IsNullOrEmpty(info))
        {
            return null;
        }

        var colon = info.IndexOf(':', StringComparison.Ordinal);
        var user = Uri.UnescapeDataString(colon < 0 ? info : info[..colon]);
        var password = colon < 0 ? string.Empty : Uri.UnescapeDataString(info[(colon + 1)..]);
        return new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + password)));
    }
}
