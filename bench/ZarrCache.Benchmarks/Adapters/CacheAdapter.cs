namespace ZarrCache.Benchmarks.Adapters;

/// <summary>
/// One cache under test, addressed by key index so that every cache pays the same array load for its key: ours take
/// <see cref="StoreKey"/>s, the peers take the same keys as strings.
/// </summary>
internal abstract class CacheAdapter
{
    protected CacheAdapter(ChunkKeys keys) => Keys = keys;

    protected ChunkKeys Keys { get; }

    /// <summary>Looks key <paramref name="index"/> up; returns the value length on a hit, -1 on a miss.</summary>
    public abstract int Get(int index);

    /// <summary>Caches <paramref name="value"/> (the cache keeps its own copy, as <see cref="ICache"/> does).</summary>
    public abstract void Set(int index, byte[] value);

    /// <summary>Creates the cache of <paramref name="kind"/> holding <paramref name="budgetBytes"/> of
    /// <paramref name="valueSize"/>-byte values (entry-count caches get budget / value size entries).</summary>
    public static CacheAdapter Create(CacheKind kind, ChunkKeys keys, long budgetBytes, int valueSize)
    {
        var entries = (int)(budgetBytes / valueSize);
        return kind switch
        {
            CacheKind.Lru => new ZarrCacheAdapter(new LruMemoryCache(budgetBytes), keys),
            CacheKind.S3Fifo => new ZarrCacheAdapter(new S3FifoMemoryCache(budgetBytes), keys),
            CacheKind.BitFasterLru => new BitFasterAdapter(new BitFaster.Caching.Lru.ConcurrentLru<string, ReadOnlyMemory<byte>>(entries), keys),
            CacheKind.BitFasterLfu => new BitFasterAdapter(new BitFaster.Caching.Lfu.ConcurrentLfu<string, ReadOnlyMemory<byte>>(entries), keys),
            CacheKind.MemoryCache => new MemoryCacheAdapter(budgetBytes, keys),
            CacheKind.FusionCache => new FusionCacheAdapter(budgetBytes, valueSize, keys),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown cache kind."),
        };
    }
}
