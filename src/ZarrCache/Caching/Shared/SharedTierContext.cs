using Microsoft.Extensions.Logging;

namespace ZarrCache;

/// <summary>What a <see cref="ISharedTierFactory"/> gets from the <see cref="CachedStore"/> it builds a tier for.</summary>
/// <param name="CacheName">The cache's <see cref="CacheConfig.Name"/> (the <c>zarrcache.cache</c> metric tag).</param>
/// <param name="Logger">Where to log.</param>
/// <param name="TimeProvider">The clock of the cache's expiries.</param>
public sealed record SharedTierContext(string CacheName, ILogger Logger, TimeProvider TimeProvider);
