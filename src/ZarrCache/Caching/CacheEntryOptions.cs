namespace ZarrCache;

/// <summary>What is stored beside a value in an <see cref="IExpiringCache"/>: its absolute expiry and the origin's ETag.</summary>
/// <remarks>The disk tier keeps the ETag in its header's extension field (see docs/disk-cache.md).</remarks>
public readonly record struct CacheEntryOptions
{
    /// <summary>Options for an entry that never expires.</summary>
    public static CacheEntryOptions None => new() { ExpiresAtUtcTicks = CacheEntry.NeverExpires };

    /// <summary>The absolute expiry in UTC ticks; <see cref="CacheEntry.NeverExpires"/> for none.</summary>
    public long ExpiresAtUtcTicks { get; init; }

    /// <summary>The origin's version tag (ETag) of the value, kept so an expired entry can be revalidated; null for none.</summary>
    public string? ETag { get; init; }

    /// <summary>The options that store <paramref name="entry"/> again as it is: its expiry and ETag.</summary>
    /// <param name="entry">The entry.</param>
    /// <returns>The options.</returns>
    public static CacheEntryOptions Of(in CacheEntry entry) => new() { ExpiresAtUtcTicks = entry.ExpiresAtUtcTicks, ETag = entry.ETag };

    /// <summary>Options for an entry that expires at <paramref name="expiresAt"/>.</summary>
    /// <param name="expiresAt">The absolute expiry; null for none.</param>
    /// <returns>The options.</returns>
    public static CacheEntryOptions ExpiringAt(DateTimeOffset? expiresAt) =>
        new() { ExpiresAtUtcTicks = expiresAt?.UtcTicks ?? CacheEntry.NeverExpires };
}
