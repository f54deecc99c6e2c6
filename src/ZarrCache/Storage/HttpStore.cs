using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace ZarrCache;

/// <summary>
/// A read-only store over plain HTTP(S): key <c>a/b/c</c> is <c>BASE/a/b/c</c>. Reads whole values (GET), byte ranges
/// (Range GET, answered 206 or, by servers that ignore <c>Range</c>, 200 with the whole body, which is sliced), sizes
/// (HEAD) and ETags (<see cref="IVersionedStore"/>). 404 and 410 mean missing.
/// </summary>
/// <remarks>
/// Plain HTTP cannot list keys, so this store is not an <see cref="IListableStore"/>: read Zarr data from its metadata
/// (consolidated metadata or known paths). 401/403 raise a <see cref="StoreException"/> saying access was denied; 408,
/// 429, 5xx, timeouts, broken connections and truncated bodies are retried as <see cref="HttpStoreOptions.Retry"/> says,
/// then raise a <see cref="StoreException"/>. A body shorter or longer than announced is never returned, nor is a body
/// that only the connection's close delimits (see <see cref="HttpStoreOptions.AllowBodiesWithoutLength"/>).
/// User information in the base URL (<c>http://user:password@host/</c>) is sent as HTTP Basic authentication and
/// removed from the URL: it never appears in <see cref="BaseUri"/>, a message or a log line.
/// </remarks>
public sealed partial class HttpStore : IReadableStore, IVersionedStore, IDisposable
{
    private readonly HttpClient _client;
    private readonly bool _ownsClient;
    private readonly Uri _base;
    private readonly HttpStoreOptions _options;
    private readonly OriginRetry _retry;
    private readonly RangeReader _ranges;
    private readonly AuthenticationHeaderValue? _authorization;

    /// <summary>Creates a store with its own <see cref="HttpClient"/> (disposed with the store).</summary>
    /// <param name="baseUri">The base URL; an absolute http or https URL.</param>
    /// <param name="options">The options; <see cref="HttpStoreOptions.Default"/> when null.</param>
    public HttpStore(Uri baseUri, HttpStoreOptions? options = null)
        : this(CreateClient(options ?? HttpStoreOptions.Default), ownsClient: true, baseUri, options)
    {
    }

    /// <summary>Creates a store over an <see cref="HttpClient"/> the caller owns (for example one from <c>IHttpClientFactory</c>).</summary>
    /// <param name="client">The client; not disposed by the store.</param>
    /// <param name="baseUri">The base URL; an absolute http or https URL.</param>
    /// <param name="options">The options; <see cref="HttpStoreOptions.Default"/> when null.</param>
    public HttpStore(HttpClient client, Uri baseUri, HttpStoreOptions? options = null)
        : this(client, ownsClient: false, baseUri, options)
    {
    }

    private HttpStore(HttpClient client, bool ownsClient, Uri baseUri, HttpStoreOptions? options)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(baseUri);
        if (!baseUri.IsAbsoluteUri || (baseUri.Scheme != Uri.UriSchemeHttp && baseUri.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"The base URL '{UrlRedaction.Redact(baseUri)}' must be an absolute http:// or https:// URL.", nameof(baseUri));
        }

