using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace ZarrCache.Redis;

/// <summary>
/// The shared tier: an <see cref="ICache"/> in Redis, below a process's memory and disk tiers. Values carry a header
/// (magic, version, lengths, expiry, ETag, XxHash3), so a corrupt, truncated or foreign value is dropped and counted,
/// never served; expiries become Redis TTLs; values above <see cref="RedisTierOptions.MaxValueSize"/> are not stored.
/// Every call goes through a circuit breaker with a timeout: when Redis is down or slow, lookups miss and stores are
/// skipped (logged and counted in <see cref="TierStats"/>), and nothing is thrown at the reader.
/// </summary>
/// <remarks>
/// The byte bound is Redis's own (<c>maxmemory</c> with an LFU policy, docs/redis.md): <see cref="Size"/> and
/// <see cref="MaxSize"/> are 0, and <see cref="CacheStats.Entries"/> and <see cref="CacheStats.BytesHeld"/> are not
/// known here (<c>zarr-cache stats --redis</c> asks the server).
/// </remarks>
public sealed class RedisCache : IPersistentCache
{
    private readonly IDatabase _db;
    private readonly IServer? _server;
    private readonly RedisKeys _keys;
    private readonly RedisTierOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly TierCounters _counters = new();

    /// <summary>A Redis tier over an open connection.</summary>
    /// <param name="connection">The connection (shared with the caller, who closes it).</param>
    /// <param name="options">The settings (key prefix, value bound, timeouts).</param>
    /// <param name="logger">Where to log outages and bad values; null for none.</param>
    /// <param name="timeProvider">The clock of expiries and timeouts; null for the system clock.</param>
    public RedisCache(IConnectionMultiplexer connection, RedisTierOptions options, ILogger? logger = null, TimeProvider? timeProvider = null)
        : this(connection, options, new RedisBreaker(options, timeProvider ?? TimeProvider.System, logger ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance), logger, timeProvider)
    {
    }

