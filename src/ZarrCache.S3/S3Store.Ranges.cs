using System.Net;
using Amazon.S3;
using Amazon.S3.Model;

namespace ZarrCache.S3;

/// <content>Range reads.</content>
public sealed partial class S3Store
{
    /// <inheritdoc />
    public async ValueTask<ReadOnlyMemory<byte>?> GetRangeAsync(StoreKey key, ZarrCache.ByteRange range, CancellationToken cancellationToken = default)
    {
        if (range.Length == 0)
        {
            // "bytes=N-(N-1)" and "bytes=-0" are not valid ranges: ask only whether the object exists.
            return await GetSizeAsync(key, cancellationToken).ConfigureAwait(false) is null ? (ReadOnlyMemory<byte>?)null : ReadOnlyMemory<byte>.Empty;
        }

        var answer = await GetRangeOnceAsync(key, range, cancellationToken).ConfigureAwait(false);
        if (answer.Absolute is { } absolute)
        {
            // The server answered a suffix range with the wrong bytes (s3rver reads "bytes=-N" as "bytes=0-N"): ask
            // again by absolute position, computed from the size the first answer gave.
            answer = await GetRangeOnceAsync(key, absolute, cancellationToken).ConfigureAwait(false);
            if (answer.Absolute is not null)
            {
                throw new StoreException(key, $"S3 answered the range {absolute} of s3://{Bucket}/{ObjectKeyOf(key)} with other bytes twice.");
            }
        }

        return answer.Missing ? (ReadOnlyMemory<byte>?)null : answer.Bytes;
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<ReadOnlyMemory<byte>>?> GetRangesAsync(
        StoreKey key, IReadOnlyList<ZarrCache.ByteRange> ranges, CancellationToken cancellationToken = default) =>
        ByteRanges.GetConcurrentlyAsync(this, key, ranges, cancellationToken);

    private ValueTask<RangeAnswer> GetRangeOnceAsync(StoreKey key, ZarrCache.ByteRange range, CancellationToken cancellationToken) =>
        RunAsync(key, "GET " + range.ToHttpHeaderValue(), async token =>
        {
            var request = new GetObjectRequest
            {
                BucketName = Bucket,
                Key = ObjectKeyOf(key),
                ByteRange = new Amazon.S3.Model.ByteRange(range.ToHttpHeaderValue()),
            };
            try
            {
                using var response = await _client.GetObjectAsync(request, token).ConfigureAwait(false);
                var length = response.Headers.ContentLength;
                if (response.HttpStatusCode == HttpStatusCode.PartialContent)
                {
                    if (!ContentRange.TryParse(response.ContentRange, out var start, out var end, out var total) || total is not { } size)
                    {
                        throw new StoreException(key, $"S3 answered 206 with an unusable Content-Range '{response.ContentRange}' for {range.ToHttpHeaderValue()}.");
                    }

                    if (!ContentRange.Matches(range, start, end, size))
                    {
                        if (range.IsSuffix)
                        {
                            var (s, l) = range.Resolve(size);
                            OriginLog.SuffixRangeMisread(_logger, key.Value, range, start, end, size);
                            return new RangeAnswer(false, default, ZarrCache.ByteRange.FromOffset(s, l));
                        }

                        throw new StoreException(key, FormattableString.Invariant($"S3 answered bytes {start}-{end}/{size} for {range.ToHttpHeaderValue()}."));
                    }

                    if (length != end - start + 1)
                    {
                        throw new StoreException(key, FormattableString.Invariant($"S3 announced {length} bytes for the range {start}-{end}."));
                    }

                    return new RangeAnswer(false, await ReadBodyAsync(response, key, length, token).ConfigureAwait(false), null);
                }

                // 200: the server ignored the range and sent the whole object; keep only the range.
                var whole = await ReadBodyAsync(response, key, length, token).ConfigureAwait(false);
                return new RangeAnswer(false, range.Slice(whole).ToArray(), null);
            }
            catch (AmazonS3Exception e) when (IsMissing(e))
            {
                return RangeAnswer.NotFound;
            }
            catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable || e.ErrorCode == "InvalidRange")
            {
                // The range starts at or after the end: zero bytes, as ByteRange.Resolve says.
                return new RangeAnswer(false, ReadOnlyMemory<byte>.Empty, null);
            }
        }, cancellationToken);

    private readonly record struct RangeAnswer(bool Missing, ReadOnlyMemory<byte> Bytes, ZarrCache.ByteRange? Absolute)
    {
        public static RangeAnswer NotFound => new(true, default, null);
    }
}
