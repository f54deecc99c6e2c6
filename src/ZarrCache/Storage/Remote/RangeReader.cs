using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ZarrCache;

/// <summary>
/// Reads byte ranges from a remote origin (<see cref="IRangeOrigin"/>) the way <see cref="HttpStore"/> and the S3 store
/// do: each request retried as its <see cref="OriginRetry"/> says; every answer checked (a 206 against its
/// <c>Content-Range</c>, its body against the announced and the requested length, so that fewer bytes than asked for
/// are an error naming the key, never a value); a 200 from a server that ignores <c>Range</c> sliced; a suffix range
/// answered with other bytes asked again by position; the ranges of one read merged into as few requests as
/// <see cref="RangeReaderOptions.MergeGap"/> allows and split from the answers, with at most
/// <see cref="RangeReaderOptions.MaxConcurrency"/> requests in flight. Thread-safe.
/// </summary>
/// <example>
/// An origin's <see cref="IReadableStore"/> range methods, given <c>_ranges = new RangeReader(this, _retry)</c>:
/// <code>
/// public ValueTask&lt;ReadOnlyMemory&lt;byte&gt;?&gt; GetRangeAsync(StoreKey key, ByteRange range, CancellationToken ct = default) =>
///     _ranges.ReadRangeAsync(key, range, ct);
/// public ValueTask&lt;IReadOnlyList&lt;ReadOnlyMemory&lt;byte&gt;&gt;?&gt; GetRangesAsync(StoreKey key, IReadOnlyList&lt;ByteRange&gt; ranges, CancellationToken ct = default) =>
///     _ranges.ReadRangesAsync(key, ranges, ct);
/// </code>
/// </example>
public sealed class RangeReader
{
    private readonly IRangeOrigin _origin;
    private readonly OriginRetry _retry;
    private readonly RangeReaderOptions _options;
    private readonly ILogger _logger;

    /// <summary>Creates a reader over one origin.</summary>
    /// <param name="origin">Sends the requests.</param>
    /// <param name="retry">Retries them; share it with the origin's other operations so its counts cover all requests.</param>
    /// <param name="options">The options; <see cref="RangeReaderOptions.Default"/> when null.</param>
    /// <exception cref="ArgumentOutOfRangeException">An option out of range, named.</exception>
    public RangeReader(IRangeOrigin origin, OriginRetry retry, RangeReaderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(origin);
        ArgumentNullException.ThrowIfNull(retry);
        _options = options ?? RangeReaderOptions.Default;
        _options.Validate();
        _origin = origin;
        _retry = retry;
        _logger = _options.Logger ?? NullLogger.Instance;
    }

    /// <summary>Reads one range (see <see cref="IReadableStore.GetRangeAsync"/>).</summary>
    /// <param name="key">The key.</param>
    /// <param name="range">The range; a zero-length one asks only whether the key exists.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The bytes, or <see langword="null"/> when the key is missing.</returns>
    /// <exception cref="StoreException">The origin failed for good, or answered with other or fewer bytes than asked for.</exception>
    public async ValueTask<ReadOnlyMemory<byte>?> ReadRangeAsync(StoreKey key, ByteRange range, CancellationToken cancellationToken = default)
    {
        if (range.Length == 0)
        {
            // "bytes=N-(N-1)" and "bytes=-0" are not valid ranges: ask only whether the key exists.
            return await _origin.GetSizeAsync(key, cancellationToken).ConfigureAwait(false) is null
                ? (ReadOnlyMemory<byte>?)null
                : ReadOnlyMemory<byte>.Empty;
        }

        var answer = await FetchAsync(key, range, cancellationToken).ConfigureAwait(false);
        return answer.Missing ? (ReadOnlyMemory<byte>?)null : answer.Bytes;
    }

    /// <summary>
    /// Reads several ranges of one value (see <see cref="IReadableStore.GetRangesAsync"/>): overlapping, adjacent and
    /// (per <see cref="RangeReaderOptions.MergeGap"/>) near ranges with one request, the requests concurrently.
    /// </summary>
    /// <param name="key">The key.</param>
    /// <param name="ranges">The ranges, in the order the results come back.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>One result per range, or <see langword="null"/> when the key is missing.</returns>
    /// <exception cref="StoreException">The origin failed for good, or answered with other or fewer bytes than asked for.</exception>
    public async ValueTask<IReadOnlyList<ReadOnlyMemory<byte>>?> ReadRangesAsync(
        StoreKey key, IReadOnlyList<ByteRange> ranges, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ranges);
        var plan = RangePlan.Create(ranges, _options.MergeGap, _options.MaxMergedBytes);
        if (plan.Requests.Count == 0)
        {
            // No range, or zero-length ones only: they are empty when the key exists.
            return ranges.Count == 0 || await _origin.GetSizeAsync(key, cancellationToken).ConfigureAwait(false) is not null
                ? new ReadOnlyMemory<byte>[ranges.Count]
                : null;
        }

