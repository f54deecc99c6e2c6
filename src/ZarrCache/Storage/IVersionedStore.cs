namespace ZarrCache;

/// <summary>
/// A store whose values carry a version tag (an HTTP/S3 ETag), so a cache can revalidate a copy it holds with a
/// conditional request instead of reading the value again.
/// </summary>
public interface IVersionedStore
{
    /// <summary>Reads a whole value together with its ETag.</summary>
    /// <param name="key">The key.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The value and its ETag, or <see langword="null"/> when the key is missing.</returns>
    ValueTask<StoreValue?> GetWithVersionAsync(StoreKey key, CancellationToken cancellationToken = default);

    /// <summary>Reads a value only if its ETag differs from <paramref name="etag"/> (HTTP <c>If-None-Match</c>).</summary>
    /// <param name="key">The key.</param>
    /// <param name="etag">The ETag of the copy the caller holds, as the store returned it.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>Not modified, missing, or the new value with its ETag.</returns>
    ValueTask<ConditionalGetResult> GetIfNoneMatchAsync(StoreKey key, string etag, CancellationToken cancellationToken = default);
}
