using System.Net;

namespace ZarrCache.ThirdPartyOrigin;

/// <summary>
/// A read-only origin over plain HTTP, built from ZarrCache's public API only: <see cref="OriginRetry"/> retries its
/// requests, <see cref="BodyReader"/> reads whole values, and <see cref="RangeReader"/> does its range reads (checks,
/// merging, concurrency). All it writes itself is how to send a request and what the answers mean.
/// </summary>
public sealed class PlainHttpOrigin : IReadableStore, IRangeOrigin
{
    private readonly HttpClient _client;
    private readonly Uri _base;
    private readonly OriginRetry _retry;
    private readonly RangeReader _ranges;

    /// <summary>Creates the origin.</summary>
    /// <param name="client">The client (for example over <see cref="HttpStore.CreateHandler"/>).</param>
    /// <param name="baseUri">The base URL, ending in <c>/</c>.</param>
    /// <param name="retry">The retries.</param>
    /// <param name="ranges">How ranges are merged; the defaults when null.</param>
    public PlainHttpOrigin(HttpClient client, Uri baseUri, RetryOptions retry, RangeReaderOptions? ranges = null)
    {
        ArgumentNullException.ThrowIfNull(baseUri);
        _client = client;
        _base = baseUri;
        _retry = new OriginRetry(retry, baseUri.GetLeftPart(UriPartial.Authority));
        _ranges = new RangeReader(this, _retry, ranges);
    }

    /// <summary>Requests sent, retries included.</summary>
    public long RequestCount => _retry.Attempts;

    /// <summary>Requests sent again after a transient failure.</summary>
    public long RetryCount => _retry.Retries;

    /// <inheritdoc />
    public ValueTask<ReadOnlyMemory<byte>?> GetAsync(StoreKey key, CancellationToken cancellationToken = default) =>
        _retry.RunAsync<ReadOnlyMemory<byte>?>(key, "GET " + LocationOf(key), async token =>
        {
            using var response = await _client.GetAsync(UriOf(key), HttpCompletionOption.ResponseHeadersRead, token).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return null;
            }

            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw Failure(response, key);
            }

            using var body = await response.Content.ReadAsStreamAsync(token).ConfigureAwait(false);
            return await BodyReader.ReadAsync(body, key, response.Content.Headers.ContentLength, int.MaxValue, token).ConfigureAwait(false);
        }, cancellationToken);

    /// <inheritdoc />
    public ValueTask<long?> GetSizeAsync(StoreKey key, CancellationToken cancellationToken = default) =>
        _retry.RunAsync(key, "HEAD " + LocationOf(key), async token =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Head, UriOf(key));
            using var response = await _client.SendAsync(request, token).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return (long?)null;
            }

            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw Failure(response, key);
            }

            return response.Content.Headers.ContentLength;
        }, cancellationToken);

    // Range reads: all the work is the shared reader's.

    /// <inheritdoc />
    public ValueTask<ReadOnlyMemory<byte>?> GetRangeAsync(StoreKey key, ByteRange range, CancellationToken cancellationToken = default) =>
        _ranges.ReadRangeAsync(key, range, cancellationToken);

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<ReadOnlyMemory<byte>>?> GetRangesAsync(
        StoreKey key, IReadOnlyList<ByteRange> ranges, CancellationToken cancellationToken = default) =>
        _ranges.ReadRangesAsync(key, ranges, cancellationToken);

    // What the reader needs from this origin (IRangeOrigin; GetSizeAsync above serves both interfaces).

    /// <inheritdoc />
    public async ValueTask<RangeResponse> SendRangeAsync(StoreKey key, ByteRange range, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, UriOf(key));
        request.Headers.TryAddWithoutValidation("Range", range.ToHttpHeaderValue());
        var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        switch (response.StatusCode)
        {
            case HttpStatusCode.NotFound:
                response.Dispose();
                return RangeResponse.Missing;
            case HttpStatusCode.RequestedRangeNotSatisfiable:
                response.Dispose();
                return RangeResponse.NotSatisfiable;
            case HttpStatusCode.PartialContent:
                return RangeResponse.Partial(
                    response.Content.Headers.ContentRange?.ToString(),
                    response.Content.Headers.ContentLength,
                    await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false),
                    response);
            case HttpStatusCode.OK:
                // A server that ignores Range sends the whole value; the reader keeps only the range.
                return RangeResponse.Whole(
                    response.Content.Headers.ContentLength,
                    await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false),
                    response);
            default:
                using (response)
                {
                    throw Failure(response, key);
                }
        }
    }

    /// <inheritdoc />
    public string LocationOf(StoreKey key) => UriOf(key).ToString();

    private Uri UriOf(StoreKey key) => new(_base, key.Value);

    private Exception Failure(HttpResponseMessage response, StoreKey key)
    {
        var status = (int)response.StatusCode;

        // A 5xx is transient: the retry runner (and so the range reader) tries again; anything else is final.
        return status >= 500
            ? new TransientOriginException(FormattableString.Invariant($"HTTP {status}"))
            : new StoreException(key, FormattableString.Invariant($"{LocationOf(key)} answered HTTP {status}."));
    }
}
