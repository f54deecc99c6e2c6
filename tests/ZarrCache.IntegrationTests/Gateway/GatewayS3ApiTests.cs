using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using ZarrCache.IntegrationTests.Infrastructure;
using S3ByteRange = Amazon.S3.Model.ByteRange;

namespace ZarrCache.IntegrationTests.Gateway;

/// <summary>
/// The AWS SDK for .NET's <see cref="AmazonS3Client"/>, pointed once at s3rver and once at the gateway's S3 API over
/// that same s3rver, gets the same objects, ranges, heads, listings and errors, compared field by field.
/// </summary>
public sealed class GatewayS3ApiTests
{
    private static readonly string[] Keys =
    [
        "v2/data.zarr/.zgroup",
        "v2/data.zarr/3d.chunked.i2/.zarray",
        "v2/data.zarr/3d.chunked.i2/0.0.0",
        "v2/data.zarr/3d.chunked.i2/1.2.0",
        "v3/data.zarr/2d.chunked.i2/zarr.json",
    ];

    internal static AmazonS3Client Client(Uri endpoint, AWSCredentials? credentials = null) =>
        new(credentials ?? new AnonymousAWSCredentials(), new AmazonS3Config
        {
            ServiceURL = endpoint.ToString(),
            ForcePathStyle = true,
            AuthenticationRegion = "us-east-1",
            MaxErrorRetry = 0,
        });

