using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace ZarrCache.S3;

/// <summary>
/// A store over an S3 bucket (or an S3-compatible server), under an optional key prefix: store key <c>a/b</c> is the
/// object <c>PREFIX/a/b</c>. Reads whole values, ranges (suffix ranges included), sizes (HEAD) and ETags; lists with
/// paginated ListObjectsV2, streamed page by page; writes and deletes.
/// </summary>
/// <remarks>
/// A missing object (404, NoSuchKey) reads as <see langword="null"/>. 403 raises a <see cref="StoreException"/> saying
/// access was denied for the bucket and key (credentials are never part of a message). 5xx, SlowDown, throttling,
/// timeouts, broken connections and truncated bodies are retried as <see cref="S3StoreOptions.Retry"/> says (the SDK's
/// own retries are off, so the bound holds), then raise a <see cref="StoreException"/>. A body shorter than its
/// Content-Length is never returned.
/// </remarks>
public sealed partial class S3Store : IStore, IVersionedStore, IDisposable
{
    private readonly IAmazonS3 _client;
    private readonly bool _ownsClient;
    private readonly S3StoreOptions _options;
    private readonly OriginRetry _retry;
    private readonly RangeReader _ranges;

    /// <summary>Creates a store with its own client, built from <paramref name="options"/> (disposed with the store).</summary>
    /// <param name="bucket">The bucket.</param>
    /// <param name="prefix">The key prefix inside the bucket; the root by default.</param>
    /// <param name="options">The options; <see cref="S3StoreOptions.Default"/> when null.</param>
    public S3Store(string bucket, StorePrefix prefix = default, S3StoreOptions? options = null)
        : this(null, ownsClient: true, bucket, prefix, options)
    {
    }

    /// <summary>Creates a store over a client the caller owns (not disposed by the store).</summary>
    /// <param name="client">The S3 client; configure its checksums and retries as <see cref="S3StoreOptions.ToAmazonS3Config"/> does.</param>
    /// <param name="bucket">The bucket.</param>
    /// <param name="prefix">The key prefix inside the bucket; the root by default.</param>
    /// <param name="options">Retry, listing and size options; its endpoint and credentials are not used.</param>
    public S3Store(IAmazonS3 client, string bucket, StorePrefix prefix = default, S3StoreOptions? options = null)
        : this(client ?? throw new ArgumentNullException(nameof(client)), ownsClient: false, bucket, prefix, options)
    {
    }

    private S3Store(IAmazonS3? client, bool ownsClient, string bucket, StorePrefix prefix, S3StoreOptions? options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(bucket);
        _options = options ?? S3StoreOptions.Default;
        _options.Validate();
        Bucket = bucket;
        Prefix = prefix;
        _ownsClient = ownsClient;
        _client = client ?? _options.CreateClient();
        _retry = new OriginRetry(_options.Retry, "s3://" + bucket, S3Errors.TransientReason, _options.Logger, _options.TimeProvider);
        _ranges = new RangeReader(new RangeRequests(this), _retry, new RangeReaderOptions { MaxValueBytes = _options.MaxValueBytes, Logger = _options.Logger });
    }

    /// <summary>The bucket.</summary>
    public string Bucket { get; }

    /// <summary>The key prefix inside the bucket.</summary>
    public StorePrefix Prefix { get; }

    /// <summary>The S3 client.</summary>
    public IAmazonS3 Client => _client;

    /// <summary>S3 requests sent, retries included.</summary>
    public long RequestCount => _retry.Attempts;

    /// <summary>Requests sent again after a transient failure.</summary>
    public long RetryCount => _retry.Retries;

    /// <summary>Opens <c>s3://bucket/prefix</c>.</summary>
    /// <param name="location">The URL.</param>
    /// <param name="options">The options.</param>
    /// <returns>The store.</returns>
    public static S3Store Open(string location, S3StoreOptions? options = null)
    {
        var parsed = S3Location.Parse(location);
        return new S3Store(parsed.Bucket, parsed.Prefix, options);
    }

    /// <summary>The object key of a store key.</summary>
    /// <param name="key">The store key.</param>
    /// <returns>The prefix and the key.</returns>
    public string ObjectKeyOf(StoreKey key) => Prefix.Value + key.Value;

    /// <inheritdoc />
    public async ValueTask<ReadOnlyMemory<byte>?> GetAsync(StoreKey key, CancellationToken cancellationToken = default)
    {
        var value = await GetWithVersionAsync(key, cancellationToken).ConfigureAwait(false);
        return value is { } v ? v.Bytes : (ReadOnlyMemory<byte>?)null;
    }

    /// <inheritdoc />
    public async ValueTask<StoreValue?> GetWithVersionAsync(StoreKey key, CancellationToken cancellationToken = default) =>
        (await GetConditionalAsync(key, null, cancellationToken).ConfigureAwait(false)).Value;

