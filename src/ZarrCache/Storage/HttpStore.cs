using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

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
/// then raise a <see cref="StoreException"/>. A body shorter than announced is never returned.
/// </remarks>
public sealed partial class HttpStore : IReadableStore, IVersionedStore, IDisposable
{
    private readonly HttpClient _client;
    private readonly bool _ownsClient;
    private readonly Uri _base;
    private readonly HttpStoreOptions _options;
    private readonly OriginRetry _retry;
    private readonly ILogger _logger;

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
            throw new ArgumentException($"The base URL '{baseUri}' must be an absolute http:// or https:// URL.", nameof(baseUri));
        }

        _options = options ?? HttpStoreOptions.Default;
        _options.Validate();
        _client = client;
        _ownsClient = ownsClient;
        var text = baseUri.GetLeftPart(UriPartial.Path);
        _base = new Uri(text.EndsWith('/') ? text : text + "/");
        _logger = _options.Logger ?? NullLogger.Instance;
        _retry = new OriginRetry(_options.Retry, _base.GetLeftPart(UriPartial.Authority), _logger, _options.TimeProvider ?? TimeProvider.System);
    }

    /// <summary>The base URL, ending in <c>/</c>.</summary>
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
            () => new HttpRequestMessage(HttpMethod.Head, UriOf(key)),
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
                var request = new HttpRequestMessage(HttpMethod.Get, UriOf(key));
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
            operation + " " + UriOf(key),
            async token =>
            {
                using var request = createRequest();
                using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token).ConfigureAwait(false);
                return await handle(response, token).ConfigureAwait(false);
            },
            TransientReason,
            cancellationToken);

    private async ValueTask<byte[]> ReadBodyAsync(HttpResponseMessage response, StoreKey key, CancellationToken cancellationToken, long? expected = null)
    {
        var announced = response.Content.Headers.ContentLength;
        if (expected is { } want && announced is { } got && got != want)
        {
            throw new StoreException(key, FormattableString.Invariant($"the origin announced {got} bytes for a range of {want} bytes."));
        }

        using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        return await BodyReader.ReadAsync(stream, key, expected ?? announced, _options.MaxValueBytes, cancellationToken).ConfigureAwait(false);
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
            throw new StoreException(key, $"access was denied ({what}) for {UriOf(key)}.");
        }

        if (status is 408 or 429 or >= 500)
        {
            throw new TransientOriginException(what);
        }

        throw new StoreException(key, $"the origin answered {what} for {UriOf(key)}.");
    }

    private static string? TransientReason(Exception e) => e switch
    {
        TransientOriginException t => t.Message,
        HttpRequestException h => "the request failed: " + h.Message,
        IOException io => "the connection broke: " + io.Message,
        _ => null,
    };

    private static HttpClient CreateClient(HttpStoreOptions options)
    {
        options.Validate();
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = options.MaxConnectionsPerServer,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            AutomaticDecompression = DecompressionMethods.None,
        };
        return new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }
}
