namespace ZarrCache;

/// <summary>
/// Builds a tier that several processes share (such as the Redis tier of the ZarrCache.Redis package). Set it as
/// <see cref="CacheConfig.SharedTier"/>: a <see cref="CachedStore"/> then layers the shared tier below its own (local)
/// cache, coordinates its origin misses with the other processes and hears their writes. The core knows no concrete
/// shared tier; a package provides one through this interface.
/// </summary>
public interface ISharedTierFactory
{
    /// <summary>Checks the settings.</summary>
    /// <exception cref="CacheConfigException">A setting has a bad value; the message names it.</exception>
    void Validate();

    /// <summary>Creates the tier for one <see cref="CachedStore"/>, which disposes it.</summary>
    /// <param name="context">The cache's name, logger and clock.</param>
    /// <returns>The tier.</returns>
    ISharedTier Create(SharedTierContext context);
}
