namespace ZarrCache.Cli.Commands;

/// <summary>What `zarr-cache warm` was asked to do, checked.</summary>
/// <param name="ArrayPath">The array's path (empty: the root array), or null to warm by <paramref name="Prefix"/>.</param>
/// <param name="Region">The selection text (empty: the whole array).</param>
/// <param name="Prefix">The key prefix of the listing mode.</param>
/// <param name="Concurrency">How many origin reads run at once.</param>
/// <param name="Cache">The cache settings; <see cref="CacheConfig.DiskCacheDir"/> is set.</param>
internal sealed record WarmRequest(string? ArrayPath, string Region, StorePrefix Prefix, int Concurrency, CacheConfig Cache);
