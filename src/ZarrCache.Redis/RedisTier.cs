using StackExchange.Redis;

namespace ZarrCache.Redis;

/// <summary>
/// One <see cref="CachedStore"/>'s Redis tier: the connection it owns, the <see cref="RedisCache"/>, the miss
/// coordinator and the backplane, all behind one circuit breaker. Built by <see cref="RedisTierOptions.Create"/>.
/// </summary>
internal sealed class RedisTier(ConnectionMultiplexer connection, RedisCache cache, RedisMissCoordinator? misses, RedisBackplane? backplane, string name) : ISharedTier
{
    private int _disposed;

    public string Name { get; } = name;

    public RedisCache RedisCache { get; } = cache;

    public IExpiringCache Cache => RedisCache;

    public IMissCoordinator Misses => (IMissCoordinator?)misses ?? NoMissCoordination.Instance;

    public ICacheBackplane Backplane => (ICacheBackplane?)backplane ?? NoBackplane.Instance;

    /// <summary>The figures of the cache, the miss coordinator and the backplane together.</summary>
    public RedisTierStats Stats => RedisCache.TierStats with
    {
        LeasesTaken = misses?.LeasesTaken.Value ?? 0,
        LeaseWaitsServed = misses?.WaitsServed.Value ?? 0,
        LeaseWaitTimeouts = misses?.WaitTimeouts.Value ?? 0,
        InvalidationsSent = backplane?.Sent.Value ?? 0,
        InvalidationsReceived = backplane?.Received.Value ?? 0,
        AckTimeouts = backplane?.AckTimeouts.Value ?? 0,
    };

    /// <summary>Connects (a server that is down does not fail this: the tier is skipped until it answers).</summary>
    public static RedisTier Connect(RedisTierOptions options, SharedTierContext context)
    {
        var connection = ConnectionMultiplexer.Connect(ConnectionOptions(options.Configuration));
        var breaker = new RedisBreaker(options, context.TimeProvider, context.Logger);
        var cache = new RedisCache(connection, options, breaker, context.Logger, context.TimeProvider);
        var db = connection.GetDatabase();
        var misses = options.CoalesceMisses ? new RedisMissCoordinator(db, cache, options, context.TimeProvider, context.Logger) : null;
        RedisBackplane? backplane = null;
        if (options.Backplane)
        {
            var started = new RedisBackplane(connection.GetSubscriber(), breaker, cache.Keys, options, context.TimeProvider, context.Logger);
            if (!started.TryStartAsync().GetAwaiter().GetResult())
            {
                // Redis is down now: subscribe once the connection is (re)established.
                connection.ConnectionRestored += (_, _) => _ = started.TryStartAsync();
            }

            backplane = started;
        }

        var tier = new RedisTier(connection, cache, misses, backplane, context.CacheName);
        RedisMetrics.Register(tier);
        return tier;
    }

    /// <summary>
    /// The connection settings: what the user gave, with failures surfacing at once (no retry backlog: the breaker
    /// decides), reconnection in the background, and short connect timeouts unless given.
    /// </summary>
    public static ConfigurationOptions ConnectionOptions(string configuration)
    {
        var parsed = ConfigurationOptions.Parse(configuration);
        parsed.AbortOnConnectFail = false;
        parsed.BacklogPolicy = BacklogPolicy.FailFast;
        if (!configuration.Contains("connectTimeout", StringComparison.OrdinalIgnoreCase))
        {
            parsed.ConnectTimeout = 2000;
        }

        return parsed;
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return; // a host may dispose a store twice (as itself and as the instance that owns it)
        }

        RedisMetrics.Unregister(this);
        if (backplane is not null)
        {
            await backplane.DisposeAsync().ConfigureAwait(false);
        }

        await connection.CloseAsync().ConfigureAwait(false);
        await connection.DisposeAsync().ConfigureAwait(false);
    }
}
