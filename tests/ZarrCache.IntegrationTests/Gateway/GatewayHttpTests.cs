using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.WebUtilities;
using AspNetHeaders = Microsoft.Net.Http.Headers;
using ZarrCache.IntegrationTests.Infrastructure;

namespace ZarrCache.IntegrationTests.Gateway;

/// <summary>`zarr-cache serve` over the fixture folder, shared by the plain HTTP tests.</summary>
public sealed class FolderGateway : IAsyncLifetime
{
    internal GatewayProcess Process { get; private set; } = null!;

    public async Task InitializeAsync() => Process = await GatewayProcess.StartAsync(["serve", Fixtures.Root, "--listen", "127.0.0.1:0", "--max-age", "30s"]);

    public async Task DisposeAsync() => await Process.DisposeAsync();
}

/// <summary>The plain HTTP API as a client sees it: whole values, ranges (single, suffix, several), conditions, HEAD, errors.</summary>
public sealed class GatewayHttpTests(FolderGateway fixture) : IClassFixture<FolderGateway>
{
    private const string Key = "v2/data.zarr/3d.chunked.i2/.zarray";
    private const string Chunk = "v2/data.zarr/3d.chunked.i2/0.0.0";

    private HttpClient Client() => new() { BaseAddress = fixture.Process.Http };

    private static HttpRequestMessage Get(string key, Action<HttpRequestHeaders>? headers = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, key);
        headers?.Invoke(request.Headers);
        return request;
    }

    [Fact]
    public async Task A_whole_value_comes_with_its_length_etag_cache_control_and_type()
    {
        using var http = Client();
        using var response = await http.GetAsync(Key);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Fixtures.Bytes(Key), await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(Fixtures.Bytes(Key).Length, response.Content.Headers.ContentLength);
#pragma warning disable CA5351 // the gateway's ETag is S3's: the MD5 of the value
        Assert.Equal("\"" + Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData(Fixtures.Bytes(Key))) + "\"", response.Headers.ETag!.Tag);
#pragma warning restore CA5351
        Assert.Equal(TimeSpan.FromSeconds(30), response.Headers.CacheControl!.MaxAge);
        Assert.True(response.Headers.CacheControl.Public);
        Assert.Equal(["bytes"], response.Headers.AcceptRanges);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        using var chunk = await http.GetAsync(Chunk);
        Assert.Equal("application/octet-stream", chunk.Content.Headers.ContentType!.MediaType);
    }

    [Theory]
    [InlineData(0L, 9L)]
    [InlineData(5L, null)]
    [InlineData(null, 7L)]
    public async Task A_single_range_is_206_with_its_content_range_and_bytes(long? from, long? to)
    {
        using var http = Client();
        var bytes = Fixtures.Bytes(Chunk);
        using var response = await http.SendAsync(Get(Chunk, h => h.Range = new RangeHeaderValue(from, to)));

        var (start, end) = (from, to) switch
        {
            (null, { } n) => (bytes.Length - n, bytes.Length - 1L),
            ({ } f, null) => (f, bytes.Length - 1L),
            ({ } f, { } t) => (f, t),
            _ => throw new InvalidOperationException(),
        };
        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal(bytes[(int)start..(int)(end + 1)], await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(new ContentRangeHeaderValue(start, end, bytes.Length).ToString(), response.Content.Headers.ContentRange!.ToString());
    }

    [Fact]
    public async Task Several_ranges_are_one_multipart_byteranges_response_with_each_part_right()
    {
        using var http = Client();
        var bytes = Fixtures.Bytes(Chunk);
        var range = new RangeHeaderValue();
        range.Ranges.Add(new RangeItemHeaderValue(0, 3));
        range.Ranges.Add(new RangeItemHeaderValue(6, 9));
        range.Ranges.Add(new RangeItemHeaderValue(null, 5));
        using var response = await http.SendAsync(Get(Chunk, h => h.Range = range));

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal("multipart/byteranges", response.Content.Headers.ContentType!.MediaType);
        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(body.Length, response.Content.Headers.ContentLength);
        var boundary = AspNetHeaders.HeaderUtilities.RemoveQuotes(AspNetHeaders.MediaTypeHeaderValue.Parse(response.Content.Headers.ContentType.ToString()).Boundary).Value!;
        var reader = new MultipartReader(boundary, new MemoryStream(body));
        var expected = new[] { (0, 3), (6, 9), (bytes.Length - 5, bytes.Length - 1) };
        foreach (var (start, end) in expected)
        {
            var section = await reader.ReadNextSectionAsync();
            Assert.NotNull(section);
            Assert.Equal($"bytes {start}-{end}/{bytes.Length}", section!.Headers!["Content-Range"].ToString());
            using var part = new MemoryStream();
            await section.Body.CopyToAsync(part);
            Assert.Equal(bytes[start..(end + 1)], part.ToArray());
        }

        Assert.Null(await reader.ReadNextSectionAsync());
    }

    [Fact]
    public async Task A_range_past_the_end_is_416_with_the_length()
    {
        using var http = Client();
        var length = Fixtures.Bytes(Chunk).Length;
        using var response = await http.SendAsync(Get(Chunk, h => h.Range = new RangeHeaderValue(length, length + 10)));

        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, response.StatusCode);
        Assert.Equal($"bytes */{length}", response.Content.Headers.ContentRange!.ToString());
    }

    [Fact]
    public async Task If_None_Match_with_the_current_etag_is_304_without_a_body_and_If_Range_with_another_is_the_whole_value()
    {
        using var http = Client();
        using var first = await http.GetAsync(Chunk);
        var etag = first.Headers.ETag!;

        using var notModified = await http.SendAsync(Get(Chunk, h => h.IfNoneMatch.Add(etag)));
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());
        Assert.Equal(etag, notModified.Headers.ETag);

        using var stale = await http.SendAsync(Get(Chunk, h =>
        {
            h.Range = new RangeHeaderValue(0, 3);
            h.IfRange = new RangeConditionHeaderValue(new EntityTagHeaderValue("\"stale\""));
        }));
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Equal(Fixtures.Bytes(Chunk), await stale.Content.ReadAsByteArrayAsync());

        using var current = await http.SendAsync(Get(Chunk, h =>
        {
            h.Range = new RangeHeaderValue(0, 3);
            h.IfRange = new RangeConditionHeaderValue(etag);
        }));
        Assert.Equal(HttpStatusCode.PartialContent, current.StatusCode);
    }

    [Fact]
    public async Task HEAD_gives_the_headers_of_GET_and_no_body()
    {
        using var http = Client();
        using var response = await http.SendAsync(new HttpRequestMessage(HttpMethod.Head, Chunk));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Fixtures.Bytes(Chunk).Length, response.Content.Headers.ContentLength);
        Assert.NotNull(response.Headers.ETag);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_missing_key_is_404_naming_it_and_healthz_answers()
    {
        using var http = Client();
        using var missing = await http.GetAsync("v2/data.zarr/no-such-array/.zarray");

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("not found: 'v2/data.zarr/no-such-array/.zarray'.\n", await missing.Content.ReadAsStringAsync());
        Assert.Equal("ok\n", await http.GetStringAsync("healthz"));
    }
}
