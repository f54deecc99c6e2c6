namespace ZarrCache.Benchmarks.Adapters;

/// <summary>A ZarrCache memory tier called through <see cref="ICache"/>, as <see cref="CachedStore"/> calls it.</summary>
internal sealed class ZarrCacheAdapter(ICache cache, ChunkKeys keys) : CacheAdapter(keys)
{
    public override int Get(int index)
    {
        var pending = cache.GetAsync(Keys.Keys[index]);
        var value = pending.IsCompletedSuccessfully ? pending.Result : pending.AsTask().GetAwaiter().GetResult();
        return value is { } bytes ? bytes.Length : -1;
    }

    public override void Set(int index, byte[] value)
    {
        var pending = cache.SetAsync(Keys.Keys[index], value);
        if (!pending.IsCompletedSuccessfully)
        {
            pending.AsTask().GetAwaiter().GetResult();
        }
    }
}
