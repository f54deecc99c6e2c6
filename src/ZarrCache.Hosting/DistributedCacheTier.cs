using System.Buffers.Binary;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ZarrCache.Hosting;

/// <summary>
/// Any <see cref="IDistributedCache"/> (SQL Server, Cosmos DB, NCache, Redis through Microsoft's adapter …) as a
/// ZarrCache tier, to layer below memory and disk with <see cref="TieredCache"/> (<c>AddZarrCache(…).AddDistributedCacheTier()</c>
/// does that). Entries carry their expiry and ETag in a checked header (<see cref="DistributedEntryFormat"/>), so a
/// corrupt, truncated or foreign value is dropped and counted, never served.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>The byte bound is the distributed cache's own: this tier reports <see cref="Size"/> and <see cref="MaxSize"/>
/// as 0, and stores no value above <see cref="DistributedCacheTierOptions.MaxEntrySize"/>.</item>
/// <item>A failing distributed cache never fails a read: a failed lookup is a miss, a failed store is skipped; both
/// are logged and counted in <see cref="Failures"/>.</item>
/// <item><see cref="IDistributedCache"/> cannot list keys, so <see cref="ClearAsync"/> and <see cref="RemovePrefixAsync"/>
/// start a new epoch: entries of older epochs are no longer served (here at once, in other processes within
/// <see cref="DistributedCacheTierOptions.ClearCheckInterval"/>) and leave the distributed cache by their own expiry.</item>
/// </list>
/// </remarks>
public sealed partial class DistributedCacheTier : IPersistentCache, ICacheHealthProbe
{
    private readonly IDistributedCache _cache;
    private readonly DistributedCacheTierOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly string _epochKey;
    private long _epoch;
    private long _epochCheckedAt = long.MinValue;
    private readonly TierCounters _counters = new();
    private readonly AtomicCounter _failures = new();

    /// <summary>Makes <paramref name="cache"/> a tier.</summary>
    /// <param name="cache">The distributed cache.</param>
    /// <param name="options">The options; null for the defaults.</param>
    /// <param name="logger">Where to log failures of the distributed cache; null for none.</param>
    /// <exception cref="CacheConfigException">An option has a bad value.</exception>
    public DistributedCacheTier(IDistributedCache cache, DistributedCacheTierOptions? options = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(cache);
        _cache = cache;
        _options = options ?? new DistributedCacheTierOptions();
        _options.Validate();
        _time = _options.TimeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
        _epochKey = _options.KeyPrefix + "%epoch";
    }

    /// <summary>The options.</summary>
    public DistributedCacheTierOptions Options => _options;

    /// <summary>Calls to the distributed cache that failed (and were taken as misses or skipped stores).</summary>
    public long Failures => _failures.Value;

    /// <inheritdoc />
    /// <remarks>True: the entries are in a store outside this process.</remarks>
    public bool IsPersistent => true;

    /// <inheritdoc />
    /// <remarks>0: the distributed cache does not tell.</remarks>
    public long Size => 0;

    /// <inheritdoc />
    /// <remarks>0: the bound is the distributed cache's own.</remarks>
    public long MaxSize => 0;

    /// <inheritdoc />
    public CacheStats Stats => _counters.ToStats();

    /// <inheritdoc />
    public async ValueTask<ReadOnlyMemory<byte>?> GetAsync(StoreKey key, CancellationToken cancellationToken = default) =>
        (await GetEntryAsync(key, cancellationToken).ConfigureAwait(false))?.Value;

