using System.Runtime.InteropServices;
using Amazon.S3.Model;

namespace ZarrCache.S3;

/// <content>Writes and deletes.</content>
public sealed partial class S3Store
{
    /// <inheritdoc />
    public async ValueTask SetAsync(StoreKey key, ReadOnlyMemory<byte> value, CancellationToken cancellationToken = default)
    {
        var bytes = MemoryMarshal.TryGetArray(value, out var segment) ? segment : new ArraySegment<byte>(value.ToArray());
        await RunAsync(key, "PUT", async token =>
        {
            using var body = new MemoryStream(bytes.Array!, bytes.Offset, bytes.Count, writable: false);
            var request = new PutObjectRequest
            {
                BucketName = Bucket,
                Key = ObjectKeyOf(key),
                InputStream = body,
                AutoCloseStream = false,
                UseChunkEncoding = false,
                ContentType = "application/octet-stream",
            };
            await _client.PutObjectAsync(request, token).ConfigureAwait(false);
            return true;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask DeleteAsync(StoreKey key, CancellationToken cancellationToken = default)
    {
        await RunAsync(key, "DELETE", async token =>
        {
            try
            {
                await _client.DeleteObjectAsync(new DeleteObjectRequest { BucketName = Bucket, Key = ObjectKeyOf(key) }, token).ConfigureAwait(false);
            }
            catch (Amazon.S3.AmazonS3Exception e) when (IsMissing(e))
            {
                // Deleting a missing key is not an error.
            }

            return true;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <remarks>Lists the keys page by page and deletes them with single DeleteObject calls,
    /// <see cref="S3StoreOptions.DeleteParallelism"/> at a time (DeleteObjects needs a Content-MD5 that some
    /// S3-compatible servers handle differently).</remarks>
    public async ValueTask DeletePrefixAsync(StorePrefix prefix, CancellationToken cancellationToken = default)
    {
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = _options.DeleteParallelism, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(ListAsync(prefix, cancellationToken), parallel, (key, token) => DeleteAsync(key, token)).ConfigureAwait(false);
    }
}
