using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ZarrCache;

/// <summary>
/// Runs the operations of one remote origin with a per-attempt timeout and bounded retries with exponential backoff and
/// jitter, as <see cref="RetryOptions"/> says. Counts attempts and retries (also as the metric
/// <c>zarrcache.origin.retries</c>), logs each retry, and raises a <see cref="StoreException"/> naming the key when
/// attempts run out. <see cref="HttpStore"/> and the S3 store use it; so can an origin of your own (see
/// <see cref="RangeReader"/>).
/// </summary>
/// <remarks>
/// An attempt asks for a retry by throwing an exception that the transient rule given to the constructor explains
/// (for example a <see cref="TransientOriginException"/>); a <see cref="StoreException"/> is never retried, nor is the
/// caller's own cancellation. An attempt that outlives <see cref="RetryOptions.AttemptTimeout"/> is cancelled and retried.
/// Thread-safe: one instance serves all the concurrent operations of its origin.
/// </remarks>
public sealed class OriginRetry
{
    private static readonly Counter<long> RetryCounter =
        ZarrCacheDiagnostics.Meter.CreateCounter<long>("zarrcache.origin.retries", "{request}", "Origin requests retried after a transient failure.");

    private readonly RetryOptions _options;
    private readonly string _origin;
    private readonly Func<Exception, string?> _transientReason;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private long _attempts;
    private long _retries;

    /// <summary>Creates the retry runner of one origin.</summary>
    /// <param name="options">How often and how long to retry; checked here.</param>
    /// <param name="origin">The origin named in messages, such as <c>https://example.org</c> or <c>s3://bucket</c> (user information is removed).</param>
    /// <param name="transientReason">
    /// Says why a failure of an attempt is transient (retried), or returns null when it is not; null for
    /// <see cref="CommonTransientReason"/>.
    /// </param>
    /// <param name="logger">Where retries are logged; none when null.</param>
    /// <param name="timeProvider">The clock the backoff delays use; the system clock when null.</param>
    /// <exception cref="ArgumentOutOfRangeException">An option out of range, named.</exception>
    public OriginRetry(
        RetryOptions options, string origin, Func<Exception, string?>? transientReason = null, ILogger? logger = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(origin);
        options.Validate();
        _options = options;
        _origin = UrlRedaction.Redact(origin);
        _transientReason = transientReason ?? CommonTransientReason;
        _logger = logger ?? NullLogger.Instance;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Attempts started, retries included.</summary>
    public long Attempts => Volatile.Read(ref _attempts);

    /// <summary>Attempts started again after a transient failure.</summary>
    public long Retries => Volatile.Read(ref _retries);

    /// <summary>
    /// The transient failures of every remote origin: a <see cref="TransientOriginException"/>, an
    /// <see cref="OriginFramingException"/> (also as an inner exception), a failed HTTP request, a broken connection
    /// (<see cref="IOException"/>).
    /// </summary>
    /// <param name="exception">The failure of one attempt.</param>
    /// <returns>Why it is transient, for logs and the final message; null when it is not.</returns>
    public static string? CommonTransientReason(Exception exception) => exception switch
    {
        TransientOriginException t => t.Message,
        _ when OriginFramingException.Find(exception) is { } framing => framing.Message,
        HttpRequestException h => "the request failed: " + h.Message,
        IOException io => "the connection broke: " + io.Message,
        _ => null,
    };

    /// <summary>Runs <paramref name="attempt"/> until it succeeds, fails for good, or attempts run out.</summary>
    /// <typeparam name="T">The result.</typeparam>
    /// <param name="key">The key, for messages; null for operations about no one key (listing).</param>
    /// <param name="operation">What is done, for messages, such as <c>GET https://example.org/a/0</c>.</param>
    /// <param name="attempt">One attempt; gets a token that fires at the attempt timeout or when the caller cancels.</param>
    /// <param name="cancellationToken">The caller's token; its cancellation is never retried.</param>
    /// <returns>The result of the first attempt that succeeded.</returns>
    /// <exception cref="StoreException">A permanent failure, or attempts ran out (the message names the key, the operation and the last reason).</exception>
    public async ValueTask<T> RunAsync<T>(
        StoreKey? key,
        string operation,
        Func<CancellationToken, ValueTask<T>> attempt,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(attempt);
        for (var n = 1; ; n++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            string reason;
            Exception error;
            using (var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                if (_options.AttemptTimeout != Timeout.InfiniteTimeSpan)
                {
                    cts.CancelAfter(_options.AttemptTimeout);
                }

                try
                {
                    Interlocked.Increment(ref _attempts);
                    return await attempt(cts.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
                {
                    reason = cts.IsCancellationRequested
                        ? FormattableString.Invariant($"timed out after {_options.AttemptTimeout.TotalSeconds:0.###} s")
                        : "timed out (" + e.Message + ")";
                    error = e;
                }
                catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is not StoreException && _transientReason(e) is { } r)
                {
                    reason = UrlRedaction.Redact(r);
                    error = e;
                }
            }

            if (n >= _options.MaxAttempts)
            {
                var message = UrlRedaction.Redact(FormattableString.Invariant($"{operation} from {_origin} failed after {n} attempt(s); last error: {reason}"));
                throw key is { } k ? new StoreException(k, message, error) : new StoreException(message, error);
            }

            var delay = Jitter(_options.DelayBefore(n + 1));
            Interlocked.Increment(ref _retries);
            RetryCounter.Add(1);
            OriginLog.Retrying(_logger, UrlRedaction.Redact(operation), key?.Value ?? string.Empty, n + 1, _options.MaxAttempts, delay.TotalMilliseconds, reason);
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static TimeSpan Jitter(TimeSpan delay)
    {
#pragma warning disable CA5394 // Jitter needs no cryptographic randomness.
        var factor = 0.5 + (Random.Shared.NextDouble() * 0.5);
#pragma warning restore CA5394
        return TimeSpan.FromTicks((long)(delay.Ticks * factor));
    }
}
