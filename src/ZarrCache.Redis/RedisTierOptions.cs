using StackExchange.Redis;

namespace ZarrCache.Redis;

/// <summary>
/// The settings of the shared Redis tier, and the factory a <see cref="CachedStore"/> builds it from: set an instance
/// as <see cref="CacheConfig.SharedTier"/> (or call <see cref="RedisCacheConfigExtensions.WithRedis(CacheConfig, string)"/>).
/// </summary>
/// <remarks>See docs/redis.md for the server settings to use with it (<c>maxmemory</c> with an LFU policy).</remarks>
public sealed record RedisTierOptions : ISharedTierFactory
{
    /// <summary>The StackExchange.Redis configuration string: <c>HOST:PORT[,option=value…]</c>, such as <c>127.0.0.1:6379,password=x</c>.</summary>
    public string Configuration { get; init; } = "127.0.0.1:6379";

    /// <summary>The default <see cref="KeyPrefix"/>.</summary>
    public const string DefaultKeyPrefix = "zarrcache:";

    /// <summary>
    /// Prepended to every Redis key and channel, so several caches can share one server. Default <c>zarrcache:</c>.
    /// Give each origin its own: two origins with the same key names under one prefix would share values (the CLI
    /// derives one per store location, docs/redis.md).
    /// </summary>
    public string KeyPrefix { get; init; } = DefaultKeyPrefix;

    /// <summary>The largest value stored in Redis; larger values stay in the local tiers only (counted as rejected). Default 16 MiB.</summary>
    public long MaxValueSize { get; init; } = 16L * 1024 * 1024;

    /// <summary>How long one Redis call may take before it counts as a failure and the reader moves on. Default 500 ms.</summary>
    public TimeSpan OperationTimeout { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How long the tier is skipped after a failure (the circuit breaker's open time) before it is tried again. Default 5 s.</summary>
    public TimeSpan BreakDuration { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Coordinate origin misses across processes with a lease in Redis. Default true.</summary>
    public bool CoalesceMisses { get; init; } = true;

    /// <summary>How long a miss lease lives unless released (it outlives a holder that died by at most this). Default 10 s.</summary>
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a process waits for another's lease before it reads the origin itself. Default 5 s.</summary>
    public TimeSpan LeaseWait { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Publish writes and invalidations to the other processes and apply theirs (the backplane). Default true.</summary>
    public bool Backplane { get; init; } = true;

    /// <summary>How long a write waits for the other processes to acknowledge its invalidation. Default 2 s.</summary>
    public TimeSpan BackplaneAckTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <inheritdoc />
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Configuration))
        {
            throw Field(nameof(Configuration), "must name a server: HOST:PORT[,options].");
        }

        try
        {
            _ = ConfigurationOptions.Parse(Configuration);
        }
        catch (ArgumentException e)
        {
            throw Field(nameof(Configuration), $"'{Configuration}' is not a Redis configuration: {e.Message}");
        }

        if (string.IsNullOrEmpty(KeyPrefix))
        {
            throw Field(nameof(KeyPrefix), "must not be empty.");
        }

        if (MaxValueSize <= 0 || MaxValueSize > RedisValueFormat.MaxPayload)
        {
            throw Field(nameof(MaxValueSize), $"must be positive and at most {RedisValueFormat.MaxPayload}, was {MaxValueSize}.");
        }

        Positive(nameof(OperationTimeout), OperationTimeout);
        Positive(nameof(BreakDuration), BreakDuration);
        Positive(nameof(LeaseDuration), LeaseDuration);
        Positive(nameof(LeaseWait), LeaseWait);
        Positive(nameof(BackplaneAckTimeout), BackplaneAckTimeout);
    }

    /// <inheritdoc />
    public ISharedTier Create(SharedTierContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        Validate();
        return RedisTier.Connect(this, context);
    }

    private static void Positive(string field, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            throw Field(field, $"must be positive, was {value}.");
        }
    }

    private static CacheConfigException Field(string field, string message) => CacheConfigException.ForField("SharedTier." + field, message);
}

/// <summary>Adds the Redis tier to a <see cref="CacheConfig"/>.</summary>
public static class RedisCacheConfigExtensions
{
    /// <summary>The config with a shared Redis tier at <paramref name="configuration"/> (<c>HOST:PORT[,options]</c>), other settings at their defaults.</summary>
    /// <param name="config">The config.</param>
    /// <param name="configuration">The StackExchange.Redis configuration string.</param>
    /// <returns>A copy of <paramref name="config"/> with <see cref="CacheConfig.SharedTier"/> set.</returns>
    public static CacheConfig WithRedis(this CacheConfig config, string configuration)
    {
        ArgumentNullException.ThrowIfNull(config);
        return config with { SharedTier = new RedisTierOptions { Configuration = configuration } };
    }

    /// <summary>The config with a shared Redis tier of the given settings.</summary>
    /// <param name="config">The config.</param>
    /// <param name="options">The Redis tier's settings.</param>
    /// <returns>A copy of <paramref name="config"/> with <see cref="CacheConfig.SharedTier"/> set.</returns>
    public static CacheConfig WithRedis(this CacheConfig config, RedisTierOptions options)
    {
        ArgumentNullException.ThrowIfNull(config);
        return config with { SharedTier = options };
    }
}
