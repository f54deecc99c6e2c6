namespace ZarrCache;

/// <summary>A cached value with the metadata stored beside it: its absolute expiry and the origin's ETag.</summary>
/// <remarks>
/// Caches that implement <see cref="IExpiringCache"/> hand entries out whether or not they have expired; the
/// <see cref="CachedStore"/> decides (an expired entry is never served; a later version may revalidate it with the
/// origin instead of downloading it again).
/// </remarks>
public readonly record struct CacheEntry
{
    /// <summary>The expiry of an entry that never expires: <see cref="long.MaxValue"/> UTC ticks.</summary>
    public const long NeverExpires = long.MaxValue;

    /// <summary>Creates an entry.</summary>
    /// <param name="value">The cached bytes.</param>
    /// <param name="expiresAtUtcTicks">The absolute expiry in UTC ticks; <see cref="NeverExpires"/> for none.</param>
    public CacheEntry(ReadOnlyMemory<byte> value, long expiresAtUtcTicks)
        : this(value, expiresAtUtcTicks, null)
    {
    }

    /// <summary>Creates an entry with the origin's version tag.</summary>
    /// <param name="value">The cached bytes.</param>
    /// <param name="expiresAtUtcTicks">The absolute expiry in UTC ticks; <see cref="NeverExpires"/> for none.</param>
    /// <param name="etag">The origin's ETag of the value, as the origin returned it; null when unknown.</param>
    public CacheEntry(ReadOnlyMemory<byte> value, long expiresAtUtcTicks, string? etag)
    {
        Value = value;
        ExpiresAtUtcTicks = expiresAtUtcTicks;
        ETag = etag;
    }

    /// <summary>The origin's version tag (ETag) of the value, used to revalidate it once expired; null when unknown.</summary>
    public string? ETag { get; }

    /// <summary>
    /// The tier that holds this entry, which a cache stamps on the entries it hands out (default <see cref="AccessTier.Memory"/>;
    /// <see cref="DiskCache"/> says <see cref="AccessTier.Disk"/>, a shared network cache <see cref="AccessTier.Remote"/>).
    /// A <see cref="TieredCache"/> passes on the entry of the tier that answered, so an access trace names that tier.
    /// </summary>
    public AccessTier Tier { get; init; }

    /// <summary>The cached bytes (immutable, not copied).</summary>
    public ReadOnlyMemory<byte> Value { get; }

    /// <summary>The absolute expiry in UTC ticks; <see cref="NeverExpires"/> when the entry never expires.</summary>
    public long ExpiresAtUtcTicks { get; }

    /// <summary>The absolute expiry, or null when the entry never expires.</summary>
    public DateTimeOffset? ExpiresAt => ExpiresAtUtcTicks == NeverExpires ? null : new DateTimeOffset(ExpiresAtUtcTicks, TimeSpan.Zero);

    /// <summary>Whether the entry has expired at <paramref name="nowUtcTicks"/>: O(1), one comparison.</summary>
    /// <param name="nowUtcTicks">The time now, in UTC ticks.</param>
    /// <returns>True when the entry must not be served.</returns>
    public bool IsExpiredAt(long nowUtcTicks) => ExpiresAtUtcTicks != NeverExpires && nowUtcTicks >= ExpiresAtUtcTicks;
}
