namespace ZarrCache.Hosting;

/// <summary>
/// A cached store that <c>AddZarrCache</c> registered, with its tiers: resolve it by name
/// (<c>[FromKeyedServices("era5")] ZarrCacheInstance</c>), or resolve the <see cref="CachedStore"/> itself (unkeyed for
/// the default store, keyed by name for the others). The container disposes it.
/// </summary>
public sealed class ZarrCacheInstance : IAsyncDisposable
{
    internal ZarrCacheInstance(string name, CachedStore store, IReadOnlyList<ZarrCacheTier> tiers)
    {
        Name = name;
        Store = store;
        Tiers = tiers;
    }

    /// <summary>The name it was registered under; empty for the default store.</summary>
    public string Name { get; }

    /// <summary>The cached store (a <see cref="WritableCachedStore"/> or <see cref="ListableCachedStore"/> where the origin writes or lists).</summary>
    public CachedStore Store { get; }

    /// <summary>The tiers, top (memory) first; <see cref="CachedStore.Cache"/> layers them with <see cref="TieredCache"/>.</summary>
    public IReadOnlyList<ZarrCacheTier> Tiers { get; }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => Store.DisposeAsync();
}
