using BitFaster.Caching;

namespace ZarrCache.Benchmarks.Adapters;

/// <summary>
/// A BitFaster.Caching cache (ConcurrentLru or ConcurrentLfu) keyed by the key strings: the fastest way to use it for
/// these keys (a string-keyed dictionary hashes with the non-randomized string comparer until collisions pile up), and
/// holding <see cref="ReadOnlyMemory{T}"/> values as ZarrCache does, so that a hit need not touch the value's array.
/// </summary>
internal sealed class BitFasterAdapter(ICache<string, ReadOnlyMemory<byte>> cache, ChunkKeys keys) : CacheAdapter(keys)
{
    public override int Get(int index) => cache.TryGet(Keys.Strings[index], out var value) ? value.Length : -1;

    public override void Set(int index, byte[] value) => cache.AddOrUpdate(Keys.Strings[index], value.AsSpan().ToArray().AsMemory());
}
