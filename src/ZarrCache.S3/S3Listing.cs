using System.Runtime.CompilerServices;
using Amazon.S3.Model;

namespace ZarrCache.S3;

/// <summary>
/// The listing of an <see cref="S3Store"/>: paginated ListObjectsV2, each page's keys yielded before the next page is
/// asked for (one page in memory at a time; a consumer that stops early sends no further requests). Object names that
/// are not valid store keys (folder markers such as <c>a/</c>, <c>a//b</c>) are skipped.
/// </summary>
/// <param name="calls">Runs the store's S3 calls.</param>
/// <param name="pageSize">Keys a page (<see cref="S3StoreOptions.ListPageSize"/>).</param>
internal sealed class S3Listing(S3Calls calls, int pageSize)
{
    private long _pages;

    /// <summary>ListObjectsV2 calls sent (each page is one).</summary>
    public long PageCount => Volatile.Read(ref _pages);

    /// <summary>The keys under a prefix of the store (see <see cref="IListableStore.ListAsync"/>).</summary>
    public async IAsyncEnumerable<StoreKey> ListAsync(StorePrefix prefix, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var page in PagesAsync(prefix, delimiter: null, cancellationToken).ConfigureAwait(false))
        {
            foreach (var obj in page.S3Objects ?? [])
            {
                if (TryStoreKey(obj.Key, out var key))
                {
                    yield return key;
                }
            }
        }
    }

    /// <summary>The direct children of a prefix of the store (see <see cref="IListableStore.ListDirAsync"/>).</summary>
    public async IAsyncEnumerable<StoreEntry> ListDirAsync(StorePrefix prefix, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var root = calls.Prefix.Value;
        await foreach (var page in PagesAsync(prefix, delimiter: "/", cancellationToken).ConfigureAwait(false))
        {
            foreach (var common in page.CommonPrefixes ?? [])
            {
                if (common.Length > root.Length && common.StartsWith(root, StringComparison.Ordinal))
                {
                    yield return new StoreEntry(common[root.Length..], IsPrefix: true);
                }
            }

            foreach (var obj in page.S3Objects ?? [])
            {
                if (TryStoreKey(obj.Key, out var key))
                {
                    yield return new StoreEntry(key.Value, IsPrefix: false);
                }
            }
        }
    }

    private async IAsyncEnumerable<ListObjectsV2Response> PagesAsync(
        StorePrefix prefix, string? delimiter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? continuation = null;
        do
        {
            var request = new ListObjectsV2Request
            {
                BucketName = calls.Bucket,
                Prefix = calls.Prefix.Value + prefix.Value,
                Delimiter = delimiter,
                MaxKeys = pageSize,
                ContinuationToken = continuation,
            };
            var page = await calls.RunAsync<ListObjectsV2Response>(
                null,
                "LIST s3://" + calls.Bucket + "/" + request.Prefix,
                token =>
                {
                    Interlocked.Increment(ref _pages);
                    return calls.Client.ListObjectsV2Async(request, token);
                },
                cancellationToken).ConfigureAwait(false);
            yield return page;
            continuation = page.IsTruncated == true ? page.NextContinuationToken : null;
        }
        while (!string.IsNullOrEmpty(continuation));
    }

    private bool TryStoreKey(string objectKey, out StoreKey key)
    {
        key = default;

        // Folder markers ("a/") and keys a store key cannot name ("a//b") are skipped.
        var root = calls.Prefix.Value;
        return objectKey.StartsWith(root, StringComparison.Ordinal)
            && StoreKey.TryCreate(objectKey[root.Length..], out key);
    }
}
