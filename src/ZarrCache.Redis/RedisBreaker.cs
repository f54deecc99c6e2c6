using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace ZarrCache.Redis;

/// <summary>
/// The circuit breaker of one Redis tier: every call runs with <see cref="RedisTierOptions.OperationTimeout"/>; a call
/// that fails or times out opens the breaker for <see cref="RedisTierOptions.BreakDuration"/>, during which calls are
/// skipped (they answer their fallback at once). The first call after that tries Redis again; its success closes the
/// breaker. Failures are logged once per outage and counted, never thrown at the caller.
/// </summary>
internal sealed class RedisBreaker(RedisTierOptions options, TimeProvider time, ILogger logger)
{
    private long _openUntilTicks;
    private int _down;
    private long _failuresThisOutage;

    /// <summary>Calls that failed or timed out.</summary>
    public AtomicCounter Failures { get; } = new();

    /// <summary>Times the tier went from usable to skipped.</summary>
    public AtomicCounter Outages { get; } = new();

    /// <summary>Calls not made because the breaker was open.</summary>
    public AtomicCounter Skipped { get; } = new();

    /// <summary>Whether the tier is skipped now.</summary>
    public bool IsOpen => time.GetUtcNow().UtcTicks < Volatile.Read(ref _openUntilTicks);

    /// <summary>Whether the last call failed and none succeeded since.</summary>
    public bool IsDown => Volatile.Read(ref _down) != 0;

    /// <summary>Runs <paramref name="call"/>; its result, or <paramref name="fallback"/> when skipped, failed or timed out.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async ValueTask<T> RunAsync<T>(Func<Task<T>> call, T fallback, string operation, CancellationToken cancellationToken)
    {
        if (IsOpen)
        {
            Skipped.Increment();
            return fallback;
        }

        try
        {
            var result = await call().WaitAsync(options.OperationTimeout, time, cancellationToken).ConfigureAwait(false);
            Succeeded();
            return result;
        }
        catch (Exception e) when (IsRedisFailure(e) && !cancellationToken.IsCancellationRequested)
        {
            Failed(operation, e);
            return fallback;
        }
    }

    private static bool IsRedisFailure(Exception e) =>
        e is RedisException or TimeoutException or ObjectDisposedException or InvalidOperationException or IOException
            || (e is OperationCanceledException);

    private void Succeeded()
    {
        if (Volatile.Read(ref _down) != 0 && Interlocked.Exchange(ref _down, 0) != 0)
        {
            var failures = Interlocked.Exchange(ref _failuresThisOutage, 0);
            RedisLog.Recovered(logger, failures);
        }
    }

    private void Failed(string operation, Exception e)
    {
        Failures.Increment();
        Interlocked.Increment(ref _failuresThisOutage);
        Volatile.Write(ref _openUntilTicks, (time.GetUtcNow() + options.BreakDuration).UtcTicks);
        if (Interlocked.Exchange(ref _down, 1) == 0)
        {
            Outages.Increment();
            RedisLog.Outage(logger, operation, options.BreakDuration.TotalMilliseconds, e);
        }
    }
}
