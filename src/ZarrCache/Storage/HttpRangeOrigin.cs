using System.Net;

namespace ZarrCache;

/// <summary>
/// The <see cref="IRangeOrigin"/> of an <see cref="HttpStore"/>: one <c>Range</c> GET per request of its
/// <see cref="RangeReader"/>, the answer said as a <see cref="RangeResponse"/>.
/// </summary>
/// <param name="requests">Builds, sends and judges the store's requests.</param>
/// <param name="sizes">The store, whose <see cref="IReadableStore.GetSizeAsync"/> (with its retries) answers zero-length ranges.</param>
internal sealed class HttpRangeOrigin(HttpRequests requests, IReadableStore sizes) : IRangeOrigin
{
    /// <inheritdoc />
    public async ValueTask<RangeResponse> SendRangeAsync(StoreKey key, ByteRange range, CancellationToken cancellationToken)
    {
        using var request = requests.NewRequest(HttpMethod.Get, key);
        request.Headers.TryAddWithoutValidation("Range", range.ToHttpHeaderValue());
        var response = await requests.SendAsync(request, cancellationToken).ConfigureAwait(false);
        try
        {
            if (HttpRequests.IsMissing(response.StatusCode) || response.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable)
            {
                var answer = HttpRequests.IsMissing(response.StatusCode) ? RangeResponse.Missing : RangeResponse.NotSatisfiable;
                response.Dispose();
                return answer;
            }

            requests.ThrowUnlessSuccess(response, key);
            var length = response.Content.Headers.ContentLength;
            if (response.StatusCode == HttpStatusCode.PartialContent)
            {
                var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
                return RangeResponse.Partial(response.Content.Headers.ContentRange?.ToString(), length, body, response);
            }

            // 200: the server ignored Range and sent the whole value, which must be framed like any whole value.
            requests.RefuseBodyWithoutLength(response, key);
            return RangeResponse.Whole(length, await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), response);
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public ValueTask<long?> GetSizeAsync(StoreKey key, CancellationToken cancellationToken) => sizes.GetSizeAsync(key, cancellationToken);

    /// <inheritdoc />
    public string LocationOf(StoreKey key) => requests.LocationOf(key);
}
