using System.Runtime.CompilerServices;
using Amazon.S3.Model;

namespace ZarrCache.S3;

/// <content>Listing with paginated ListObjectsV2: one page in memory at a time.</content>
public sealed partial class S3Store
{
    /// <summary>ListObjectsV2 calls sent (each page is one).</summary>
    public long ListPageCount => Volatile.Read(ref _listPages);

    private long _listPages;

    /// <inheritdoc />
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

    /// <inheritdoc />
    public async IAsyncEnumerable<StoreEntry> ListDirAsync(StorePrefix prefix, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var page in PagesAsync(prefix, delimiter: "/", cancellationToken).ConfigureAwait(false))
        {
            foreach (var common in page.CommonPrefixes ?? [])
            {
                if (common.Length > Prefix.Value.Length && common.StartsWith(Prefix.Value, StringComparison.Ordinal))
                {
                    yield return new StoreEntry(common[Prefix.Value.Length..], IsPrefix: true);
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
                BucketName = Bucket,
                Prefix = Prefix.Value + prefix.Value,
                Delimiter = delimiter,
                MaxKeys = _options.ListPageSize,
                ContinuationToken = continuation,
            };
            var page = await RunAsync<ListObjectsV2Response>(
                null,
                "LIST s3://" + Bucket + "/" + request.Prefix,
                token =>
                {
                    Interlocked.Increment(ref _listPages);
                    return _client.ListObjectsV2Async(request, token);
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
        return objectKey.StartsWith(Prefix.Value, StringComparison.Ordinal)
            && StoreKey.TryCreate(objectKey[Prefix.Value.Length..], out key);
    }
}
