namespace ZarrCache.Hosting;

/// <summary>The options of a <see cref="DistributedCacheTier"/>.</summary>
public sealed record DistributedCacheTierOptions
{
    /// <summary>The default <see cref="MaxEntrySize"/>: 16 MiB.</summary>
    public const long DefaultMaxEntrySize = 16L * 1024 * 1024;

    /// <summary>
    /// Put before every key in the distributed cache, so that several stores (or other users) can share it. Stores over
    /// different origins need different prefixes. Default <c>zarrcache:</c>; <c>AddZarrCache</c> uses <c>zarrcache:NAME:</c>.
    /// </summary>
    public string KeyPrefix { get; init; } = "zarrcache:";

    /// <summary>Values larger than this are not stored in the distributed cache (counted as rejected). Default 16 MiB.</summary>
    public long MaxEntrySize { get; init; } = DefaultMaxEntrySize;

    /// <summary>
    /// How long an entry stays in the distributed cache after its own expiry, so that it can still be revalidated with
    /// the origin (ETag) or served stale when the origin fails. Default 1 hour; zero drops it at its expiry.
    /// </summary>
    public TimeSpan ExpiredRetention { get; init; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How often the clear marker is re-read from the distributed cache, so that a clear by another process reaches
    /// this one. Default 10 seconds.
    /// </summary>
    public TimeSpan ClearCheckInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The clock for expiries and <see cref="ClearCheckInterval"/>; null for the system clock.</summary>
    public TimeProvider? TimeProvider { get; init; }

    /// <summary>Checks every field.</summary>
    /// <exception cref="CacheConfigException">A field has a bad value; the message names it.</exception>
    public void Validate()
    {
        if (string.IsNullOrEmpty(KeyPrefix))
        {
            throw CacheConfigException.ForField(nameof(KeyPrefix), "must not be empty: it keeps this cache's keys apart from others in the distributed cache.");
        }

        if (MaxEntrySize <= 0 || MaxEntrySize > int.MaxValue - DistributedEntryFormat.MaxHeaderSize)
        {
            throw CacheConfigException.ForField(nameof(MaxEntrySize), $"must be positive and below 2 GiB, was {MaxEntrySize}.");
        }

        if (ExpiredRetention < TimeSpan.Zero)
        {
            throw CacheConfigException.ForField(nameof(ExpiredRetention), $"must not be negative, was {ExpiredRetention}.");
        }

        if (ClearCheckInterval <= TimeSpan.Zero)
        {
            throw CacheConfigException.ForField(nameof(ClearCheckInterval), $"must be positive, was {ClearCheckInterval}.");
        }
    }
}
