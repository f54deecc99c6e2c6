namespace ZarrCache;

/// <summary>
/// A cache whose entries may outlive the process (a <see cref="DiskCache"/>, or a <see cref="TieredCache"/> over one).
/// Over such a cache a <see cref="CachedStore"/> also stores "missing" marks as entries, so a new process does not ask
/// the origin again for keys it does not have.
/// </summary>
public interface IPersistentCache : IExpiringCache
{
    /// <summary>Whether entries stored now are there for the next process over the same storage.</summary>
    bool IsPersistent { get; }
}
