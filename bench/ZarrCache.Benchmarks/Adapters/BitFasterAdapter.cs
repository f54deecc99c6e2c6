using BitFaster.Caching;

namespace ZarrCache.Benchmarks.Adapters;

/// <summary>A BitFaster.Caching cache (ConcurrentLru or ConcurrentLfu) keyed by <see cref="StoreKey"/>.</summary>
internal sealed class BitFasterAdapter(ICache<StoreKey, byte[]> cache, ChunkKeys keys) : CacheAdapter(keys)
{
    public override int Get(int index) => cache.TryGet(Keys.Keys[index], out var value) ? value.Length : -1;

    public override void Set(int index, byte[] value) => cache.AddOrUpdate(Keys.Keys[index], value.AsSpan().ToArray());
}
