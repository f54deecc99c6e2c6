namespace ZarrCache;

/// <summary>A store whose keys can be listed.</summary>
public interface IListableStore
{
    /// <summary>Every key under a prefix, at any depth, in no promised order.</summary>
    /// <param name="prefix">The prefix; <see cref="StorePrefix.Root"/> for all keys.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The keys, streamed.</returns>
    IAsyncEnumerable<StoreKey> ListAsync(StorePrefix prefix, CancellationToken cancellationToken = default);

    /// <summary>The direct children of a prefix: the keys right under it and the sub-prefixes that hold more keys.</summary>
    /// <param name="prefix">The prefix.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The children, streamed.</returns>
    IAsyncEnumerable<StoreEntry> ListDirAsync(StorePrefix prefix, CancellationToken cancellationToken = default);
}
