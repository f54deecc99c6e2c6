namespace ZarrCache;

/// <summary>What is stored beside a value in an <see cref="IExpiringCache"/>: its absolute expiry.</summary>
/// <remarks>
/// This is where per-entry metadata grows: revalidation will add the origin's version tag (ETag) here, and the disk
/// format already reserves room for it (see docs/disk-cache.md).
/// </remarks>
public readonly record struct CacheEntryOptions
{
    /// <summary>Options for an entry that never expires.</summary>
    public static CacheEntryOptions None => new() { ExpiresAtUtcTicks = CacheEntry.NeverExpires };

    /// <summary>The absolute expiry in UTC ticks; <see cref="CacheEntry.NeverExpires"/> for none.</summary>
    public long ExpiresAtUtcTicks { get; init; }

    /// <summary>Options for an entry that expires at <paramref name="expiresAt"/>.</summary>
    /// <param name="expiresAt">The absolute expiry; null for none.</param>
    /// <returns>The options.</returns>
    public static CacheEntryOptions ExpiringAt(DateTimeOffset? expiresAt) =>
        new() { ExpiresAtUtcTicks = expiresAt?.UtcTicks ?? CacheEntry.NeverExpires };
}
