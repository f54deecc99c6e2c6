using System.Runtime.InteropServices;
using Amazon.S3;
using Amazon.S3.Model;

namespace ZarrCache.S3;

/// <summary>The writes of an <see cref="S3Store"/>: PutObject, DeleteObject, and deleting a prefix key by key.</summary>
/// <param name="calls">Runs the store's S3 calls.</param>
/// <param name="listing">Lists a prefix to delete.</param>
/// <param name="deleteParallelism">DeleteObject calls in flight when deleting a prefix (<see cref="S3StoreOptions.DeleteParallelism"/>).</param>
internal sealed class S3Writes(S3Calls calls, S3Listing listing, int deleteParallelism)
{
    /// <summary>Writes a value (see <see cref="IWritableStore.SetAsync"/>), sent unchunked.</summary>
    public async ValueTask SetAsync(StoreKey key, ReadOnlyMemory<byte> value, CancellationToken cancellationToken)
    {
        var bytes = MemoryMarshal.TryGetArray(value, out var segment) ? segment : new ArraySegment<byte>(value.ToArray());
        await calls.RunAsync(key, "PUT", async token =>
        {
            using var body = new MemoryStream(bytes.Array!, bytes.Offset, bytes.Count, writable: false);
            var request = new PutObjectRequest
            {
                BucketName = calls.Bucket,
                Key = calls.ObjectKeyOf(key),
                InputStream = body,
                AutoCloseStream = false,
                UseChunkEncoding = false,
                ContentType = "application/octet-stream",
            };
            await calls.Client.PutObjectAsync(request, token).ConfigureAwait(false);
            return true;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes a key (see <see cref="IWritableStore.DeleteAsync"/>); a missing key is not an error.</summary>
    public async ValueTask DeleteAsync(StoreKey key, CancellationToken cancellationToken)
    {
        await calls.RunAsync(key, "DELETE", async token =>
        {
            try
            {
                await calls.Client.DeleteObjectAsync(new DeleteObjectRequest { BucketName = calls.Bucket, Key = calls.ObjectKeyOf(key) }, token).ConfigureAwait(false);
            }
            catch (AmazonS3Exception e) when (S3Errors.IsMissing(e))
            {
                // Deleting a missing key is not an error.
            }

            return true;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Deletes every key under a prefix: lists them page by page and deletes them with single DeleteObject calls,
    /// <c>deleteParallelism</c> at a time (DeleteObjects needs a Content-MD5 that some S3-compatible servers handle
    /// differently).
    /// </summary>
    public async ValueTask DeletePrefixAsync(StorePrefix prefix, CancellationToken cancellationToken)
    {
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = deleteParallelism, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(listing.ListAsync(prefix, cancellationToken), parallel, (key, token) => DeleteAsync(key, token)).ConfigureAwait(false);
    }
}
