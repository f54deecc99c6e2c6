using Microsoft.Extensions.Caching.Memory;
using ZiggyCreatures.Caching.Fusion;

namespace ZarrCache.Benchmarks.Adapters;

/// <summary>FusionCache (memory level only) over a MemoryCache with <c>SizeLimit</c> = the byte budget.</summary>
internal sealed class FusionCacheAdapter : CacheAdapter
{
    private readonly FusionCache _cache;
    private readonly FusionCacheEntryOptions _options;

    public FusionCacheAdapter(long budgetBytes, int valueSize, ChunkKeys keys)
        : base(keys)
    {
        var memory = new MemoryCache(new MemoryCacheOptions { SizeLimit = budgetBytes });
        _cache = new FusionCache(new FusionCacheOptions(), memory);
        _options = new FusionCacheEntryOptions { Size = valueSize, Duration = TimeSpan.FromHours(1) };
    }

    public override int Get(int index)
    {
        var found = _cache.TryGet<byte[]>(Keys.Strings[index], _options);
        return found.HasValue ? found.Value.Length : -1;
    }

    public override void Set(int index, byte[] value) => _cache.Set(Keys.Strings[index], value.AsSpan().ToArray(), _options);
}
