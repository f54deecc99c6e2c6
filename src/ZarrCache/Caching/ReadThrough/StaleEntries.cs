namespace ZarrCache;

/// <summary>
/// What an expired entry is still good for: revalidation by its ETag (when the origin is an <see cref="IVersionedStore"/>),
/// and, with <see cref="CacheConfig.StaleIfError"/>, serving it when the origin fails no later than that after its expiry.
/// </summary>
internal sealed class StaleEntries(OriginQuery origin, TimeSpan? staleIfError, EntryLifetimes lifetimes)
{
    /// <summary>Whether an expired entry stays cached for a later read: to revalidate it, or to serve it on an origin failure.</summary>
    public bool Keeps(in CacheEntry stale) => (stale.ETag is not null && origin.Revalidates) || staleIfError is not null;

    /// <summary>Whether an expired entry may be served because the origin failed: within <see cref="CacheConfig.StaleIfError"/> of its expiry.</summary>
    public bool CanServe(in CacheEntry stale) =>
        staleIfError is { } window && stale.ExpiresAtUtcTicks != CacheEntry.NeverExpires
        && lifetimes.Now - stale.ExpiresAtUtcTicks <= window.Ticks;
}
