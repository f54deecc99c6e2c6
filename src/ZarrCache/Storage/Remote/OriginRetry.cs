using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;

namespace ZarrCache;

/// <summary>
/// Runs one remote operation with a per-attempt timeout and bounded retries with exponential backoff and jitter.
/// Counts attempts and retries (also as the metric <c>zarrcache.origin.retries</c>) and logs each retry.
/// </summary>
internal sealed class OriginRetry
{
    private static readonly Counter<long> RetryCounter =
        ZarrCacheDiagnostics.Meter.CreateCounter<long>("zarrcache.origin.retries", "{request}", "Origin requests retried after a transient failure.");

    private readonly RetryOptions _options;
    private readonly string _origin;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private long _attempts;
    private long _retries;

    public OriginRetry(RetryOptions options, string origin, ILogger logger, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _origin = UrlRedaction.Redact(origin);
        _logger = logger;
        _time = time;
    }

    /// <summary>Requests sent, retries included.</summary>
    public long Attempts => Volatile.Read(ref _attempts);

    /// <summary>Requests sent again after a transient failure.</summary>
    public long Retries => Volatile.Read(ref _retries);

    /// <summary>Runs <paramref name="attempt"/> until it succeeds, fails for good, or attempts run out.</summary>
    /// <param name="key">The key, for messages; null for calls about no one key (listing).</param>
    /// <param name="operation">What is done ("GET", "HEAD"), for messages.</param>
    /// <param name="attempt">One attempt; gets a token that fires at the attempt timeout.</param>
    /// <param name="transientReason">Says why an exception is transient, or null when it is not.</param>
    /// <param name="cancellationToken">The caller's token; its cancellation is never retried.</param>
    public async ValueTask<T> RunAsync<T>(
        StoreKey? key,
        string operation,
        Func<CancellationToken, ValueTask<T>> attempt,
        Func<Exception, string?> transientReason,
        CancellationToken cancellationToken)
    {
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
                catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is not StoreException && transientReason(e) is { } r)
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
