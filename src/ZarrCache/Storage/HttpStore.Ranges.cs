using System.Net;

namespace ZarrCache;

/// <content>Range reads, through the shared <see cref="RangeReader"/>.</content>
public sealed partial class HttpStore
{
    /// <inheritdoc />
    public ValueTask<ReadOnlyMemory<byte>?> GetRangeAsync(StoreKey key, ByteRange range, CancellationToken cancellationToken = default) =>
        _ranges.ReadRangeAsync(key, range, cancellationToken);

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<ReadOnlyMemory<byte>>?> GetRangesAsync(
        StoreKey key, IReadOnlyList<ByteRange> ranges, CancellationToken cancellationToken = default) =>
        _ranges.ReadRangesAsync(key, ranges, cancellationToken);

    /// <summary>One <c>Range</c> GET per request of the reader.</summary>
    private sealed class RangeRequests(HttpStore store) : IRangeOrigin
    {
        public async ValueTask<RangeResponse> SendRangeAsync(StoreKey key, ByteRange range, CancellationToken cancellationToken)
        {
            using var request = store.NewRequest(HttpMethod.Get, key);
            request.Headers.TryAddWithoutValidation("Range", range.ToHttpHeaderValue());
            var response = await store._client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            try
            {
                if (IsMissing(response.StatusCode) || response.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable)
                {
                    var answer = IsMissing(response.StatusCode) ? RangeResponse.Missing : RangeResponse.NotSatisfiable;
                    response.Dispose();
                    return answer;
                }

                store.ThrowUnlessSuccess(response, key);
                var length = response.Content.Headers.ContentLength;
                if (response.StatusCode == HttpStatusCode.PartialContent)
                {
                    var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
                    return RangeResponse.Partial(response.Content.Headers.ContentRange?.ToString(), length, body, response);
                }

                // 200: the server ignored Range and sent the whole value, which must be framed like any whole value.
                store.RefuseBodyWithoutLength(response, key);
                return RangeResponse.Whole(length, await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), response);
            }
            catch
            {
                response.Dispose();
                throw;
            }
        }

        public ValueTask<long?> GetSizeAsync(StoreKey key, CancellationToken cancellationToken) => store.GetSizeAsync(key, cancellationToken);

        public string LocationOf(StoreKey key) => UrlRedaction.Redact(store.UriOf(key));
    }
}
