namespace ZarrCache;

/// <summary>
/// Validity: what a reader needs to keep values derived from this store's reads (decoded chunks) no longer than the
/// bytes they came from. <see cref="VersionOf"/> changes with every write of a key; every serve of bytes or of a
/// "missing" answer reports, to the <see cref="CacheValidity"/> scope of the caller's flow, until when it holds: a cached
/// entry's expiry, the expiry an origin read is cached with (a lower bound of it, taken before the read), a missing
/// mark's expiry, or the current time for what is served without being cached (a stale value on an origin error, a
/// missing answer not remembered). Keys the <see cref="KeyPolicy"/> does not cache report nothing, as a plain store.
/// </summary>
public sealed partial class CachedStore
{
    /// <inheritdoc />
    /// <remarks>
    /// The version of the key's stripe of this store's write fence: every change of the cache for a key (a write, delete,
    /// prefix delete, clear, <see cref="SetCachedAsync"/>, <see cref="RemoveCachedAsync"/>) advances it when it begins and
    /// when it ends; writes of other keys of the same stripe (one in 64) advance it too.
    /// </remarks>
    public long VersionOf(StoreKey key) => _fence.VersionOf(key);

    /// <inheritdoc />
    /// <remarks>The clock given to the constructor (the system clock when none was).</remarks>
    public TimeProvider TimeProvider => _time;

    /// <summary>Reports a cached copy's expiry to the caller's <see cref="CacheValidity"/> scope; nothing for one that never expires.</summary>
    private static void ReportExpiry(long expiresAtUtcTicks)
    {
        if (expiresAtUtcTicks != CacheEntry.NeverExpires)
        {
            CacheValidity.Report(expiresAtUtcTicks);
        }
    }

    /// <summary>Reports "valid until now" for something served without being cached.</summary>
    private void ReportNow() => CacheValidity.Report(_time.GetUtcNow().UtcTicks);

    /// <summary>
    /// The expiry a value of <paramref name="key"/> cached now would get (<see cref="CacheEntry.NeverExpires"/> for
    /// none): taken before an origin read, a lower bound of the expiry its value is cached with.
    /// </summary>
    private long ExpiryBoundFor(StoreKey key) => OptionsFor(key).ExpiresAtUtcTicks;

    /// <summary>Whether the in-process negative cache answers "missing" for <paramref name="key"/>; reports the mark's expiry when it does.</summary>
    private bool IsKnownMissing(StoreKey key)
    {
        if (!_negative.IsMissing(key, out var until))
        {
            return false;
        }

        ReportExpiry(until);
        return true;
    }

    /// <summary>Awaits a shared origin read and reports its bound in this caller's flow (the read ran in another's).</summary>
    private static async Task<ReadOnlyMemory<byte>?> WaitReportingAsync(InflightRead<ReadOnlyMemory<byte>?> read, CancellationToken cancellationToken)
    {
        var value = await read.WaitAsync(cancellationToken).ConfigureAwait(false);
        ReportExpiry(read.ValidUntilUtcTicks);
        return value;
    }

    /// <summary>Runs <see cref="ReadOriginAsync"/> in a scope of its own and keeps its bound on <paramref name="inflight"/> for every caller.</summary>
    private async ValueTask<ReadOnlyMemory<byte>?> ReadOriginTrackedAsync(
        InflightRead<ReadOnlyMemory<byte>?> inflight, StoreKey cacheKey, StoreKey key, bool cacheable, OriginRead read, CancellationToken cancellationToken)
    {
        using var validity = CacheValidity.Track();
        try
        {
            return await ReadOriginAsync(cacheKey, key, cacheable, read, inflight.Version, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            inflight.ValidUntilUtcTicks = validity.ValidUntilUtcTicks;
        }
    }
}