    /// <inheritdoc />
    public async ValueTask<CacheEntry?> GetEntryAsync(StoreKey key, CancellationToken cancellationToken = default)
    {
        var name = NameOf(key);
        var epoch = await CurrentEpochAsync(cancellationToken).ConfigureAwait(false);
        byte[]? value;
        try
        {
            value = await _cache.GetAsync(name, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            Failed(e, "get", key);
            _counters.Miss();
            return null;
        }

        if (value is null)
        {
            _counters.Miss();
            return null;
        }

        if (!DistributedEntryFormat.TryRead(key.Value, value, out var storedEpoch, out var entry))
        {
            _counters.CorruptMiss();
            LogCorrupt(_logger, key.Value, value.Length);
            await TryRemoveAsync(name, key, cancellationToken).ConfigureAwait(false);
            return null;
        }

        if (storedEpoch != epoch)
        {
            _counters.Miss();
            return null;
        }

        _counters.Hit(entry.Value.Length);
        return entry;
    }

    /// <inheritdoc />
    public ValueTask SetAsync(StoreKey key, ReadOnlyMemory<byte> value, CancellationToken cancellationToken = default) =>
        SetAsync(key, value, CacheEntryOptions.None, cancellationToken);

    /// <inheritdoc />
    public async ValueTask SetAsync(StoreKey key, ReadOnlyMemory<byte> value, CacheEntryOptions options, CancellationToken cancellationToken = default)
    {
        var name = NameOf(key);
        if (value.Length > _options.MaxEntrySize)
        {
            _counters.Reject();
            await TryRemoveAsync(name, key, cancellationToken).ConfigureAwait(false);
            return;
        }

        var entryOptions = new DistributedCacheEntryOptions();
        if (options.ExpiresAtUtcTicks != CacheEntry.NeverExpires)
        {
            var keepUntil = new DateTimeOffset(options.ExpiresAtUtcTicks, TimeSpan.Zero) + _options.ExpiredRetention;
            if (keepUntil <= _time.GetUtcNow())
            {
                await TryRemoveAsync(name, key, cancellationToken).ConfigureAwait(false);
                return;
            }

            entryOptions.AbsoluteExpiration = keepUntil;
        }

        var epoch = await CurrentEpochAsync(cancellationToken).ConfigureAwait(false);
        var stored = DistributedEntryFormat.Write(key.Value, value.Span, epoch, options.ExpiresAtUtcTicks, options.ETag);
        try
        {
            await _cache.SetAsync(name, stored, entryOptions, cancellationToken).ConfigureAwait(false);
            _counters.Insert();
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            Failed(e, "set", key);
        }
    }

    /// <inheritdoc />
    public async ValueTask RemoveAsync(StoreKey key, CancellationToken cancellationToken = default) =>
        await TryRemoveAsync(NameOf(key), key, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    /// <remarks>Starts a new epoch (the distributed cache cannot list a prefix): every entry of this tier is dropped.</remarks>
    public ValueTask RemovePrefixAsync(StorePrefix prefix, CancellationToken cancellationToken = default) => ClearAsync(cancellationToken);

    /// <inheritdoc />
    public async ValueTask ClearAsync(CancellationToken cancellationToken = default)
    {
        long epoch;
        do
        {
            epoch = Random.Shared.NextInt64();
        }
        while (epoch == 0 || epoch == Volatile.Read(ref _epoch));

        Volatile.Write(ref _epoch, epoch);
        var stored = new byte[sizeof(long)];
        BinaryPrimitives.WriteInt64LittleEndian(stored, epoch);

        // A clear that does not reach the distributed cache must not pass for done: other processes would serve what
        // this one dropped. It throws, as a failed clear of a disk tier does.
        await _cache.SetAsync(_epochKey, stored, new DistributedCacheEntryOptions(), cancellationToken).ConfigureAwait(false);
        Volatile.Write(ref _epochCheckedAt, _time.GetUtcNow().UtcTicks);
    }

    /// <inheritdoc />
    /// <remarks>One read of the distributed cache (the clear marker), whose failure is reported rather than taken as a miss.</remarks>
    public async Task<HealthCheckResult> ProbeAsync(CancellationToken cancellationToken)
    {
        try
        {
            _ = await _cache.GetAsync(_epochKey, cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy($"The distributed cache answers ({Failures} failed calls so far).");
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"The distributed cache does not answer: {e.Message}", e);
        }
    }

    /// <summary>The epoch entries are served from: the last one seen, read again from the distributed cache once per <see cref="DistributedCacheTierOptions.ClearCheckInterval"/>.</summary>
    private async ValueTask<long> CurrentEpochAsync(CancellationToken cancellationToken)
    {
        var checkedAt = Volatile.Read(ref _epochCheckedAt);
        var now = _time.GetUtcNow().UtcTicks;
        if (checkedAt != long.MinValue && now - checkedAt < _options.ClearCheckInterval.Ticks)
        {
            return Volatile.Read(ref _epoch);
        }

        try
        {
            var stored = await _cache.GetAsync(_epochKey, cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _epoch, stored is { Length: sizeof(long) } ? BinaryPrimitives.ReadInt64LittleEndian(stored) : 0);
            Volatile.Write(ref _epochCheckedAt, now);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            _failures.Increment();
            LogFailed(_logger, "get", _epochKey, e);
        }

        return Volatile.Read(ref _epoch);
    }

    private async ValueTask TryRemoveAsync(string name, StoreKey key, CancellationToken cancellationToken)
    {
        try
        {
            await _cache.RemoveAsync(name, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            Failed(e, "remove", key);
        }
    }

    private void Failed(Exception e, string operation, StoreKey key)
    {
        _failures.Increment();
        LogFailed(_logger, operation, key.Value, e);
    }

    /// <summary>The distributed-cache key of a store key: the prefix, then the key with <c>%</c> and NUL escaped (derived keys hold a NUL).</summary>
    private string NameOf(StoreKey key)
    {
        var value = key.Value;
        if (!value.Contains('%', StringComparison.Ordinal) && !value.Contains('\0', StringComparison.Ordinal))
        {
            return string.Concat(_options.KeyPrefix, value);
        }

        return string.Concat(_options.KeyPrefix, value.Replace("%", "%25", StringComparison.Ordinal).Replace("\0", "%00", StringComparison.Ordinal));
    }

    [LoggerMessage(EventId = 1601, Level = LogLevel.Warning, Message = "The distributed cache tier failed to {Operation} '{Key}'; the read goes on without it.")]
    private static partial void LogFailed(ILogger logger, string operation, string key, Exception exception);

    [LoggerMessage(EventId = 1602, Level = LogLevel.Warning, Message = "The distributed cache tier held a corrupt, truncated or foreign value for '{Key}' ({Length} bytes); dropped, not served.")]
    private static partial void LogCorrupt(ILogger logger, string key, int length);
}
