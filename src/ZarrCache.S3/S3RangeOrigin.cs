using System.Net;
using Amazon.S3;
using Amazon.S3.Model;

namespace ZarrCache.S3;

/// <summary>
/// The <see cref="IRangeOrigin"/> of an <see cref="S3Store"/>: one ranged GetObject per request of its
/// <see cref="RangeReader"/>, the answer said as a <see cref="RangeResponse"/>.
/// </summary>
/// <param name="calls">The store's client, bucket and errors.</param>
/// <param name="sizes">The store, whose <see cref="IReadableStore.GetSizeAsync"/> (with its retries) answers zero-length ranges.</param>
internal sealed class S3RangeOrigin(S3Calls calls, IReadableStore sizes) : IRangeOrigin
{
    /// <inheritdoc />
    public async ValueTask<RangeResponse> SendRangeAsync(StoreKey key, ZarrCache.ByteRange range, CancellationToken cancellationToken)
    {
        var request = new GetObjectRequest
        {
            BucketName = calls.Bucket,
            Key = calls.ObjectKeyOf(key),
            ByteRange = new Amazon.S3.Model.ByteRange(range.ToHttpHeaderValue()),
        };
        GetObjectResponse response;
        try
        {
            response = await calls.Client.GetObjectAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (AmazonS3Exception e) when (S3Errors.IsMissing(e))
        {
            return RangeResponse.Missing;
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable || e.ErrorCode == "InvalidRange")
        {
            return RangeResponse.NotSatisfiable;
        }
        catch (AmazonS3Exception e)
        {
            throw calls.Failure(e, key);
        }

        var length = response.Headers.ContentLength;
        return response.HttpStatusCode == HttpStatusCode.PartialContent
            ? RangeResponse.Partial(response.ContentRange, length, response.ResponseStream, response)
            : RangeResponse.Whole(length, response.ResponseStream, response);
    }

    /// <inheritdoc />
    public ValueTask<long?> GetSizeAsync(StoreKey key, CancellationToken cancellationToken) => sizes.GetSizeAsync(key, cancellationToken);

    /// <inheritdoc />
    public string LocationOf(StoreKey key) => calls.LocationOf(key);
}
