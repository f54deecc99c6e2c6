using StackExchange.Redis;

namespace ZarrCache.Redis;

/// <summary>
/// One <see cref="CachedStore"/>'s Redis tier: the connection it owns, the <see cref="RedisCache"/>, the miss
/// coordinator and the backplane, all behind one circuit breaker. Built by <see cref="RedisTierOptions.Create"/>.
/// </summary>
internal sealed class RedisTier : ISharedTier
{
    private int _disposed;

    private readonly ConnectionMultiplexer _connection;
    private readonly RedisMissCoordinator? _misses;
    private readonly RedisBackplane? _backplane;

    private RedisTier(ConnectionMultiplexer connection, RedisCache cache, RedisMissCoordinator? misses, RedisBackplane? backplane, string name)
    {
        _connection = connection;
        RedisCache = cache;
        _misses = misses;
        _backplane = backplane;
        Name = name;
    }

    public string Name { get; }

    public RedisCache RedisCache { get; }

    public IExpiringCache Cache => RedisCache;

    public IMissCoordinator Misses => (IMissCoordinator?)_misses ?? NoMissCoordination.Instance;

    public ICacheBackplane Backplane => (ICacheBackplane?)_backplane ?? NoBackplane.Instance;

    /// <summary>The figures of the cache, the miss coordinator and the backplane together.</summary>
    public RedisTierStats Stats => RedisCache.TierStats with
    {
        LeasesTaken = _misses?.LeasesTaken ?? 0,
        LeaseWaitsServed = _misses?.WaitsServed ?? 0,
        LeaseWaitTimeouts = _misses?.WaitTimeouts ?? 0,
        InvalidationsSent = _backplane?.Sent ?? 0,
        InvalidationsReceived = _backplane?.Received ?? 0,
        AckTimeouts = _backplane?.AckTimeouts ?? 0,
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
        if (_backplane is not null)
        {
            await _backplane.DisposeAsync().ConfigureAwait(false);
        }

        await _connection.CloseAsync().ConfigureAwait(false);
        await _connection.DisposeAsync().ConfigureAwait(false);
    }
}
