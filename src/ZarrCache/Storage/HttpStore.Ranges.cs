using System.Net;

namespace ZarrCache;

/// <content>Range reads.</content>
public sealed partial class HttpStore
{
    /// <inheritdoc />
    public async ValueTask<ReadOnlyMemory<byte>?> GetRangeAsync(StoreKey key, ByteRange range, CancellationToken cancellationToken = default)
    {
        if (range.Length == 0)
        {
            // "bytes=N-(N-1)" and "bytes=-0" are not valid Range headers: ask only whether the key exists.
            return await GetSizeAsync(key, cancellationToken).ConfigureAwait(false) is null
                ? (ReadOnlyMemory<byte>?)null
                : ReadOnlyMemory<byte>.Empty;
        }

        var answer = await GetRangeOnceAsync(key, range, cancellationToken).ConfigureAwait(false);
        if (answer.Absolute is { } absolute)
        {
            // The server answered a suffix range with the wrong bytes (some S3-compatible servers read "bytes=-N" as
            // "bytes=0-N"): ask again for the same bytes by absolute position, which every server reads right.
            answer = await GetRangeOnceAsync(key, absolute, cancellationToken).ConfigureAwait(false);
            if (answer.Absolute is not null)
            {
                throw new StoreException(key, $"the origin answered the range {absolute} with other bytes twice.");
            }
        }

        return answer.Missing ? (ReadOnlyMemory<byte>?)null : answer.Bytes;
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<ReadOnlyMemory<byte>>?> GetRangesAsync(
        StoreKey key, IReadOnlyList<ByteRange> ranges, CancellationToken cancellationToken = default) =>
        ByteRanges.GetConcurrentlyAsync(this, key, ranges, cancellationToken);

    private ValueTask<RangeAnswer> GetRangeOnceAsync(StoreKey key, ByteRange range, CancellationToken cancellationToken) =>
        SendAsync(
            key,
            "GET " + range.ToHttpHeaderValue(),
            () =>
            {
                var request = NewRequest(HttpMethod.Get, key);
                request.Headers.TryAddWithoutValidation("Range", range.ToHttpHeaderValue());
                return request;
            },
            async (response, token) =>
            {
                if (IsMissing(response.StatusCode))
                {
                    return RangeAnswer.NotFound;
                }

                if (response.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable)
                {
                    // The range starts at or after the end: zero bytes, as ByteRange.Resolve says.
                    return new RangeAnswer(false, ReadOnlyMemory<byte>.Empty, null);
                }

                ThrowUnlessSuccess(response, key);
                if (response.StatusCode == HttpStatusCode.PartialContent)
                {
                    var header = response.Content.Headers.ContentRange?.ToString();
                    if (!ContentRange.TryParse(header, out var start, out var end, out var total) || total is not { } size)
                    {
                        throw new StoreException(key, $"the origin answered 206 with an unusable Content-Range '{header}' for {range.ToHttpHeaderValue()}.");
                    }

                    if (!ContentRange.Matches(range, start, end, size))
                    {
                        if (range.IsSuffix)
                        {
                            var (s, l) = range.Resolve(size);
                            OriginLog.SuffixRangeMisread(_logger, key.Value, range, start, end, size);
                            return new RangeAnswer(false, default, ByteRange.FromOffset(s, l));
                        }

                        throw new StoreException(key, FormattableString.Invariant($"the origin answered bytes {start}-{end}/{size} for {range.ToHttpHeaderValue()}."));
                    }

                    return new RangeAnswer(false, await ReadBodyAsync(response, key, token, end - start + 1).ConfigureAwait(false), null);
                }

                // 200: the server ignored Range and sent the whole value; keep only the range (copied, so the
                // whole body is not kept alive by a small slice).
                var whole = await ReadBodyAsync(response, key, token).ConfigureAwait(false);
                return new RangeAnswer(false, range.Slice(whole).ToArray(), null);
            },
            cancellationToken);

    private readonly record struct RangeAnswer(bool Missing, ReadOnlyMemory<byte> Bytes, ByteRange? Absolute)
    {
        public static RangeAnswer NotFound => new(true, default, null);
    }
}
