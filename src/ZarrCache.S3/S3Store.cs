using System.Net;
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
public sealed class S3Store : IStore, IVersionedStore, IDisposable
{
    private readonly S3Calls _calls;
    private readonly S3StoreOptions _options;
    private readonly OriginRetry _retry;
    private readonly RangeReader _ranges;
    private readonly S3Listing _listing;
    private readonly S3Writes _writes;

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
        _retry = new OriginRetry(_options.Retry, "s3://" + bucket, S3Errors.TransientReason, _options.Logger, _options.TimeProvider);
        _calls = new S3Calls(client ?? _options.CreateClient(), ownsClient, bucket, prefix, _retry);
        _listing = new S3Listing(_calls, _options.ListPageSize);
        _writes = new S3Writes(_calls, _listing, _options.DeleteParallelism);
        _ranges = new RangeReader(new S3RangeOrigin(_calls, this), _retry, new RangeReaderOptions { MaxValueBytes = _options.MaxValueBytes, Logger = _options.Logger });
    }

    /// <summary>The bucket.</summary>
    public string Bucket => _calls.Bucket;

    /// <summary>The key prefix inside the bucket.</summary>
    public StorePrefix Prefix => _calls.Prefix;

    /// <summary>The S3 client.</summary>
    public IAmazonS3 Client => _calls.Client;

    /// <summary>S3 requests sent, retries included.</summary>
    public long RequestCount => _retry.Attempts;

    /// <summary>Requests sent again after a transient failure.</summary>
    public long RetryCount => _retry.Retries;

    /// <summary>ListObjectsV2 calls sent (each page is one).</summary>
    public long ListPageCount => _listing.PageCount;

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
    public string ObjectKeyOf(StoreKey key) => _calls.ObjectKeyOf(key);

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
        _calls.RunAsync<long?>(key, "HEAD", async token =>
        {
            try
            {
                var request = new GetObjectMetadataRequest { BucketName = Bucket, Key = ObjectKeyOf(key) };
                var response = await _calls.Client.GetObjectMetadataAsync(request, token).ConfigureAwait(false);
                return response.Headers.ContentLength;
            }
            catch (AmazonS3Exception e) when (S3Errors.IsMissing(e))
            {
                return null;
            }
        }, cancellationToken);

    /// <inheritdoc />
    public ValueTask<ReadOnlyMemory<byte>?> GetRangeAsync(StoreKey key, ZarrCache.ByteRange range, CancellationToken cancellationToken = default) =>
        _ranges.ReadRangeAsync(key, range, cancellationToken);

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<ReadOnlyMemory<byte>>?> GetRangesAsync(
        StoreKey key, IReadOnlyList<ZarrCache.ByteRange> ranges, CancellationToken cancellationToken = default) =>
        _ranges.ReadRangesAsync(key, ranges, cancellationToken);

    /// <inheritdoc />
    public IAsyncEnumerable<StoreKey> ListAsync(StorePrefix prefix, CancellationToken cancellationToken = default) =>
        _listing.ListAsync(prefix, cancellationToken);

    /// <inheritdoc />
    public IAsyncEnumerable<StoreEntry> ListDirAsync(StorePrefix prefix, CancellationToken cancellationToken = default) =>
        _listing.ListDirAsync(prefix, cancellationToken);

    /// <inheritdoc />
    public ValueTask SetAsync(StoreKey key, ReadOnlyMemory<byte> value, CancellationToken cancellationToken = default) =>
        _writes.SetAsync(key, value, cancellationToken);

    /// <inheritdoc />
    public ValueTask DeleteAsync(StoreKey key, CancellationToken cancellationToken = default) =>
        _writes.DeleteAsync(key, cancellationToken);

    /// <inheritdoc />
    /// <remarks>Lists the keys page by page and deletes them with single DeleteObject calls,
    /// <see cref="S3StoreOptions.DeleteParallelism"/> at a time (DeleteObjects needs a Content-MD5 that some
    /// S3-compatible servers handle differently).</remarks>
    public ValueTask DeletePrefixAsync(StorePrefix prefix, CancellationToken cancellationToken = default) =>
        _writes.DeletePrefixAsync(prefix, cancellationToken);

    /// <summary>The store and where it reads (never credentials).</summary>
    /// <returns>Text such as <c>S3Store(s3://bucket/prefix/)</c>.</returns>
    public override string ToString() => "S3Store(s3://" + Bucket + "/" + Prefix.Value + ")";

    /// <inheritdoc />
    public void Dispose() => _calls.Dispose();

    private ValueTask<ConditionalGetResult> GetConditionalAsync(StoreKey key, string? etag, CancellationToken cancellationToken) =>
        _calls.RunAsync(key, "GET", async token =>
        {
            var request = new GetObjectRequest { BucketName = Bucket, Key = ObjectKeyOf(key) };
            if (etag is not null)
            {
                request.EtagToNotMatch = etag;
            }

            try
            {
                using var response = await _calls.Client.GetObjectAsync(request, token).ConfigureAwait(false);
                var bytes = await ReadBodyAsync(response, key, response.Headers.ContentLength, token).ConfigureAwait(false);
                return ConditionalGetResult.Modified(new StoreValue(bytes, response.ETag));
            }
            catch (AmazonS3Exception e) when (S3Errors.IsMissing(e))
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
}
