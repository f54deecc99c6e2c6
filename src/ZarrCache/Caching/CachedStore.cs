using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ZarrCache;

/// <summary>
/// A store that reads through a cache: the Rust crate's <c>CachedStore</c>. It wraps any <see cref="IReadableStore"/>
/// (the origin) and is itself a store, so anything that reads a store gets caching without knowing it. It lists and
/// writes exactly when its origin does: <see cref="Create(IReadableStore, CacheConfig?, ILogger?, TimeProvider?)"/>
/// returns a <see cref="ListableCachedStore"/> over a listable origin and a <see cref="WritableCachedStore"/> over an
/// <see cref="IStore"/>; the constructors make the reading shape whatever the origin.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>A miss reads the origin once, caches what the <see cref="KeyPolicy"/> allows and returns it. Concurrent misses
/// for one key share one origin read; a caller that cancels leaves without cancelling the read for the others.</item>
/// <item>A failed or cancelled origin read caches nothing; the next read tries again.</item>
/// <item>Byte ranges are cached as entries that belong to their key; a range of a value cached whole, or of a cached
/// range that holds it, is sliced from it.</item>
/// <item>Missing keys the policy allows are remembered as missing for <see cref="CacheConfig.NegativeCacheTtl"/>.</item>
/// </list>
/// This class is a coordinator: each job is a part of its own (docs/architecture.md walks one read through them).
/// </remarks>
public class CachedStore : ICachingStore, IPrefetchingStore, IAsyncDisposable, IDisposable
{
    private readonly ReadPipeline _reads;
    private readonly RangeReads _ranges;
    private readonly CacheTiers _tiers;
    private readonly MissingKeys _missing;
    private readonly StoreCounters _counters;
    private readonly IPrefetchHook _prefetch;
    private readonly WriteFence _fence = new();
    private readonly CacheWarmer _warmer;
    private readonly SharedLayers _shared;

