namespace ZarrCache.Gateway.S3;

/// <summary>One page of a ListObjectsV2 answer.</summary>
/// <param name="Request">What was asked.</param>
/// <param name="Objects">The keys of the page with their sizes, in order.</param>
/// <param name="CommonPrefixes">The rolled-up prefixes of the page, in order.</param>
/// <param name="NextContinuationToken">The token for the next page, or null when this is the last.</param>
internal sealed record ListPage(ListRequest Request, IReadOnlyList<(string Key, long Size)> Objects, IReadOnlyList<string> CommonPrefixes, string? NextContinuationToken)
{
    /// <summary>Lists one page from a listable store: every key under the prefix's folder is read, filtered, sorted and cut.</summary>
    /// <param name="store">The store (its listing).</param>
    /// <param name="sizes">Where sizes come from (the cached store: a cached value answers without the origin).</param>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The page.</returns>
    internal static async Task<ListPage> ReadAsync(IListableStore store, IReadableStore sizes, ListRequest request, CancellationToken cancellationToken)
    {
        var entries = new SortedSet<(string Name, bool IsPrefix)>(Comparer<(string Name, bool IsPrefix)>.Create((a, b) => string.CompareOrdinal(a.Name, b.Name)));
        await foreach (var key in store.ListAsync(request.Folder, cancellationToken))
        {
            var name = key.Value;
            if (!name.StartsWith(request.Prefix, StringComparison.Ordinal))
            {
                continue;
            }

            var cut = request.Delimiter.Length == 0 ? -1 : name.IndexOf(request.Delimiter, request.Prefix.Length, StringComparison.Ordinal);
            var entry = cut < 0 ? (name, false) : (name[..(cut + request.Delimiter.Length)], true);
            if (string.CompareOrdinal(entry.Item1, request.After) > 0)
            {
                entries.Add(entry);
            }
        }

        var page = entries.Take(request.MaxKeys).ToList();
        var next = entries.Count > page.Count && page.Count > 0 ? ListRequest.TokenAfter(page[^1].Name) : null;
        var keys = page.Where(e => !e.IsPrefix).Select(e => e.Name).ToList();
        var sized = new (string Key, long Size)[keys.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, keys.Count),
            new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken },
            async (i, token) => sized[i] = (keys[i], await sizes.GetSizeAsync(new StoreKey(keys[i]), token) ?? 0));
        return new ListPage(request, sized, page.Where(e => e.IsPrefix).Select(e => e.Name).ToList(), next);
    }
}

/// <summary>Where the S3 API's listings come from: the origin's listing, or none (decided once, from the store's shape).</summary>
internal interface IBucketListing
{
    /// <summary>One page, or null when the origin cannot list.</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The page, or null.</returns>
    Task<ListPage?> ReadAsync(ListRequest request, CancellationToken cancellationToken);
}

/// <summary>Listings of a listable store, sizes through the cached store.</summary>
internal sealed class StoreListing(IListableStore store, IReadableStore sizes) : IBucketListing
{
    /// <inheritdoc />
    public async Task<ListPage?> ReadAsync(ListRequest request, CancellationToken cancellationToken) =>
        await ListPage.ReadAsync(store, sizes, request, cancellationToken);
}

/// <summary>No listing: the origin has none (an HTTP origin), so ListObjectsV2 is answered 501.</summary>
internal sealed class NoListing : IBucketListing
{
    /// <summary>The one instance.</summary>
    public static NoListing Instance { get; } = new();

    /// <inheritdoc />
    public Task<ListPage?> ReadAsync(ListRequest request, CancellationToken cancellationToken) => Task.FromResult<ListPage?>(null);
}