        var answers = new ReadOnlyMemory<byte>[plan.Requests.Count];
        var missing = false;
        if (answers.Length == 1)
        {
            var answer = await FetchAsync(key, plan.Requests[0], cancellationToken).ConfigureAwait(false);
            missing = answer.Missing;
            answers[0] = answer.Bytes;
        }
        else
        {
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = _options.MaxConcurrency, CancellationToken = cancellationToken };
            await Parallel.ForAsync(0, answers.Length, parallel, async (i, token) =>
            {
                var answer = await FetchAsync(key, plan.Requests[i], token).ConfigureAwait(false);
                if (answer.Missing)
                {
                    Volatile.Write(ref missing, true);
                }

                answers[i] = answer.Bytes;
            }).ConfigureAwait(false);
        }

        return missing ? null : plan.Split(answers);
    }

    /// <summary>Fetches one range, asking again by position when a suffix was answered with other bytes.</summary>
    private async ValueTask<RangeAnswer> FetchAsync(StoreKey key, ByteRange range, CancellationToken cancellationToken)
    {
        var answer = await FetchOnceAsync(key, range, cancellationToken).ConfigureAwait(false);
        if (answer.Absolute is { } absolute)
        {
            // The server answered a suffix range with the wrong bytes (some S3-compatible servers, s3rver among them,
            // read "bytes=-N" as "bytes=0-N"): ask again by absolute position, computed from the size the answer gave.
            answer = await FetchOnceAsync(key, absolute, cancellationToken).ConfigureAwait(false);
            if (answer.Absolute is not null)
            {
                throw new StoreException(key, $"the origin answered the range {absolute} of {_origin.LocationOf(key)} with other bytes twice.");
            }
        }

        return answer;
    }

    private ValueTask<RangeAnswer> FetchOnceAsync(StoreKey key, ByteRange range, CancellationToken cancellationToken) =>
        _retry.RunAsync(
            key,
            "GET " + range.ToHttpHeaderValue() + " " + _origin.LocationOf(key),
            async token =>
            {
                using var response = await _origin.SendRangeAsync(key, range, token).ConfigureAwait(false);
                return await ReadAnswerAsync(key, range, response, token).ConfigureAwait(false);
            },
            cancellationToken);

    private async ValueTask<RangeAnswer> ReadAnswerAsync(StoreKey key, ByteRange range, RangeResponse response, CancellationToken cancellationToken)
    {
        switch (response.Kind)
        {
            case RangeResponseKind.Missing:
                return RangeAnswer.NotFound;
            case RangeResponseKind.NotSatisfiable:
                // The range starts at or after the end: zero bytes, as ByteRange.Resolve says.
                return new RangeAnswer(false, ReadOnlyMemory<byte>.Empty, null);
            case RangeResponseKind.Partial:
                var header = response.ContentRange;
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

                var want = end - start + 1;
                if (response.ContentLength is { } announced && announced != want)
                {
                    throw new StoreException(key, FormattableString.Invariant($"the origin announced {announced} bytes for a range of {want} bytes."));
                }

                return new RangeAnswer(false, await BodyReader.ReadAsync(response.Body!, key, want, _options.MaxValueBytes, cancellationToken).ConfigureAwait(false), null);
            default:
                // The server ignored Range and sent the whole value; keep only the range (copied, so the whole body is
                // not kept alive by a small slice).
                var whole = await BodyReader.ReadAsync(response.Body!, key, response.ContentLength, _options.MaxValueBytes, cancellationToken).ConfigureAwait(false);
                return new RangeAnswer(false, range.Slice(whole).ToArray(), null);
        }
    }

    /// <summary>One range request's outcome: missing, the bytes, or the absolute range to ask instead (a misread suffix).</summary>
    private readonly record struct RangeAnswer(bool Missing, ReadOnlyMemory<byte> Bytes, ByteRange? Absolute)
    {
        public static RangeAnswer NotFound => new(true, default, null);
    }
}
