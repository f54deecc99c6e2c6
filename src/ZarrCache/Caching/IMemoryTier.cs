namespace ZarrCache;

/// <summary>
/// The synchronous surface both memory caches (<see cref="S3FifoMemoryCache"/>, <see cref="LruMemoryCache"/>) share, so
/// that wrappers such as the compressed memory tier and <see cref="TieredCache"/> work over either policy.
/// </summary>
internal interface IMemoryTier : IExpiringCache, IEvictionSource
{
    /// <summary>The largest value this tier holds.</summary>
    long MaxEntrySize { get; }

    /// <summary>Looks an entry up with its expiry; no allocation on a hit.</summary>
    bool TryGetEntry(StoreKey key, out CacheEntry entry);

    /// <summary>Caches a value with its expiry; false when it was rejected for its size.</summary>
    bool Set(StoreKey key, ReadOnlyMemory<byte> value, CacheEntryOptions options);

    /// <summary>Removes a key; false when it was not cached.</summary>
    bool Remove(StoreKey key);
}
