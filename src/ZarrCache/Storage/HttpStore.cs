using System.Net;

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
public sealed class HttpStore : IReadableStore, IVersionedStore, IDisposable
{
    private readonly HttpRequests _requests;
    private readonly HttpStoreOptions _options;
    private readonly OriginRetry _retry;
    private readonly RangeReader _ranges;

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
        _requests = new HttpRequests(client, ownsClient, baseUri, _options.AllowBodiesWithoutLength);
        _retry = new OriginRetry(_options.Retry, BaseUri.GetLeftPart(UriPartial.Authority), OriginRetry.CommonTransientReason, _options.Logger, _options.TimeProvider);
        _ranges = new RangeReader(new HttpRangeOrigin(_requests, this), _retry, new RangeReaderOptions { MaxValueBytes = _options.MaxValueBytes, Logger = _options.Logger });
    }

    /// <summary>The base URL, ending in <c>/</c>, without user information.</summary>
    public Uri BaseUri => _requests.BaseUri;

    /// <summary>HTTP requests sent, retries included.</summary>
    public long RequestCount => _retry.Attempts;

    /// <summary>Requests sent again after a transient failure.</summary>
    public long RetryCount => _retry.Retries;

    /// <summary>The URL of a key.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The absolute URL, each segment escaped.</returns>
    public Uri UriOf(StoreKey key) => _requests.UriOf(key);

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
            () => _requests.NewRequest(HttpMethod.Head, key),
            (response, _) =>
            {
                if (HttpRequests.IsMissing(response.StatusCode))
                {
                    return ValueTask.FromResult((true, (long?)null));
                }

                _requests.ThrowUnlessSuccess(response, key);
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

    /// <inheritdoc />
    public ValueTask<ReadOnlyMemory<byte>?> GetRangeAsync(StoreKey key, ByteRange range, CancellationToken cancellationToken = default) =>
        _ranges.ReadRangeAsync(key, range, cancellationToken);

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<ReadOnlyMemory<byte>>?> GetRangesAsync(
        StoreKey key, IReadOnlyList<ByteRange> ranges, CancellationToken cancellationToken = default) =>
        _ranges.ReadRangesAsync(key, ranges, cancellationToken);

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
    public override string ToString() => "HttpStore(" + UrlRedaction.Redact(BaseUri) + ")";

    /// <inheritdoc />
    public void Dispose() => _requests.Dispose();

    private ValueTask<ConditionalGetResult> GetConditionalAsync(StoreKey key, string? etag, CancellationToken cancellationToken) =>
        SendAsync(
            key,
            "GET",
            () =>
            {
                var request = _requests.NewRequest(HttpMethod.Get, key);
                if (etag is not null)
                {
                    request.Headers.TryAddWithoutValidation("If-None-Match", etag);
                }

                return request;
            },
            async (response, token) =>
            {
                if (HttpRequests.IsMissing(response.StatusCode))
                {
                    return ConditionalGetResult.Missing;
                }

                if (etag is not null && response.StatusCode == HttpStatusCode.NotModified)
                {
                    return ConditionalGetResult.NotModified;
                }

                _requests.ThrowUnlessSuccess(response, key);
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
            operation + " " + _requests.LocationOf(key),
            async token =>
            {
                using var request = createRequest();
                using var response = await _requests.SendAsync(request, token).ConfigureAwait(false);
                return await handle(response, token).ConfigureAwait(false);
            },
            cancellationToken);

    private async ValueTask<byte[]> ReadBodyAsync(HttpResponseMessage response, StoreKey key, CancellationToken cancellationToken)
    {
        _requests.RefuseBodyWithoutLength(response, key);
        using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        return await BodyReader.ReadAsync(stream, key, response.Content.Headers.ContentLength, _options.MaxValueBytes, cancellationToken).ConfigureAwait(false);
    }

    private static HttpClient CreateClient(HttpStoreOptions options) =>
        new(CreateHandler(options)) { Timeout = Timeout.InfiniteTimeSpan };
}