    /// <inheritdoc />
    public ValueTask<ConditionalGetResult> GetIfNoneMatchAsync(StoreKey key, string etag, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(etag);
        return GetConditionalAsync(key, etag, cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<long?> GetSizeAsync(StoreKey key, CancellationToken cancellationToken = default) =>
        RunAsync<long?>(key, "HEAD", async token =>
        {
            try
            {
                var request = new GetObjectMetadataRequest { BucketName = Bucket, Key = ObjectKeyOf(key) };
                var response = await _client.GetObjectMetadataAsync(request, token).ConfigureAwait(false);
                return response.Headers.ContentLength;
            }
            catch (AmazonS3Exception e) when (IsMissing(e))
            {
                return null;
            }
        }, cancellationToken);

    /// <summary>The store and where it reads (never credentials).</summary>
    /// <returns>Text such as <c>S3Store(s3://bucket/prefix/)</c>.</returns>
    public override string ToString() => "S3Store(s3://" + Bucket + "/" + Prefix.Value + ")";

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsClient)
        {
            _client.Dispose();
        }
    }

    private ValueTask<ConditionalGetResult> GetConditionalAsync(StoreKey key, string? etag, CancellationToken cancellationToken) =>
        RunAsync(key, "GET", async token =>
        {
            var request = new GetObjectRequest { BucketName = Bucket, Key = ObjectKeyOf(key) };
            if (etag is not null)
            {
                request.EtagToNotMatch = etag;
            }

            try
            {
                using var response = await _client.GetObjectAsync(request, token).ConfigureAwait(false);
                var bytes = await ReadBodyAsync(response, key, response.Headers.ContentLength, token).ConfigureAwait(false);
                return ConditionalGetResult.Modified(new StoreValue(bytes, response.ETag));
            }
            catch (AmazonS3Exception e) when (IsMissing(e))
            {
                return ConditionalGetResult.Missing;
            }
            catch (AmazonS3Exception e) when (etag is not null && e.StatusCode == HttpStatusCode.NotModified)
            {
                return ConditionalGetResult.NotModified;
            }
        }, cancellationToken);

    private async ValueTask<byte[]> ReadBodyAsync(GetObjectResponse response, StoreKey key, long expected, CancellationToken cancellationToken)
    {
        var stream = response.ResponseStream;
        return await BodyReader.ReadAsync(stream, key, expected, _options.MaxValueBytes, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs one S3 call with the retry rules, turning S3 errors into the store's errors.</summary>
    private ValueTask<T> RunAsync<T>(StoreKey? key, string operation, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken) =>
        _retry.RunAsync(
            key,
            key is { } k ? operation + " s3://" + Bucket + "/" + ObjectKeyOf(k) : operation,
            async token =>
            {
                try
                {
                    return await call(token).ConfigureAwait(false);
                }
                catch (AmazonS3Exception e)
                {
                    throw Translate(e, key);
                }
                catch (AmazonClientException e) when (S3Errors.TransientReason(e) is null)
                {
                    throw S3Errors.ClientFailure(e, key, "s3://" + Bucket + "/" + (key is { } k ? ObjectKeyOf(k) : Prefix.Value));
                }
            },
            cancellationToken);

    private Exception Translate(AmazonS3Exception e, StoreKey? storeKey)
    {
        if (S3Errors.TransientReason(e) is { } reason)
        {
            return new TransientOriginException(reason, e);
        }

        var objectKey = storeKey is { } k ? ObjectKeyOf(k) : Prefix.Value;
        var where = "s3://" + Bucket + "/" + objectKey;
        string message;
        if (e.StatusCode == HttpStatusCode.Forbidden)
        {
            message = $"access was denied for bucket '{Bucket}' and key '{objectKey}' (403 {e.ErrorCode}). Check the credentials' permissions, or use anonymous access for a public bucket.";
        }
        else if (e.ErrorCode == "NoSuchBucket")
        {
            message = $"the bucket '{Bucket}' does not exist ({where}).";
        }
        else
        {
            message = FormattableString.Invariant($"S3 answered {(int)e.StatusCode} {e.ErrorCode} for {where}: {e.Message}");
        }

        // The SDK's own text may name the endpoint; an endpoint URL with user information must not show it.
        message = UrlRedaction.Redact(message);
        return storeKey is { } key ? new StoreException(key, message, e) : new StoreException("S3 store: " + message, e);
    }

    private static bool IsMissing(AmazonS3Exception e) =>
        e.ErrorCode is "NoSuchKey" or "NotFound" || (e.StatusCode == HttpStatusCode.NotFound && e.ErrorCode != "NoSuchBucket");

    private static bool IsMissing(AmazonServiceException e) => e is AmazonS3Exception s3 && IsMissing(s3);
}
