namespace ZarrCache;

/// <summary>
/// Sees every request made to a cache: the hook an access trace is recorded through (see <see cref="TraceWriter"/>
/// and docs/traces.md). A store that traces calls <see cref="OnAccess"/> once per request, after it knows where the
/// value came from; a store that does not trace holds <see cref="NullAccessObserver.Instance"/>.
/// </summary>
/// <remarks>Implementations are called concurrently by every reader of a store, on the read path: they must be
/// thread-safe, cheap and must not throw.</remarks>
public interface IAccessObserver
{
    /// <summary>Records one request. The observer stamps the time itself, when it is called.</summary>
    /// <param name="key">The key requested.</param>
    /// <param name="size">The value's length in bytes (0 for a key the origin does not have).</param>
    /// <param name="outcome">Whether a cache tier held the value.</param>
    /// <param name="tier">The tier that served the value, or <see cref="AccessTier.Origin"/> on a miss.</param>
    void OnAccess(StoreKey key, long size, AccessOutcome outcome, AccessTier tier);
}