    /// <summary>Wraps <paramref name="store"/> in <paramref name="cache"/>, the Rust crate's <c>CachedStore::new</c> (the reading shape).</summary>
    /// <param name="store">The origin.</param>
    /// <param name="cache">The cache; with <see cref="CacheConfig.SharedTier"/> set, the local cache, over which the store layers the shared tier (<see cref="Cache"/> is then a <see cref="TieredCache"/>).</param>
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
        Store = store;
        Logger = logger ?? NullLogger.Instance;
        var lifetimes = new EntryLifetimes(Config, timeProvider ?? TimeProvider.System);
        TimeProvider = lifetimes.Time;
        _shared = SharedLayers.Build(cache, Config, Logger, TimeProvider);
        cache = _shared.Cache;
        _prefetch = Config.PrefetchConfig is { } prefetch
            ? new ActivePrefetch(prefetch, cache, (key, token) => _reads!.PrefetchAsync(key, token), Logger)
            : NoPrefetch.Instance;
        _counters = new StoreCounters(_prefetch, Config.AccessObserver);
        var origin = OriginQuery.For(store);
        var stale = new StaleEntries(origin, Config.StaleIfError, lifetimes);
        _tiers = new CacheTiers(cache, Config, lifetimes, stale, _counters);
        _missing = new MissingKeys(Config, cache, lifetimes);
        Commit = new CacheCommit(_fence, _tiers, _missing, lifetimes);
        var reads = new ReadCoalescer<ReadOnlyMemory<byte>?>(_fence, lifetimes, _counters, _prefetch);
        var batches = new ReadCoalescer<IReadOnlyList<ReadOnlyMemory<byte>>?>(_fence, lifetimes, _counters, _prefetch);
        var fetch = new OriginFetch(origin, _tiers, Commit, stale, lifetimes, _counters, _shared.Misses, Logger);
        _reads = new ReadPipeline(Config.KeyPolicy, store, _tiers, _missing, reads, fetch, Commit, stale, lifetimes, _counters, _prefetch);
        var index = new RangeIndex();
        _ranges = new RangeReads(Config.KeyPolicy, store, _tiers, index, _missing, _reads, batches, Commit, lifetimes, _counters, Logger);
        Invalidation = new CacheInvalidation(_fence, _tiers, _missing, index, reads, batches, _prefetch, _shared, Logger);
        _shared.Backplane.Subscribe(Invalidation.ApplyRemoteAsync);
        _warmer = new CacheWarmer(Config.KeyPolicy, cache, GetAsync);
        ZarrCacheDiagnostics.Register(this);
    }

    /// <summary>
    /// Wraps <paramref name="store"/> in the cache <paramref name="config"/> describes (the reading shape): a new memory
    /// cache of <see cref="CacheConfig.MaxMemorySize"/> (an <see cref="S3FifoMemoryCache"/> or a <see cref="LruMemoryCache"/>,
    /// as <see cref="CacheConfig.EvictionPolicy"/> says), over a <see cref="DiskCache"/> in <see cref="CacheConfig.DiskCacheDir"/>
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
    public IReadableStore Store { get; }

    /// <summary>The cache.</summary>
    public ICache Cache => _tiers.Cache;

    /// <summary>The settings.</summary>
    public CacheConfig Config { get; }

    /// <summary>Whether this store lists keys (it is an <see cref="IListableStore"/>: its origin lists).</summary>
    public bool IsListable => this is IListableStore;

    /// <summary>Whether this store can be written (it is an <see cref="IWritableStore"/>: its origin can).</summary>
    public bool IsWritable => this is IWritableStore;

    /// <inheritdoc />
    public PrefetchConfig? PrefetchConfig => _prefetch.Config;

    /// <inheritdoc />
    /// <remarks>The clock given to the constructor (the system clock when none was).</remarks>
    public TimeProvider TimeProvider { get; }

    /// <summary>The statistics of this store and its cache, as of now.</summary>
    public CacheStats CacheStats => _counters.Snapshot(Cache.Stats, _missing.Count);

    internal CacheCommit Commit { get; }

    internal CacheInvalidation Invalidation { get; }

    internal ILogger Logger { get; }

    /// <summary>Wraps <paramref name="store"/> in the cache <paramref name="config"/> describes, in the shape that lists and writes as the origin does.</summary>
    /// <param name="store">The origin.</param>
    /// <param name="config">The settings; null for the defaults.</param>
    /// <param name="logger">Where to log origin reads and failures; null for none.</param>
    /// <param name="timeProvider">The clock for expiries; null for the system clock.</param>
    /// <returns>A <see cref="WritableCachedStore"/> over an <see cref="IStore"/>, a <see cref="ListableCachedStore"/> over a listable origin, else a <see cref="CachedStore"/>.</returns>
    /// <exception cref="CacheConfigException">The config has a bad or unsupported field.</exception>
    public static CachedStore Create(IReadableStore store, CacheConfig? config = null, ILogger? logger = null, TimeProvider? timeProvider = null) =>
        Create(store, CacheFactory.Create(config ?? new CacheConfig(), timeProvider), config, logger, timeProvider);

    /// <summary>Wraps <paramref name="store"/> in <paramref name="cache"/>, in the shape that lists and writes as the origin does.</summary>
    /// <param name="store">The origin.</param>
    /// <param name="cache">The cache.</param>
    /// <param name="config">The settings; null for the defaults.</param>
    /// <param name="logger">Where to log origin reads and failures; null for none.</param>
    /// <param name="timeProvider">The clock for expiries; null for the system clock.</param>
    /// <returns>As <see cref="Create(IReadableStore, CacheConfig?, ILogger?, TimeProvider?)"/>.</returns>
    /// <exception cref="CacheConfigException">The config has a bad or unsupported field.</exception>
    public static CachedStore Create(IReadableStore store, ICache cache, CacheConfig? config = null, ILogger? logger = null, TimeProvider? timeProvider = null) =>
        store switch
        {
            IStore full => new WritableCachedStore(full, cache, config, logger, timeProvider),
            IListableStore => new ListableCachedStore(store, cache, config, logger, timeProvider),
            _ => new CachedStore(store, cache, config, logger, timeProvider),
        };

    /// <summary>Wraps a store that lists and writes in the cache <paramref name="config"/> describes.</summary>
    /// <param name="store">The origin.</param>
    /// <param name="config">The settings; null for the defaults.</param>
    /// <param name="logger">Where to log origin reads and failures; null for none.</param>
    /// <param name="timeProvider">The clock for expiries; null for the system clock.</param>
    /// <returns>The cached store, which lists and writes.</returns>
    /// <exception cref="CacheConfigException">The config has a bad or unsupported field.</exception>
    public static WritableCachedStore Create(IStore store, CacheConfig? config = null, ILogger? logger = null, TimeProvider? timeProvider = null) =>
        Create(store, CacheFactory.Create(config ?? new CacheConfig(), timeProvider), config, logger, timeProvider);

    /// <summary>Wraps a store that lists and writes in <paramref name="cache"/>.</summary>
    /// <param name="store">The origin.</param>
    /// <param name="cache">The cache.</param>
    /// <param name="config">The settings; null for the defaults.</param>
    /// <param name="logger">Where to log origin reads and failures; null for none.</param>
    /// <param name="timeProvider">The clock for expiries; null for the system clock.</param>
    /// <returns>The cached store, which lists and writes.</returns>
    /// <exception cref="CacheConfigException">The config has a bad or unsupported field.</exception>
    public static WritableCachedStore Create(IStore store, ICache cache, CacheConfig? config = null, ILogger? logger = null, TimeProvider? timeProvider = null) =>
        new(store, cache, config, logger, timeProvider);

    /// <inheritdoc />
    /// <remarks>A memory hit completes synchronously, copies nothing and allocates nothing.</remarks>
    public ValueTask<ReadOnlyMemory<byte>?> GetAsync(StoreKey key, CancellationToken cancellationToken = default) =>
        _reads.GetAsync(key, cancellationToken);

    /// <inheritdoc />
    public ValueTask<long?> GetSizeAsync(StoreKey key, CancellationToken cancellationToken = default) =>
        _reads.GetSizeAsync(key, cancellationToken);

    /// <inheritdoc />
    public ValueTask<ReadOnlyMemory<byte>?> GetRangeAsync(StoreKey key, ByteRange range, CancellationToken cancellationToken = default) =>
        _ranges.GetRangeAsync(key, range, cancellationToken);

    /// <inheritdoc />
    /// <remarks>
    /// Ranges found in the cache (or inside a cached range) are served from it; the others are read from the origin in
    /// one call, coalesced with concurrent reads of the same ranges, and cached. One missing range is read as
    /// <see cref="GetRangeAsync"/> does.
    /// </remarks>
    public ValueTask<IReadOnlyList<ReadOnlyMemory<byte>>?> GetRangesAsync(
        StoreKey key, IReadOnlyList<ByteRange> ranges, CancellationToken cancellationToken = default) =>
        _ranges.GetRangesAsync(key, ranges, cancellationToken);

    /// <summary>Looks a key up in the cache only, never reading the origin (the Rust crate's <c>get_cached</c>).</summary>
    /// <param name="key">The key (a string converts implicitly).</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <returns>The cached bytes, or <see langword="null"/> when the key is not cached.</returns>
    public ValueTask<ReadOnlyMemory<byte>?> GetCachedAsync(StoreKey key, CancellationToken cancellationToken = default) =>
        _tiers.LookupAsync(key, cancellationToken);

    /// <summary>Puts a value into the cache only, not the origin (the Rust crate's <c>set_cached</c>).</summary>
    /// <param name="key">The key (a string converts implicitly).</param>
    /// <param name="value">The bytes; the cache keeps its own copy.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the value is cached or rejected.</returns>
    /// <remarks>
    /// The old value is dropped and the new one cached inside one write of the key (see <see cref="VersionOf"/>): a read
    /// that began before cannot cache over it, and a value derived from the old bytes is outdated by the write.
    /// </remarks>
    public ValueTask SetCachedAsync(StoreKey key, ReadOnlyMemory<byte> value, CancellationToken cancellationToken = default) =>
        Invalidation.ReplaceAsync(key, value, cancellationToken);

    /// <summary>Drops a key, its cached ranges and its missing mark from the cache only (the Rust crate's <c>remove_cached</c>).</summary>
    /// <param name="key">The key (a string converts implicitly).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the key is gone from the cache.</returns>
    public ValueTask RemoveCachedAsync(StoreKey key, CancellationToken cancellationToken = default) =>
        Invalidation.InvalidateAsync(key, cancellationToken);

    /// <summary>Empties the cache and forgets every missing key (the Rust crate's <c>clear_cache</c>).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the cache is empty.</returns>
    public ValueTask ClearCacheAsync(CancellationToken cancellationToken = default) => Invalidation.ClearAsync(cancellationToken);

    /// <inheritdoc />
    /// <remarks>
    /// The version of the key's stripe of this store's write fence: every change of the cache for a key (a write, delete,
    /// prefix delete, clear, <see cref="SetCachedAsync"/>, <see cref="RemoveCachedAsync"/>) advances it when it begins and
    /// when it ends; writes of other keys of the same stripe (one in 64) advance it too.
    /// </remarks>
    public long VersionOf(StoreKey key) => _fence.VersionOf(key);

    /// <inheritdoc />
    /// <remarks>A Zarr array read through this store calls this itself with the chunks its reader will likely read next.</remarks>
    public bool TryPrefetch(StoreKey key) => _prefetch.TryEnqueue(key);

    /// <inheritdoc />
    public bool TryPrefetch(StoreKey key, Func<CancellationToken, ValueTask> fetch)
    {
        ArgumentNullException.ThrowIfNull(fetch);
        return _prefetch.TryEnqueue(key, fetch);
    }

    /// <summary>Reads the given keys into the cache (as the key policy allows), with bounded concurrency.</summary>
    /// <param name="keys">The keys, such as the chunk keys of a selection.</param>
    /// <param name="options">Concurrency and progress settings; null for the defaults.</param>
    /// <param name="progress">Receives progress; null for none.</param>
    /// <param name="cancellationToken">Stops the warm-up; what was read stays cached.</param>
    /// <returns>What the warm-up did.</returns>
    public Task<WarmResult> WarmAsync(
        IReadOnlyCollection<StoreKey> keys, WarmOptions? options = null, IProgress<WarmProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        return _warmer.WarmAsync(CacheWarmer.ToAsync(keys, cancellationToken), keys.Count, options, progress, cancellationToken);
    }

    /// <summary>Reads streamed keys (such as a listing) into the cache (as the key policy allows), with bounded concurrency.</summary>
    /// <param name="keys">The keys; never held whole.</param>
    /// <param name="options">Concurrency and progress settings; null for the defaults.</param>
    /// <param name="progress">Receives progress; null for none.</param>
    /// <param name="cancellationToken">Stops the warm-up; what was read stays cached.</param>
    /// <returns>What the warm-up did.</returns>
    public Task<WarmResult> WarmAsync(
        IAsyncEnumerable<StoreKey> keys, WarmOptions? options = null, IProgress<WarmProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        return _warmer.WarmAsync(keys, null, options, progress, cancellationToken);
    }

    /// <summary>
    /// Stops prefetching: queued prefetches are dropped and running ones cancelled (unless a foreground read waits on
    /// them); closes the shared tier (<see cref="CacheConfig.SharedTier"/>) if there is one.
    /// </summary>
    /// <returns>A task that completes when the prefetch workers have stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        await _prefetch.DisposeAsync().ConfigureAwait(false);
        await _shared.DisposeAsync().ConfigureAwait(false);
        GC.SuppressFinalize(this);
    }

    /// <summary>Stops prefetching and closes the shared tier, as <see cref="DisposeAsync"/> does.</summary>
    public void Dispose()
    {
        DisposeAsync().AsTask().GetAwaiter().GetResult();
        GC.SuppressFinalize(this);
    }
}
