using Microsoft.Extensions.Caching.Memory;

namespace ZarrCache.Benchmarks.Adapters;

/// <summary>Microsoft.Extensions.Caching.Memory with <c>SizeLimit</c> = the byte budget and each entry's size = its bytes.</summary>
internal sealed class MemoryCacheAdapter(long budgetBytes, ChunkKeys keys) : CacheAdapter(keys)
{
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = budgetBytes });

    public override int Get(int index) =>
        _cache.TryGetValue(Keys.Strings[index], out var value) && value is byte[] bytes ? bytes.Length : -1;

    public override void Set(int index, byte[] value)
    {
        using var entry = _cache.CreateEntry(Keys.Strings[index]);
        entry.Value = value.AsSpan().ToArray();
        entry.Size = value.Length;
    }
}
