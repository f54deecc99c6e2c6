namespace ZarrCache;

/// <summary>
/// A tier shared by processes: the cache below the local tiers, and the two ways processes coordinate through it
/// (miss coalescing and invalidation messages). A tier without one of them returns a null object for it.
/// </summary>
public interface ISharedTier : IAsyncDisposable
{
    /// <summary>The shared cache, placed below the local tiers (values are written through to it).</summary>
    IExpiringCache Cache { get; }

    /// <summary>Coordinates origin reads of one key across processes (one process reads, the others wait for its value).</summary>
    IMissCoordinator Misses { get; }

    /// <summary>Carries writes and invalidations from one process to the local tiers of the others.</summary>
    ICacheBackplane Backplane { get; }
}