    private static async Task<(byte[] Body, string ETag, long Length, string? ContentRange)> GetAsync(AmazonS3Client client, string bucket, string key, S3ByteRange? range = null)
    {
        using var response = await client.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = key, ByteRange = range });
        using var body = new MemoryStream();
        await response.ResponseStream.CopyToAsync(body);
        return (body.ToArray(), response.ETag, response.ContentLength, response.ContentRange);
    }

    [Fact]
    public async Task GetObject_and_HeadObject_answer_as_s3rver_does_for_whole_objects_and_ranges()
    {
        var s3 = OriginServers.S3();
        await using var gateway = await GatewayProcess.OverS3rverAsync(["--s3-listen", "127.0.0.1:0", "--bucket", "gw"]);
        using var direct = Client(s3.Endpoint);
        using var through = Client(gateway.S3!);

        foreach (var key in Keys)
        {
            var whole = await GetAsync(through, "gw", key);
            var expectedWhole = await GetAsync(direct, s3.Bucket, key);
            Assert.Equal(expectedWhole.Body, whole.Body);
            Assert.Equal(expectedWhole.ETag, whole.ETag);
            Assert.Equal(expectedWhole.Length, whole.Length);
            foreach (var range in new[] { new S3ByteRange(0, 9), new S3ByteRange(5, 5), new S3ByteRange("bytes=3-") })
            {
                var (body, etag, length, contentRange) = await GetAsync(through, "gw", key, range);
                var expected = await GetAsync(direct, s3.Bucket, key, range);
                Assert.Equal(expected.Body, body);
                Assert.Equal(expected.ETag, etag);
                Assert.Equal(expected.Length, length);
                Assert.Equal(expected.ContentRange, contentRange);
            }

            // A suffix range: s3rver 3.7 answers bytes=-7 with bytes 0-7, where S3 (and RFC 9110) give the last 7.
            var suffix = await GetAsync(through, "gw", key, new S3ByteRange("bytes=-7"));
            var bytes = Fixtures.Bytes(key);
            Assert.Equal(bytes[^7..], suffix.Body);
            Assert.Equal($"bytes {bytes.Length - 7}-{bytes.Length - 1}/{bytes.Length}", suffix.ContentRange);

            var head = await through.GetObjectMetadataAsync("gw", key);
            var expectedHead = await direct.GetObjectMetadataAsync(s3.Bucket, key);
            Assert.Equal(expectedHead.ContentLength, head.ContentLength);
            Assert.Equal(expectedHead.ETag, head.ETag);
        }
    }

    [Fact]
    public async Task A_missing_key_is_NoSuchKey_404_from_both()
    {
        var s3 = OriginServers.S3();
        await using var gateway = await GatewayProcess.OverS3rverAsync(["--s3-listen", "127.0.0.1:0"]);
        using var direct = Client(s3.Endpoint);
        using var through = Client(gateway.S3!);

        var expected = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => direct.GetObjectAsync(s3.Bucket, "v2/no/such/key"));
        var actual = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => through.GetObjectAsync("zarr", "v2/no/such/key"));
        Assert.Equal(expected.GetType(), actual.GetType());
        Assert.Equal(expected.StatusCode, actual.StatusCode);
        Assert.Equal(expected.ErrorCode, actual.ErrorCode);
    }

    /// <remarks>
    /// s3rver 3.7 departs from S3 where a delimiter meets max-keys: it counts only keys in KeyCount and never cuts
    /// common prefixes into pages. The gateway answers as S3 does (KeyCount and max-keys count keys and common prefixes
    /// together), so with a delimiter the pages are compared as one list, and each of the gateway's pages is checked
    /// against S3's rule; without one, page by page.
    /// </remarks>
    [Theory]
    [InlineData("v2/data.zarr/", "/", 1000)]
    [InlineData("v2/data.zarr/", "/", 4)]
    [InlineData("v2/data.zarr/3d.chunked.i2/", "", 7)]
    [InlineData("v3/data.zarr/2d", "/", 3)]
    [InlineData("v2/data.zarr/1d", "", 1000)]
    [InlineData("v3/", "", 10)]
    public async Task ListObjectsV2_lists_the_keys_sizes_and_common_prefixes_s3rver_gives(string prefix, string delimiter, int maxKeys)
    {
        var s3 = OriginServers.S3();
        await using var gateway = await GatewayProcess.OverS3rverAsync(["--s3-listen", "127.0.0.1:0"]);
        using var direct = Client(s3.Endpoint);
        using var through = Client(gateway.S3!);

        var expected = await PagesAsync(direct, s3.Bucket, prefix, delimiter, maxKeys);
        var actual = await PagesAsync(through, "zarr", prefix, delimiter, maxKeys);

        Assert.NotEmpty(expected.SelectMany(p => p.Keys).Select(k => k.Key).Concat(expected.SelectMany(p => p.Prefixes)));
        Assert.Equal(expected.SelectMany(p => p.Keys), actual.SelectMany(p => p.Keys));
        Assert.Equal(expected.SelectMany(p => p.Prefixes), actual.SelectMany(p => p.Prefixes));
        Assert.All(actual, p => Assert.Equal(p.Keys.Count + p.Prefixes.Count, p.KeyCount));
        Assert.All(actual, p => Assert.InRange(p.KeyCount ?? 0, 1, maxKeys));
        Assert.All(actual.SkipLast(1), p => Assert.True(p.Truncated));
        Assert.False(actual[^1].Truncated);
        if (delimiter.Length == 0)
        {
            Assert.Equal(expected.Select(p => p.Keys), actual.Select(p => p.Keys));
        }
    }

    [Fact]
    public async Task ListObjectsV2_at_the_root_with_a_delimiter_gives_the_top_folders()
    {
        var s3 = OriginServers.S3();
        await using var gateway = await GatewayProcess.OverS3rverAsync(["--s3-listen", "127.0.0.1:0"]);
        using var direct = Client(s3.Endpoint);
        using var through = Client(gateway.S3!);

        var pages = await PagesAsync(through, "zarr", string.Empty, "/", 1000);
        // s3rver 3.7 gives no common prefixes at the root with a delimiter, so the top folders come from its full listing.
        var origin = (await PagesAsync(direct, s3.Bucket, string.Empty, string.Empty, 1000)).SelectMany(p => p.Keys)
            .Where(k => k.Key.Contains('/', StringComparison.Ordinal)).Select(k => k.Key[..(k.Key.IndexOf('/', StringComparison.Ordinal) + 1)])
            .Distinct().Order(StringComparer.Ordinal);

        // The bucket holds the fixture folders and whatever earlier tests uploaded beside them: the gateway lists what
        // s3rver lists, as one page, the fixture folders among them.
        var prefixes = Assert.Single(pages).Prefixes;
        Assert.Equal(origin, prefixes);
        Assert.Subset(prefixes.ToHashSet(), Directory.GetDirectories(Fixtures.Root).Select(d => Path.GetFileName(d) + "/").ToHashSet());
    }

    private static async Task<List<(List<(string Key, long? Size)> Keys, List<string> Prefixes, int? KeyCount, bool? Truncated)>> PagesAsync(
        AmazonS3Client client, string bucket, string prefix, string delimiter, int maxKeys)
    {
        var pages = new List<(List<(string, long?)>, List<string>, int?, bool?)>();
        string? token = null;
        do
        {
            var response = await client.ListObjectsV2Async(new ListObjectsV2Request
            {
                BucketName = bucket,
                Prefix = prefix,
                Delimiter = delimiter.Length == 0 ? null : delimiter,
                MaxKeys = maxKeys,
                ContinuationToken = token,
            });
            pages.Add((
                (response.S3Objects ?? []).Select(o => (o.Key, o.Size)).ToList(),
                (response.CommonPrefixes ?? []).ToList(),
                response.KeyCount,
                response.IsTruncated));
            token = response.IsTruncated == true ? response.NextContinuationToken : null;
            Assert.True(pages.Count < 500, "listing does not end");
        }
        while (token is not null);
        return pages;
    }
}
