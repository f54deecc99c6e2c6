using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ZarrCache;

/// <summary>
/// A store that reads through a cache: the Rust crate's <c>CachedStore</c>. It wraps any <see cref="IReadableStore"/>
/// (the origin) and is itself a store, so anything that reads a store gets caching without knowing it.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>A miss reads the origin once, caches what the <see cref="KeyPolicy"/> allows and returns it. Concurrent misses
/// for one key share one origin read; a caller that cancels leaves without cancelling the read for the others.</item>
/// <item>A failed or cancelled origin read caches nothing; the next read tries again.</item>
/// <item>Byte ranges are cached as entries that belong to their key; a range of a value cached whole is sliced from it.</item>
/// <item>Missing keys the policy allows are remembered as missing for <see cref="CacheConfig.NegativeCacheTtl"/>.</item>
/// <item>Writes and deletes go to the origin (when it is an <see cref="IWritableStore"/>), then update or invalidate the
/// cache; listing goes to the origin (when it is an <see cref="IListableStore"/>).</item>
/// </list>
/// </remarks>
public sealed partial class CachedStore : IStore, ICachingStore, IAsyncDisposable, IDisposable
{
    private const int MaxRangesPerKey = 1024;
    private readonly IReadableStore _store;
    private readonly KeyPolicy _policy;
    private readonly NegativeCache _negative;
    private readonly ConcurrentDictionary<StoreKey, InflightRead<ReadOnlyMemory<byte>?>> _inflight = new();
    private readonly ConcurrentDictionary<StoreKey, ConcurrentDictionary<ByteRange, StoreKey>> _rangeKeys = new();
    private readonly ILogger _logger;
    private readonly SemaphoreSlim[] _writeLocks = CreateWriteLocks();
    private readonly StripedCounter _hits = new();
    private readonly StripedCounter _misses = new();
    private readonly StripedCounter _bytesServed = new();
    private readonly StripedCounter _negativeHits = new();
    private long _originReads;
    private long _originBytes;
    private long _originMisses;
    private long _coalesced;
    private readonly WriteFence _fence = new();

    /// <summary>Wraps <paramref name="store"/> in <paramref name="cache"/>, the Rust crate's <c>CachedStore::new</c>.</summary>
    /// <param name="store">The origin.</param>
    /// <param name="cache">The cache.</param>
    /// <param name="config">The settings; null for the defaults. Validated here.</param>
    /// <param name="logger">Where to log origin reads and failures; null for none.</param>
    /// <param name="timeProvider">The clock for expiries; null for the system clock.</param>
    /// <exception cref="CacheConfigException">The config has a bad or unsupported field.</exception>
    public CachedStore(IReadableStore store, ICache cache, CacheConfig? config = null, ILogger? logger = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(cache);
        Config = config ?? new CacheConfig();
        Config.Validate();
        _store = store;
        Cache = cache;
        _policy = Config.KeyPolicy;
        _negative = new NegativeCache(Config.NegativeCacheTtl, Config.MaxNegativeEntries, timeProvider ?? TimeProvider.System);
        _logger = logger ?? NullLogger.Instance;
        InitializeTtl(timeProvider ?? TimeProvider.System);
        _prefetcher = CreatePrefetcher();
        ZarrCacheDiagnostics.Register(this);
    }

    /// <summary>
    /// Wraps <paramref name="store"/> in the cache <paramref name="config"/> describes: a new memory cache of
    /// <see cref="CacheConfig.MaxMemorySize"/> (an <see cref="S3FifoMemoryCache"/> or a <see cref="LruMemoryCache"/>, as
    /// <see cref="CacheConfig.EvictionPolicy"/> says), over a <see cref="DiskCache"/> in <see cref="CacheConfig.DiskCacheDir"/>
    /// (as a <see cref="TieredCache"/>) when that is set.
    /// </summary>
    /// <param name="store">The origin.</param>
    /// <param name="config">The settings; null for the defaults.</param>
    /// <param name="logger">Where to log origin reads and failures; null for none.</param>
    /// <param name="timeProvider">The clock for expiries; null for the system clock.</param>
    /// <exception cref="CacheConfigException">The config has a bad or unsupported field.</exception>
    public CachedStore(IReadableStore store, CacheConfig? config = null, ILogger? logger = null, TimeProvider? timeProvider = null)
        : this(store, CacheFactory.Create(config ?? new CacheConfig(), timeProvider), config, logger, timeProvider)
    {
    }

