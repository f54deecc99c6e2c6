using Microsoft.Extensions.Logging;

namespace ZarrCache;

/// <summary>
/// A <see cref="CachedStore"/>'s cache with its shared tier, if <see cref="CacheConfig.SharedTier"/> names one: the
/// given (local) cache over the shared one as a <see cref="TieredCache"/> (written through, hits promoted), the
/// shared tier's miss coordinator and backplane, and the way a change heard from another process reaches the local
/// tiers only. Without a shared tier it is the given cache with the null objects.
/// </summary>
internal sealed class SharedLayers : IAsyncDisposable
{
    private readonly ISharedTier? _tier;
    private readonly TieredCache? _layered;

    private SharedLayers(ICache cache, ISharedTier? tier, TieredCache? layered)
    {
        Cache = cache;
        _tier = tier;
        _layered = layered;
    }

    /// <summary>The cache the store reads and writes: the local cache, over the shared tier when there is one.</summary>
    public ICache Cache { get; }

    /// <summary>The cross-process miss coordinator (<see cref="NoMissCoordination"/> without a shared tier).</summary>
    public IMissCoordinator Misses => _tier?.Misses ?? NoMissCoordination.Instance;

    /// <summary>The backplane (<see cref="NoBackplane"/> without a shared tier).</summary>
    public ICacheBackplane Backplane => _tier?.Backplane ?? NoBackplane.Instance;

    /// <summary>Layers the shared tier <paramref name="config"/> names below <paramref name="local"/>.</summary>
    /// <exception cref="CacheConfigException">The local cache cannot sit over a shared tier (it stores no expiries).</exception>
    public static SharedLayers Build(ICache local, CacheConfig config, ILogger logger, TimeProvider time)
    {
        if (config.SharedTier is not { } factory)
        {
            return new SharedLayers(local, null, null);
        }

        if (local is not IExpiringCache)
        {
            throw CacheConfigException.ForField(
                nameof(CacheConfig.SharedTier), $"needs a local cache that stores expiries (IExpiringCache); {local.GetType().Name} does not.");
        }

        var tier = factory.Create(new SharedTierContext(config.Name, logger, time));
        var layered = new TieredCache(local, tier.Cache, new TieredCacheOptions { DiskWrites = DiskWriteMode.WriteThrough, PromoteOnDiskHit = true });
        return new SharedLayers(layered, tier, layered);
    }

    /// <summary>Drops <paramref name="cacheKey"/> from the local tiers only (another process changed it and the shared tier).</summary>
    public ValueTask DropLocalAsync(StoreKey cacheKey, CancellationToken cancellationToken) =>
        _layered is null ? Cache.RemoveAsync(cacheKey, cancellationToken) : _layered.RemoveFromUpperAsync(cacheKey, cancellationToken);

    /// <summary>Drops every key under <paramref name="prefix"/> (the root: everything) from the local tiers only.</summary>
    public ValueTask DropLocalUnderAsync(StorePrefix prefix, CancellationToken cancellationToken) =>
        _layered is null ? Cache.RemovePrefixAsync(prefix, cancellationToken) : _layered.RemovePrefixFromUpperAsync(prefix, cancellationToken);

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _tier?.DisposeAsync() ?? ValueTask.CompletedTask;
}
