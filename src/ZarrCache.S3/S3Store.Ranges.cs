using System.Net;
using Amazon.S3;
using Amazon.S3.Model;

namespace ZarrCache.S3;

/// <content>Range reads, through the shared <see cref="RangeReader"/>.</content>
public sealed partial class S3Store
{
    /// <inheritdoc />
    public ValueTask<ReadOnlyMemory<byte>?> GetRangeAsync(StoreKey key, ZarrCache.ByteRange range, CancellationToken cancellationToken = default) =>
        _ranges.ReadRangeAsync(key, range, cancellationToken);

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<ReadOnlyMemory<byte>>?> GetRangesAsync(
        StoreKey key, IReadOnlyList<ZarrCache.ByteRange> ranges, CancellationToken cancellationToken = default) =>
        _ranges.ReadRangesAsync(key, ranges, cancellationToken);

    /// <summary>One ranged GetObject per request of the reader.</summary>
    private sealed class RangeRequests(S3Store store) : IRangeOrigin
    {
        public async ValueTask<RangeResponse> SendRangeAsync(StoreKey key, ZarrCache.ByteRange range, CancellationToken cancellationToken)
        {
            var request = new GetObjectRequest
            {
                BucketName = store.Bucket,
                Key = store.ObjectKeyOf(key),
                ByteRange = new Amazon.S3.Model.ByteRange(range.ToHttpHeaderValue()),
            };
            GetObjectResponse response;
            try
            {
                response = await store._client.GetObjectAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (AmazonS3Exception e) when (IsMissing(e))
            {
                return RangeResponse.Missing;
            }
            catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable || e.ErrorCode == "InvalidRange")
            {
                return RangeResponse.NotSatisfiable;
            }
            catch (AmazonS3Exception e)
            {
                throw store.Translate(e, key);
            }

            var length = response.Headers.ContentLength;
            return response.HttpStatusCode == HttpStatusCode.PartialContent
                ? RangeResponse.Partial(response.ContentRange, length, response.ResponseStream, response)
                : RangeResponse.Whole(length, response.ResponseStream, response);
        }

        public ValueTask<long?> GetSizeAsync(StoreKey key, CancellationToken cancellationToken) => store.GetSizeAsync(key, cancellationToken);

        public string LocationOf(StoreKey key) => "s3://" + store.Bucket + "/" + store.ObjectKeyOf(key);
    }
}