    /// <summary>The origin store.</summary>
    public IReadableStore Store => _store;

    /// <summary>The cache.</summary>
    public ICache Cache { get; }

    /// <summary>The settings.</summary>
    public CacheConfig Config { get; }

    /// <summary>Whether the origin can list keys (then so can this store).</summary>
    public bool IsListable => _store is IListableStore;

    /// <summary>Whether the origin can be written (then so can this store).</summary>
    public bool IsWritable => _store is IWritableStore;

    /// <inheritdoc />
    /// <remarks>A memory hit completes synchronously, copies nothing and allocates nothing.</remarks>
    public ValueTask<ReadOnlyMemory<byte>?> GetAsync(StoreKey key, CancellationToken cancellationToken = default)
    {
        var cacheable = _policy.ShouldCache(key);
        if (!cacheable)
        {
            return ReadMissAsync(key, cacheable, cancellationToken);
        }

        if (_expiring is { } expiring)
        {
            var entryLookup = expiring.GetEntryAsync(key, cancellationToken);
            if (!entryLookup.IsCompletedSuccessfully)
            {
                return GetSlowAsync(key, entryLookup, cancellationToken);
            }

            if (entryLookup.Result is { } entry)
            {
                if (!IsExpired(entry))
                {
                    CountHit(key, entry.Value.Length);
                    ReportExpiry(entry.ExpiresAtUtcTicks);
                    return new(entry.Value);
                }

                return ReadExpiredAsync(key, entry, cancellationToken);
            }

            return ReadMissAsync(key, cacheable, cancellationToken);
        }

        var lookup = Cache.GetAsync(key, cancellationToken);
        if (!lookup.IsCompletedSuccessfully)
        {
            return GetSlowAsync(key, lookup, cancellationToken);
        }

        if (lookup.Result is { } hit)
        {
            CountHit(key, hit.Length);
            return new(hit);
        }

        return ReadMissAsync(key, cacheable, cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask<long?> GetSizeAsync(StoreKey key, CancellationToken cancellationToken = default)
    {
        if (_policy.ShouldCache(key) && await LookupAsync(key, cancellationToken).ConfigureAwait(false) is { } hit)
        {
            return hit.Length;
        }

        if (IsKnownMissing(key))
        {
            return null;
        }

        return await _store.GetSizeAsync(key, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<ReadOnlyMemory<byte>?> GetSlowAsync(
        StoreKey key, ValueTask<CacheEntry?> lookup, CancellationToken cancellationToken)
    {
        if (await lookup.ConfigureAwait(false) is { } entry)
        {
            if (!IsExpired(entry))
            {
                CountHit(key, entry.Value.Length);
                ReportExpiry(entry.ExpiresAtUtcTicks);
                return entry.Value;
            }

            return await ReadExpiredAsync(key, entry, cancellationToken).ConfigureAwait(false);
        }

        return await ReadMissAsync(key, cacheable: true, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<ReadOnlyMemory<byte>?> GetSlowAsync(
        StoreKey key, ValueTask<ReadOnlyMemory<byte>?> lookup, CancellationToken cancellationToken)
    {
        if (await lookup.ConfigureAwait(false) is { } hit)
        {
            CountHit(key, hit.Length);
            return hit;
        }

        return await ReadMissAsync(key, cacheable: true, cancellationToken).ConfigureAwait(false);
    }

    private ValueTask<ReadOnlyMemory<byte>?> ReadMissAsync(StoreKey key, bool cacheable, CancellationToken cancellationToken)
    {
        if (IsKnownMissing(key))
        {
            _negativeHits.Increment();
            return new((ReadOnlyMemory<byte>?)null);
        }

        if (PersistsMissing && _policy.ShouldCacheMissing(key))
        {
            return ReadMissCheckingMarkerAsync(key, cacheable, cancellationToken);
        }

        CountMiss();
        return LoadAsync(key, key, cacheable, new OriginRead(_store, key, null, null), cancellationToken);
    }

    /// <summary>Reads through the cache with miss coalescing: one origin read per cache key at a time.</summary>
    private async ValueTask<ReadOnlyMemory<byte>?> LoadAsync(
        StoreKey cacheKey, StoreKey key, bool cacheable, OriginRead read, CancellationToken cancellationToken, bool prefetch = false)
    {
        prefetch |= _prefetcher is not null && Prefetcher.InScope;
        while (true)
        {
            // Taken before the origin is read: what a read finds is stored only if no write of the key began since,
            // and a read joins one in flight only if that one started after the key's last write began.
            var version = _fence.VersionOf(key);
            if (_inflight.TryGetValue(cacheKey, out var running))
            {
                // A read that already failed (its entry not yet removed) must not hand its error to a later caller;
                // a read that began before a write may return the old value, which this caller must not see; a read
                // that finished with a value that has expired since (its entry not yet removed) must not serve it.
                if ((running.Task.IsCompleted && (!running.Task.IsCompletedSuccessfully || HasExpired(running)))
                    || running.Version != version)
                {
                    _inflight.TryRemove(new KeyValuePair<StoreKey, InflightRead<ReadOnlyMemory<byte>?>>(cacheKey, running));
                    continue;
                }

                if (running.TryJoin())
                {
                    if (!prefetch)
                    {
                        Interlocked.Increment(ref _coalesced);
                    }

                    if (!running.IsPrefetch || prefetch)
                    {
                        return await WaitReportingAsync(running, cancellationToken).ConfigureAwait(false);
                    }

                    running.Claim();
                    var value = await WaitReportingAsync(running, cancellationToken).ConfigureAwait(false);
                    _prefetcher?.OnUsed(cacheKey);
                    return value;
                }

                _inflight.TryRemove(new KeyValuePair<StoreKey, InflightRead<ReadOnlyMemory<byte>?>>(cacheKey, running));
                continue;
            }

            var mine = new InflightRead<ReadOnlyMemory<byte>?> { IsPrefetch = prefetch, Version = version };
            if (!_inflight.TryAdd(cacheKey, mine))
            {
                continue;
            }

            _ = RunLoadAsync(mine, cacheKey, key, cacheable, read);
            return await WaitReportingAsync(mine, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task RunLoadAsync(
        InflightRead<ReadOnlyMemory<byte>?> inflight, StoreKey cacheKey, StoreKey key, bool cacheable, OriginRead read)
    {
        try
        {
            await inflight.RunAsync(token => ReadOriginTrackedAsync(inflight, cacheKey, key, cacheable, read, token)).ConfigureAwait(false);
            if (inflight.IsPrefetch)
            {
                RecordPrefetch(inflight, cacheKey, key, cacheable, inflight.Version);
            }
        }
        finally
        {
            _inflight.TryRemove(new KeyValuePair<StoreKey, InflightRead<ReadOnlyMemory<byte>?>>(cacheKey, inflight));
        }
    }

    /// <summary>
    /// One origin read (in <see cref="ReadOriginTrackedAsync"/>'s <see cref="CacheValidity"/> scope, which every caller
    /// of the read reports): reports until when what it serves holds, as CachedStore.Validity.cs describes.
    /// </summary>
    private async ValueTask<ReadOnlyMemory<byte>?> ReadOriginAsync(
        StoreKey cacheKey, StoreKey key, bool cacheable, OriginRead read, long version, CancellationToken cancellationToken)
    {
        // Another read may have cached the value between this caller's lookup and its registering this read.
        if (cacheable && read.Stale is null && await LookupAsync(cacheKey, cancellationToken).ConfigureAwait(false) is { } cached)
        {
            return cached;
        }

        // Taken before the read: no later than the expiry its value (or its refreshed entry) is cached with.
        var validUntil = cacheable ? ExpiryBoundFor(key) : CacheEntry.NeverExpires;

        using var activity = ZarrCacheDiagnostics.ActivitySource.StartActivity("zarrcache.origin.read");
        activity?.SetTag("zarrcache.key", key.Value);
        var started = Stopwatch.GetTimestamp();
        Interlocked.Increment(ref _originReads);
        ReadOnlyMemory<byte>? value;
        string? etag;
        try
        {
            var outcome = await ExecuteAsync(key, cacheable, read, cancellationToken).ConfigureAwait(false);
            if (outcome.NotModified && read.Stale is { } unchanged)
            {
                var refreshed = await RefreshAsync(cacheKey, key, unchanged, version).ConfigureAwait(false);
                ReportExpiry(validUntil);
                return refreshed;
            }

            (value, etag) = (outcome.Value, outcome.ETag);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.OriginReadFailed(_logger, key.Value, e);
            activity?.SetStatus(ActivityStatusCode.Error, e.Message);
            if (read.Stale is { } stale && CanServeStale(stale))
            {
                Interlocked.Increment(ref _staleServed);
                ReportNow();
                return stale.Value;
            }

            throw;
        }

        if (value is not { } bytes)
        {
            if (read.Stale is not null)
            {
                await Cache.RemoveAsync(cacheKey, CancellationToken.None).ConfigureAwait(false);
            }

            Interlocked.Increment(ref _originMisses);
            Log.OriginMissing(_logger, key.Value);
            await RememberMissingUnlessRacedAsync(key, version, persist: true, cacheable).ConfigureAwait(false);
            return null;
        }

        Interlocked.Add(ref _originBytes, bytes.Length);
        if (_logger.IsEnabled(LogLevel.Debug))
        {
            var elapsedMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            Log.OriginRead(_logger, key.Value, bytes.Length, elapsedMs);
        }

        activity?.SetTag("zarrcache.bytes", bytes.Length);
        if (cacheable)
        {
            await CacheUnlessRacedAsync(cacheKey, key, bytes, etag, version).ConfigureAwait(false);
            ReportExpiry(validUntil);
        }

        return bytes;
    }

    /// <summary>
    /// Caches what an origin read of <paramref name="key"/> returned, unless a write or invalidation of the key began
    /// after <paramref name="version"/> was taken (before the read): then the value may be older than the write, and a
    /// read that begins after the write must not see it. See <see cref="WriteFence"/>.
    /// </summary>
    private async ValueTask CacheUnlessRacedAsync(StoreKey cacheKey, StoreKey key, ReadOnlyMemory<byte> bytes, string? etag, long version)
    {
        if (!_fence.TryEnter(key, version))
        {
            return;
        }

        try
        {
            await CacheValueAsync(cacheKey, key, bytes, etag, CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            _fence.Exit(key);
        }
    }

    /// <summary>Whether what a finished read returned is no longer valid by this store's clock.</summary>
    private bool HasExpired(InflightRead<ReadOnlyMemory<byte>?> read) =>
        read.ValidUntilUtcTicks != long.MaxValue && _time.GetUtcNow().UtcTicks >= read.ValidUntilUtcTicks;

    /// <summary>One origin read: a whole value, or one range of it; <paramref name="Stale"/> is the expired entry it replaces.</summary>
    private readonly record struct OriginRead(IReadableStore Store, StoreKey Key, ByteRange? Range, CacheEntry? Stale)
    {
        public ValueTask<ReadOnlyMemory<byte>?> ExecuteAsync(CancellationToken cancellationToken) =>
            Range is { } range ? Store.GetRangeAsync(Key, range, cancellationToken) : Store.GetAsync(Key, cancellationToken);
    }
}