    internal RedisCache(IConnectionMultiplexer connection, RedisTierOptions options, RedisBreaker breaker, ILogger? logger, TimeProvider? timeProvider)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _db = connection.GetDatabase();
        _server = connection.GetServers().FirstOrDefault();
        _keys = new RedisKeys(options.KeyPrefix);
        _options = options;
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
        Breaker = breaker;
    }

    /// <inheritdoc />
    /// <remarks>Always true: entries outlive the process (and are shared with the others).</remarks>
    public bool IsPersistent => true;

    /// <inheritdoc />
    public long Size => 0;

    /// <inheritdoc />
    public long MaxSize => 0;

    /// <inheritdoc />
    public CacheStats Stats => _counters.ToStats();

    /// <summary>The tier's own figures: outages, failures, skipped calls (and the lookups of <see cref="Stats"/>).</summary>
    public RedisTierStats TierStats
    {
        get
        {
            var counted = _counters.ToStats();
            return new()
            {
                Hits = counted.Hits,
                Misses = counted.Misses,
                Inserts = counted.Inserts,
                Rejected = counted.Rejected,
                BadValues = counted.CorruptEntries,
                BytesServed = counted.BytesServed,
                Failures = Breaker.Failures.Value,
                Outages = Breaker.Outages.Value,
                Skipped = Breaker.Skipped.Value,
                IsAvailable = !Breaker.IsDown,
            };
        }
    }

    internal RedisBreaker Breaker { get; }

    internal RedisKeys Keys => _keys;

    /// <inheritdoc />
    public async ValueTask<ReadOnlyMemory<byte>?> GetAsync(StoreKey key, CancellationToken cancellationToken = default) =>
        (await GetEntryAsync(key, cancellationToken).ConfigureAwait(false))?.Value;

    /// <inheritdoc />
    public async ValueTask<CacheEntry?> GetEntryAsync(StoreKey key, CancellationToken cancellationToken = default)
    {
        var stored = await Breaker.RunAsync(() => _db.StringGetAsync(_keys.Value(key)), RedisValue.Null, "GET", cancellationToken).ConfigureAwait(false);
        return await CheckedAsync(key, stored).ConfigureAwait(false);
    }

    /// <summary>Looks several keys up in one round trip (MGET).</summary>
    /// <param name="keys">The keys.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <returns>One entry per key, null for a miss (or for all of them when Redis is unavailable).</returns>
    public async ValueTask<CacheEntry?[]> GetEntriesAsync(IReadOnlyList<StoreKey> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var redisKeys = new RedisKey[keys.Count];
        for (var i = 0; i < redisKeys.Length; i++)
        {
            redisKeys[i] = _keys.Value(keys[i]);
        }

        var values = await Breaker.RunAsync(() => _db.StringGetAsync(redisKeys), new RedisValue[redisKeys.Length], "MGET", cancellationToken).ConfigureAwait(false);
        var entries = new CacheEntry?[keys.Count];
        for (var i = 0; i < entries.Length; i++)
        {
            entries[i] = await CheckedAsync(keys[i], values[i]).ConfigureAwait(false);
        }

        return entries;
    }

    /// <inheritdoc />
    public ValueTask SetAsync(StoreKey key, ReadOnlyMemory<byte> value, CancellationToken cancellationToken = default) =>
        SetAsync(key, value, CacheEntryOptions.None, cancellationToken);

    /// <inheritdoc />
    public async ValueTask SetAsync(StoreKey key, ReadOnlyMemory<byte> value, CacheEntryOptions options, CancellationToken cancellationToken = default)
    {
        TimeSpan? ttl = null;
        if (options.ExpiresAtUtcTicks != CacheEntry.NeverExpires)
        {
            ttl = TimeSpan.FromTicks(options.ExpiresAtUtcTicks - _time.GetUtcNow().UtcTicks);
            if (ttl <= TimeSpan.Zero)
            {
                await RemoveAsync(key, cancellationToken).ConfigureAwait(false);
                return;
            }
        }

        if (value.Length > _options.MaxValueSize)
        {
            _counters.Reject();
            await RemoveAsync(key, cancellationToken).ConfigureAwait(false); // Never leave an older value behind the one not stored.
            return;
        }

        var stored = RedisValueFormat.Encode(value.Span, options.ExpiresAtUtcTicks, options.ETag);
        var redisKey = _keys.Value(key);
        var expiry = ttl is { } t ? new Expiration(t) : Expiration.Default;
        if (await Breaker.RunAsync(() => _db.StringSetAsync(redisKey, stored, expiry), false, "SET", cancellationToken).ConfigureAwait(false))
        {
            _counters.Insert();
        }
    }

    /// <inheritdoc />
    public async ValueTask RemoveAsync(StoreKey key, CancellationToken cancellationToken = default) =>
        await Breaker.RunAsync(() => _db.KeyDeleteAsync(_keys.Value(key)), false, "DEL", cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public ValueTask RemovePrefixAsync(StorePrefix prefix, CancellationToken cancellationToken = default) =>
        DeleteMatchingAsync(_keys.ValuePattern(prefix), cancellationToken);

    /// <inheritdoc />
    /// <remarks>Removes this tier's values (those under <see cref="RedisTierOptions.KeyPrefix"/>), not the rest of the server.</remarks>
    public ValueTask ClearAsync(CancellationToken cancellationToken = default) =>
        DeleteMatchingAsync(_keys.ValuePattern(StorePrefix.Root), cancellationToken);

    private async ValueTask<CacheEntry?> CheckedAsync(StoreKey key, RedisValue stored)
    {
        if (stored.IsNull)
        {
            _counters.Miss();
            return null;
        }

        var verdict = RedisValueFormat.TryDecode((ReadOnlyMemory<byte>)stored, out var entry);
        if (verdict == RedisValueFormat.Verdict.Valid)
        {
            _counters.Hit(entry.Value.Length);
            return entry;
        }

        _counters.CorruptMiss();
        RedisLog.BadValue(_logger, key.Value, verdict.ToString().ToLowerInvariant());
        await RemoveAsync(key, CancellationToken.None).ConfigureAwait(false);
        return null;
    }

    private async ValueTask DeleteMatchingAsync(string pattern, CancellationToken cancellationToken)
    {
        if (_server is null)
        {
            return;
        }

        var batch = new List<RedisKey>(256);
        await Breaker.RunAsync(
            async () =>
            {
                await foreach (var key in _server.KeysAsync(_db.Database, pattern, pageSize: 500).WithCancellation(cancellationToken).ConfigureAwait(false))
                {
                    batch.Add(key);
                    if (batch.Count == 256)
                    {
                        await _db.KeyDeleteAsync([.. batch]).ConfigureAwait(false);
                        batch.Clear();
                    }
                }

                return batch.Count == 0 ? 0 : await _db.KeyDeleteAsync([.. batch]).ConfigureAwait(false);
            },
            0L,
            "SCAN/DEL",
            cancellationToken).ConfigureAwait(false);
    }
}
