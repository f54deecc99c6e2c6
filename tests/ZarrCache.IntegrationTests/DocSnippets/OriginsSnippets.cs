using Microsoft.Extensions.DependencyInjection;
using ZarrCache.IntegrationTests.Infrastructure;
using ZarrCache.S3;

namespace ZarrCache.IntegrationTests.DocSnippets;

/// <summary>The code of docs/origins.md, against the servers scripts/test.sh starts: an S3Store over s3rver, HttpStores
/// over nginx, and the page's own range origin (<see cref="MyOrigin"/>) over nginx.</summary>
public sealed class OriginsSnippets
{
    private const string Chunk = "3d.chunked.i2/0.0.0";

    [Fact]
    public async Task An_anonymous_S3Store_over_an_S3_compatible_endpoint_reads_through_a_memory_cache()
    {
        var bucket = OriginServers.S3().Bucket;
        var endpoint = OriginServers.S3().Endpoint;

        // begin-snippet: s3-store
        using var store = new S3Store(bucket, "v2/data.zarr/", new S3StoreOptions   // e.g. "my-bucket"
        {
            Region = "eu-west-1",                              // else AWS_REGION / AWS_DEFAULT_REGION, else us-east-1
            Endpoint = endpoint,                               // S3-compatible server, e.g. http://127.0.0.1:9000; path-style addressing is then on
            Anonymous = true,                                  // public bucket: unsigned requests, no credential lookup
        });
        var cached = new CachedStore(store, new LruMemoryCache(512L << 20));
        // end-snippet

        var expected = Fixtures.Bytes("v2/data.zarr/" + Chunk);
        Assert.Equal(expected, (await cached.GetAsync(Chunk))!.Value.ToArray());
        Assert.Equal(expected, (await cached.GetAsync(Chunk))!.Value.ToArray());
        Assert.Equal(1, cached.CacheStats.OriginReads);
        Assert.Equal(1, cached.CacheStats.Hits);
    }

    [Fact]
    public async Task An_HttpStore_reads_with_its_own_client_or_one_from_IHttpClientFactory()
    {
        var url = new Uri(OriginServers.Http().Zarrita, "v2/data.zarr/");
        await using var services = new ServiceCollection().AddHttpClient().BuildServiceProvider();
        var factory = services.GetRequiredService<IHttpClientFactory>();

        // begin-snippet: http-store
        using var store = new HttpStore(url);                                       // e.g. https://example.org/data/x.zarr/; owns its HttpClient
        using var viaFactory = new HttpStore(factory.CreateClient("zarr"), url);    // IHttpClientFactory
        // end-snippet

        var expected = Fixtures.Bytes("v2/data.zarr/" + Chunk);
        Assert.Equal(expected, (await store.GetAsync(Chunk))!.Value.ToArray());
        Assert.Equal(expected, (await viaFactory.GetAsync(Chunk))!.Value.ToArray());
        Assert.Equal(expected.Length, await viaFactory.GetSizeAsync(Chunk));
    }

    [Fact]
    public async Task The_pages_own_origin_reads_ranges_sizes_and_missing_keys_through_the_shared_range_reader()
    {
        using var origin = new MyOrigin(new Uri(OriginServers.Http().Zarrita, "v2/data.zarr/"));
        var expected = Fixtures.Bytes("v2/data.zarr/" + Chunk);

        Assert.Equal(expected[2..9], (await origin.GetRangeAsync(Chunk, ByteRange.FromOffset(2, 7)))!.Value.ToArray());
        var both = await origin.GetRangesAsync(Chunk, [ByteRange.FromOffset(0, 4), ByteRange.FromOffset(4, 4)]);
        Assert.Equal([expected[0..4], expected[4..8]], both!.Select(r => r.ToArray()));
        Assert.Equal(expected.Length, await origin.GetSizeAsync(Chunk, default));
        Assert.Null(await origin.GetRangeAsync("no-such-array/0.0", ByteRange.FromOffset(0, 1)));
        Assert.Null(await origin.GetSizeAsync("no-such-array/0.0", default));
        Assert.EndsWith("/v2/data.zarr/" + Chunk, origin.LocationOf(Chunk), StringComparison.Ordinal);
    }
}

// begin-snippet: my-origin
public sealed class MyOrigin : IRangeOrigin, IDisposable /* , IReadableStore */
{
    private readonly HttpClient _client = new(HttpStore.CreateHandler());   // with the framing check
    private readonly Uri _base;
    private readonly OriginRetry _retry;
    private readonly RangeReader _ranges;

    public MyOrigin(Uri baseUri)
    {
        _base = baseUri;
        _retry = new OriginRetry(RetryOptions.Default, baseUri.GetLeftPart(UriPartial.Authority));
        _ranges = new RangeReader(this, _retry, new RangeReaderOptions { MergeGap = 64 * 1024 });
    }

    public ValueTask<ReadOnlyMemory<byte>?> GetRangeAsync(StoreKey key, ByteRange range, CancellationToken cancellationToken = default) =>
        _ranges.ReadRangeAsync(key, range, cancellationToken);

    public ValueTask<IReadOnlyList<ReadOnlyMemory<byte>>?> GetRangesAsync(StoreKey key, IReadOnlyList<ByteRange> ranges, CancellationToken cancellationToken = default) =>
        _ranges.ReadRangesAsync(key, ranges, cancellationToken);

    public async ValueTask<RangeResponse> SendRangeAsync(StoreKey key, ByteRange range, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_base, key.Value));
        request.Headers.TryAddWithoutValidation("Range", range.ToHttpHeaderValue());
        var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        var status = (int)response.StatusCode;
        if (status is 200 or 206)
        {
            var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            var length = response.Content.Headers.ContentLength;
            return status == 206
                ? RangeResponse.Partial(response.Content.Headers.ContentRange?.ToString(), length, body, response)
                : RangeResponse.Whole(length, body, response);   // the server ignored Range: the reader slices
        }

        response.Dispose();
        return status switch
        {
            404 => RangeResponse.Missing,
            416 => RangeResponse.NotSatisfiable,
            >= 500 => throw new TransientOriginException($"HTTP {status}"),   // retried
            _ => throw new StoreException(key, $"HTTP {status} for {LocationOf(key)}."),
        };
    }

    public ValueTask<long?> GetSizeAsync(StoreKey key, CancellationToken cancellationToken) =>
        _retry.RunAsync(key, "HEAD " + LocationOf(key), async token =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Head, new Uri(_base, key.Value));
            using var response = await _client.SendAsync(request, token);
            return (int)response.StatusCode switch
            {
                200 => response.Content.Headers.ContentLength,
                404 => (long?)null,
                >= 500 and var status => throw new TransientOriginException($"HTTP {status}"),
                var status => throw new StoreException(key, $"HTTP {status} for {LocationOf(key)}."),
            };
        }, cancellationToken);

    public string LocationOf(StoreKey key) => new Uri(_base, key.Value).ToString();

    public void Dispose() => _client.Dispose();
}
// end-snippet
