using Microsoft.Extensions.Logging;

namespace ZarrCache;

/// <summary>
/// What the read path tells prefetching and asks of it. Picked once at construction: <see cref="NoPrefetch"/> when
/// <see cref="CacheConfig.PrefetchConfig"/> is unset, <see cref="ActivePrefetch"/> over a <see cref="Prefetcher"/> otherwise.
/// </summary>
internal interface IPrefetchHook : IAsyncDisposable
{
    /// <summary>The settings; null when prefetching is off.</summary>
    PrefetchConfig? Config { get; }

    /// <summary>Whether the current flow runs a prefetch (its reads are not the user's).</summary>
    bool InScope { get; }

    bool TryEnqueue(StoreKey key, Func<CancellationToken, ValueTask>? fetch = null);

    /// <summary>A read of the user got <paramref name="cacheKey"/>: a prefetched value not used before is used now.</summary>
    void OnUsed(StoreKey cacheKey);

    /// <summary><paramref name="cacheKey"/> left the cache.</summary>
    void OnGone(StoreKey cacheKey);

    /// <summary>Every key under <paramref name="prefix"/> left the cache.</summary>
    void OnGoneUnder(StorePrefix prefix);

    /// <summary>The cache was cleared.</summary>
    void OnCleared();

    /// <summary>A prefetch read finished: counts it and remembers a value it cached as not yet used.</summary>
    void OnPrefetched(StoreKey cacheKey, ReadOnlyMemory<byte>? cached, Func<bool> claimed);

    CacheStats AddTo(CacheStats stats);
}

/// <summary>Prefetching off: nothing is queued, every notice is ignored.</summary>
internal sealed class NoPrefetch : IPrefetchHook
{
    public static NoPrefetch Instance { get; } = new();

    public PrefetchConfig? Config => null;

    public bool InScope => false;

    public bool TryEnqueue(StoreKey key, Func<CancellationToken, ValueTask>? fetch = null) => false;

    public void OnUsed(StoreKey cacheKey)
    {
    }

    public void OnGone(StoreKey cacheKey)
    {
    }

    public void OnGoneUnder(StorePrefix prefix)
    {
    }

    public void OnCleared()
    {
    }

    public void OnPrefetched(StoreKey cacheKey, ReadOnlyMemory<byte>? cached, Func<bool> claimed)
    {
    }

    public CacheStats AddTo(CacheStats stats) => stats;

    public ValueTask DisposeAsync() => default;
}

/// <summary>
/// Prefetching on: a <see cref="Prefetcher"/> sized by the cache's memory (<see cref="IMemoryBudget"/>), told of the
/// entries the cache evicts (when it reports evictions).
/// </summary>
internal sealed class ActivePrefetch : IPrefetchHook
{
    private readonly Prefetcher _prefetcher;
    private readonly IEvictionSource? _evictions;
    private readonly long _maxEntrySize;

    public ActivePrefetch(PrefetchConfig config, ICache cache, Func<StoreKey, CancellationToken, ValueTask> fetch, ILogger logger)
    {
        Config = config;
        var budget = cache as IMemoryBudget;
        _maxEntrySize = budget?.MaxEntrySize ?? cache.MaxSize;
        _prefetcher = new Prefetcher(config, (long)((budget?.MemoryMaxSize ?? cache.MaxSize) * config.MaxUnusedFraction), fetch, logger);
        _evictions = cache as IEvictionSource;
        if (_evictions is not null)
        {
            _evictions.EntryEvicted += OnEvicted;
        }
    }

    public PrefetchConfig? Config { get; }

    public bool InScope => Prefetcher.InScope;

    public bool TryEnqueue(StoreKey key, Func<CancellationToken, ValueTask>? fetch = null) => _prefetcher.TryEnqueue(key, fetch);

    public void OnUsed(StoreKey cacheKey) => _prefetcher.OnUsed(cacheKey);

    public void OnGone(StoreKey cacheKey) => _prefetcher.OnGone(cacheKey);

    public void OnGoneUnder(StorePrefix prefix) => _prefetcher.OnGoneUnder(prefix);

    public void OnCleared() => _prefetcher.OnCleared();

    public void OnPrefetched(StoreKey cacheKey, ReadOnlyMemory<byte>? cached, Func<bool> claimed)
    {
        _prefetcher.CountIssued();
        if (cached is { } value && value.Length <= _maxEntrySize)
        {
            _prefetcher.RecordPrefetched(cacheKey, value.Length, claimed);
        }
    }

    public CacheStats AddTo(CacheStats stats) => _prefetcher.AddTo(stats);

    public async ValueTask DisposeAsync()
    {
        if (_evictions is not null)
        {
            _evictions.EntryEvicted -= OnEvicted;
        }

        await _prefetcher.DisposeAsync().ConfigureAwait(false);
    }

    private void OnEvicted(object? sender, CacheEntryEvictedEventArgs e) => _prefetcher.OnGone(e.Key);
}
