using Microsoft.Extensions.Logging;

namespace ZarrCache;

/// <summary>
/// A <see cref="CachedStore"/> over an origin that lists keys: listing passes to the origin, and a prefix can be warmed.
/// Made by <see cref="CachedStore.Create(IReadableStore, CacheConfig?, ILogger?, TimeProvider?)"/>.
/// </summary>
public class ListableCachedStore : CachedStore, IListableStore
{
    private readonly IListableStore _listing;

    internal ListableCachedStore(IReadableStore store, ICache cache, CacheConfig? config, ILogger? logger, TimeProvider? timeProvider)
        : base(store, cache, config, logger, timeProvider) =>
        _listing = store as IListableStore ?? throw new ArgumentException($"The origin store ({store.GetType().Name}) cannot list keys.", nameof(store));

    /// <inheritdoc />
    public IAsyncEnumerable<StoreKey> ListAsync(StorePrefix prefix, CancellationToken cancellationToken = default) =>
        _listing.ListAsync(prefix, cancellationToken);

    /// <inheritdoc />
    public IAsyncEnumerable<StoreEntry> ListDirAsync(StorePrefix prefix, CancellationToken cancellationToken = default) =>
        _listing.ListDirAsync(prefix, cancellationToken);

    /// <summary>
    /// Reads every key under <paramref name="prefix"/> into the cache (as the key policy allows), so later reads make
    /// no origin requests. The listing is streamed, never held whole.
    /// </summary>
    /// <param name="prefix">The prefix, such as <c>temperature/</c>; the root warms everything.</param>
    /// <param name="options">Concurrency and progress settings; null for the defaults.</param>
    /// <param name="progress">Receives progress; null for none.</param>
    /// <param name="cancellationToken">Stops the warm-up; what was read stays cached.</param>
    /// <returns>What the warm-up did.</returns>
    public Task<WarmResult> WarmAsync(
        StorePrefix prefix, WarmOptions? options = null, IProgress<WarmProgress>? progress = null, CancellationToken cancellationToken = default) =>
        WarmAsync(ListAsync(prefix, cancellationToken), options, progress, cancellationToken);
}
