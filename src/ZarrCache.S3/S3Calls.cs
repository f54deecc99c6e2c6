using Amazon.Runtime;
using Amazon.S3;

namespace ZarrCache.S3;

/// <summary>
/// What the parts of an <see cref="S3Store"/> share: the client, the bucket and prefix (the object key and
/// <c>s3://</c> location of a store key), and one S3 call run with the store's retry rules, S3's errors and the SDK's
/// turned into the store's.
/// </summary>
/// <param name="client">The S3 client.</param>
/// <param name="ownsClient">Whether <see cref="Dispose"/> disposes the client.</param>
/// <param name="bucket">The bucket.</param>
/// <param name="prefix">The key prefix inside the bucket.</param>
/// <param name="retry">The store's retry runner, shared with its range reader.</param>
internal sealed class S3Calls(IAmazonS3 client, bool ownsClient, string bucket, StorePrefix prefix, OriginRetry retry) : IDisposable
{
    /// <summary>The S3 client.</summary>
    public IAmazonS3 Client { get; } = client;

    /// <summary>The bucket.</summary>
    public string Bucket { get; } = bucket;

    /// <summary>The key prefix inside the bucket.</summary>
    public StorePrefix Prefix { get; } = prefix;

    /// <summary>The object key of a store key: the prefix and the key.</summary>
    public string ObjectKeyOf(StoreKey key) => Prefix.Value + key.Value;

    /// <summary>The <c>s3://bucket/object</c> location of a key, or of the prefix when there is none (never credentials).</summary>
    public string LocationOf(StoreKey? key) => "s3://" + Bucket + "/" + (key is { } k ? ObjectKeyOf(k) : Prefix.Value);

    /// <summary>Runs one S3 call with the retry rules, turning S3 errors into the store's errors.</summary>
    /// <param name="key">The key of the call, or null for a call about no one key (listing).</param>
    /// <param name="operation">The operation for messages (<c>GET</c>); with no key, the whole text (<c>LIST s3://…</c>).</param>
    /// <param name="call">One attempt.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public ValueTask<T> RunAsync<T>(StoreKey? key, string operation, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken) =>
        retry.RunAsync(
            key,
            key is { } k ? operation + " " + LocationOf(k) : operation,
            async token =>
            {
                try
                {
                    return await call(token).ConfigureAwait(false);
                }
                catch (AmazonS3Exception e)
                {
                    throw Failure(e, key);
                }
                catch (AmazonClientException e) when (S3Errors.TransientReason(e) is null)
                {
                    throw S3Errors.ClientFailure(e, key, LocationOf(key));
                }
            },
            cancellationToken);

    /// <summary>S3's answer to a call about a key (or the prefix) as the store's error (see <see cref="S3Errors.ServiceFailure"/>).</summary>
    public Exception Failure(AmazonS3Exception e, StoreKey? key) =>
        S3Errors.ServiceFailure(e, key, Bucket, key is { } k ? ObjectKeyOf(k) : Prefix.Value);

    /// <summary>Disposes the client when it was handed over with its ownership.</summary>
    public void Dispose()
    {
        if (ownsClient)
        {
            Client.Dispose();
        }
    }
}
