namespace ZarrCache;

/// <summary>How a cache warm-up runs.</summary>
public sealed record WarmOptions
{
    /// <summary>How many origin reads run at once. Default 8.</summary>
    public int MaxConcurrency { get; init; } = 8;

    /// <summary>How often progress is reported at most. Default every 100 ms (and always at the end).</summary>
    public TimeSpan ProgressInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Checks the options.</summary>
    /// <exception cref="CacheConfigException">A bad value; the message names the field.</exception>
    public void Validate()
    {
        if (MaxConcurrency is < 1 or > 1024)
        {
            throw CacheConfigException.ForField(nameof(MaxConcurrency), $"must be 1 to 1024, was {MaxConcurrency}.");
        }

        if (ProgressInterval < TimeSpan.Zero)
        {
            throw CacheConfigException.ForField(nameof(ProgressInterval), $"must not be negative, was {ProgressInterval}.");
        }
    }
}
