using Microsoft.Extensions.Logging;

namespace ZarrCache;

/// <summary>
/// A <see cref="CachedStore"/> over an origin that lists and writes (an <see cref="IStore"/>): writes and deletes go to
/// the origin, then update or invalidate the cache. Made by <see cref="CachedStore.Create(IStore, CacheConfig?, ILogger?, TimeProvider?)"/>.
/// </summary>
public sealed class WritableCachedStore : ListableCachedStore, IStore
{
    private readonly OriginWrites _writes;

    internal WritableCachedStore(IStore store, ICache cache, CacheConfig? config, ILogger? logger, TimeProvider? timeProvider)
        : base(store, cache, config, logger, timeProvider) =>
        _writes = new OriginWrites(store, Config.KeyPolicy, Config.WritePolicy, Invalidation, Commit);

    /// <inheritdoc />
    /// <remarks>
    /// Writes of one key through this store are serialized (origin write, then cache update), so the cache ends
    /// with the value the origin received last.
    /// </remarks>
    public ValueTask SetAsync(StoreKey key, ReadOnlyMemory<byte> value, CancellationToken cancellationToken = default) =>
        _writes.SetAsync(key, value, cancellationToken);

    /// <inheritdoc />
    public ValueTask DeleteAsync(StoreKey key, CancellationToken cancellationToken = default) => _writes.DeleteAsync(key, cancellationToken);

    /// <inheritdoc />
    public ValueTask DeletePrefixAsync(StorePrefix prefix, CancellationToken cancellationToken = default) =>
        _writes.DeletePrefixAsync(prefix, cancellationToken);
}