        _options = options ?? HttpStoreOptions.Default;
        _options.Validate();
        _client = client;
        _ownsClient = ownsClient;
        _authorization = BasicAuthorization(baseUri);
        var withoutUser = new UriBuilder(baseUri) { UserName = string.Empty, Password = string.Empty }.Uri;
        var text = withoutUser.GetLeftPart(UriPartial.Path);
        _base = new Uri(text.EndsWith('/') ? text : text + "/");
        _retry = new OriginRetry(_options.Retry, _base.GetLeftPart(UriPartial.Authority), OriginRetry.CommonTransientReason, _options.Logger, _options.TimeProvider);
        _ranges = new RangeReader(new RangeRequests(this), _retry, new RangeReaderOptions { MaxValueBytes = _options.MaxValueBytes, Logger = _options.Logger });
    }

    /// <summary>The base URL, ending in <c>/</c>, without user information.</summary>
    public Uri BaseUri => _base;

    /// <summary>HTTP requests sent, retries included.</summary>
    public long RequestCount => _retry.Attempts;

    /// <summary>Requests sent again after a transient failure.</summary>
    public long RetryCount => _retry.Retries;

    /// <summary>The URL of a key.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The absolute URL, each segment escaped.</returns>
    public Uri UriOf(StoreKey key) =>
        new(_base, string.Join('/', key.Value.Split('/').Select(Uri.EscapeDataString)));

    /// <inheritdoc />
    public async ValueTask<ReadOnlyMemory<byte>?> GetAsync(StoreKey key, CancellationToken cancellationToken = default)
    {
        var value = await GetWithVersionAsync(key, cancellationToken).ConfigureAwait(false);
        return value is { } v ? v.Bytes : (ReadOnlyMemory<byte>?)null;
    }

    /// <inheritdoc />
    public async ValueTask<StoreValue?> GetWithVersionAsync(StoreKey key, CancellationToken cancellationToken = default)
    {
        var result = await GetConditionalAsync(key, null, cancellationToken).ConfigureAwait(false);
        return result.Value;
    }

    /// <inheritdoc />
    public ValueTask<ConditionalGetResult> GetIfNoneMatchAsync(StoreKey key, string etag, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(etag);
        return GetConditionalAsync(key, etag, cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask<long?> GetSizeAsync(StoreKey key, CancellationToken cancellationToken = default)
    {
        var (missing, length) = await SendAsync(
            key,
            "HEAD",
            () => NewRequest(HttpMethod.Head, key),
            (response, _) =>
            {
                if (IsMissing(response.StatusCode))
                {
                    return ValueTask.FromResult((true, (long?)null));
                }

                ThrowUnlessSuccess(response, key);
                return ValueTask.FromResult((false, response.Content.Headers.ContentLength));
            },
            cancellationToken).ConfigureAwait(false);
        if (missing)
        {
            return null;
        }

        // A HEAD answer without a length (chunked): read the value to measure it.
        return length ?? (await GetAsync(key, cancellationToken).ConfigureAwait(false))?.Length;
    }

    /// <summary>
    /// Creates the handler the store's own client uses: no automatic decompression, <see cref="HttpStoreOptions.MaxConnectionsPerServer"/>,
    /// and a check of every HTTP/1.x response's framing that fails a read when an origin sends more bytes than its
    /// <c>Content-Length</c> announced (which <see cref="HttpClient"/> alone drops silently, keeping the short prefix).
    /// Use it for a client you own, for example with <c>IHttpClientFactory</c>'s <c>ConfigurePrimaryHttpMessageHandler</c>.
    /// </summary>
    /// <param name="options">The options; <see cref="HttpStoreOptions.Default"/> when null.</param>
    /// <returns>A new handler.</returns>
    public static SocketsHttpHandler CreateHandler(HttpStoreOptions? options = null)
    {
        options ??= HttpStoreOptions.Default;
        options.Validate();
        return new SocketsHttpHandler
        {
            MaxConnectionsPerServer = options.MaxConnectionsPerServer,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            AutomaticDecompression = DecompressionMethods.None,
            PlaintextStreamFilter = (context, _) => ValueTask.FromResult<Stream>(
                context.NegotiatedHttpVersion.Major == 1 ? new Http1FramingGuard(context.PlaintextStream) : context.PlaintextStream),
        };
    }

    /// <summary>The store and its base URL (without user information).</summary>
    /// <returns>Text such as <c>HttpStore(https://example.org/data/)</c>.</returns>
    public override string ToString() => "HttpStore(" + UrlRedaction.Redact(_base) + ")";

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsClient)
        {
            _client.Dispose();
        }
    }

    private ValueTask<ConditionalGetResult> GetConditionalAsync(StoreKey key, string? etag, CancellationToken cancellationToken) =>
        SendAsync(
            key,
            "GET",
            () =>
            {
                var request = NewRequest(HttpMethod.Get, key);
                if (etag is not null)
                {
                    request.Headers.TryAddWithoutValidation("If-None-Match", etag);
                }

                return request;
            },
            async (response, token) =>
            {
                if (IsMissing(response.StatusCode))
                {
                    return ConditionalGetResult.Missing;
                }

                if (etag is not null && response.StatusCode == HttpStatusCode.NotModified)
                {
                    return ConditionalGetResult.NotModified;
                }

                ThrowUnlessSuccess(response, key);
                var bytes = await ReadBodyAsync(response, key, token).ConfigureAwait(false);
                return ConditionalGetResult.Modified(new StoreValue(bytes, response.Headers.ETag?.ToString()));
            },
            cancellationToken);

    private ValueTask<T> SendAsync<T>(
        StoreKey key,
        string operation,
        Func<HttpRequestMessage> createRequest,
        Func<HttpResponseMessage, CancellationToken, ValueTask<T>> handle,
        CancellationToken cancellationToken) =>
        _retry.RunAsync(
            key,
            operation + " " + UrlRedaction.Redact(UriOf(key)),
            async token =>
            {
                using var request = createRequest();
                using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token).ConfigureAwait(false);
                return await handle(response, token).ConfigureAwait(false);
            },
            cancellationToken);

    private async ValueTask<byte[]> ReadBodyAsync(HttpResponseMessage response, StoreKey key, CancellationToken cancellationToken)
    {
        RefuseBodyWithoutLength(response, key);
        using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        return await BodyReader.ReadAsync(stream, key, response.Content.Headers.ContentLength, _options.MaxValueBytes, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Refuses a whole body that only the connection's close delimits, unless the options allow it.</summary>
    private void RefuseBodyWithoutLength(HttpResponseMessage response, StoreKey key)
    {
        if (response.Content.Headers.ContentLength is null && response.Version.Major == 1 && response.Headers.TransferEncodingChunked != true
            && !_options.AllowBodiesWithoutLength)
        {
            // HTTP/1.x without Content-Length or chunked encoding: the body ends where the connection closes, and a
            // connection cut short ends it just the same, so a truncated body would look whole.
            throw new StoreException(key, $"the origin sent the body of {UrlRedaction.Redact(UriOf(key))} without a Content-Length or chunked encoding, so a body cut short cannot be told from a whole one; it was refused (HttpStoreOptions.AllowBodiesWithoutLength accepts such bodies).");
        }
    }

    private static bool IsMissing(HttpStatusCode status) => status is HttpStatusCode.NotFound or HttpStatusCode.Gone;

    private void ThrowUnlessSuccess(HttpResponseMessage response, StoreKey key)
    {
        var status = (int)response.StatusCode;
        if (status is >= 200 and < 300)
        {
            return;
        }

        var what = FormattableString.Invariant($"HTTP {status} {response.ReasonPhrase}");
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            throw new StoreException(key, $"access was denied ({what}) for {UrlRedaction.Redact(UriOf(key))}.");
        }

        if (status is 408 or 429 or >= 500)
        {
            throw new TransientOriginException(what);
        }

        throw new StoreException(key, $"the origin answered {what} for {UrlRedaction.Redact(UriOf(key))}.");
    }

    private static HttpClient CreateClient(HttpStoreOptions options) =>
        new(CreateHandler(options)) { Timeout = Timeout.InfiniteTimeSpan };

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

    private HttpRequestMessage NewRequest(HttpMethod method, StoreKey key)
    {
        var request = new HttpRequestMessage(method, UriOf(key));
        if (_authorization is not null)
        {
            request.Headers.Authorization = _authorization;
        }

        return request;
    }
}
