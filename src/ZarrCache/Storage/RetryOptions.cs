namespace ZarrCache;

/// <summary>
/// How a remote store (<see cref="HttpStore"/>, the S3 store) retries transient failures: 5xx answers, throttling,
/// timeouts, reset connections and truncated bodies. Attempt <c>n</c> (from 1) waits
/// <c>min(MaxDelay, BaseDelay * 2^(n-1))</c> scaled by a random factor in [0.5, 1] before it runs again.
/// </summary>
public sealed record RetryOptions
{
    /// <summary>The defaults: 4 attempts, 100 ms base delay, 5 s maximum delay, 30 s per attempt.</summary>
    public static RetryOptions Default { get; } = new();

    /// <summary>Attempts in all, the first included; 1 means no retry. At least 1, at most 20.</summary>
    public int MaxAttempts { get; init; } = 4;

    /// <summary>The delay before the first retry, before jitter.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The longest delay between two attempts, before jitter.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long one attempt (request and whole body) may take before it counts as timed out and is retried.</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Checks the options.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value out of range, named.</exception>
    public void Validate()
    {
        if (MaxAttempts is < 1 or > 20)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxAttempts), MaxAttempts, "RetryOptions.MaxAttempts must be between 1 and 20.");
        }

        if (BaseDelay < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(BaseDelay), BaseDelay, "RetryOptions.BaseDelay must not be negative.");
        }

        if (MaxDelay < BaseDelay)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxDelay), MaxDelay, "RetryOptions.MaxDelay must not be below BaseDelay.");
        }

        if (AttemptTimeout <= TimeSpan.Zero && AttemptTimeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(AttemptTimeout), AttemptTimeout, "RetryOptions.AttemptTimeout must be positive or infinite.");
        }
    }

    /// <summary>The delay before attempt <paramref name="nextAttempt"/> (2 or more), before jitter.</summary>
    internal TimeSpan DelayBefore(int nextAttempt)
    {
        var factor = Math.Pow(2, Math.Min(nextAttempt - 2, 30));
        var ticks = Math.Min(MaxDelay.Ticks, BaseDelay.Ticks * factor);
        return TimeSpan.FromTicks((long)ticks);
    }
}
