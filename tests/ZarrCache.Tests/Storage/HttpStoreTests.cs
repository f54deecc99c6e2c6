using System.Net;
using System.Net.Http.Headers;

namespace ZarrCache.Tests.Storage;

/// <summary>HttpStore over an in-memory handler (the integration tests run it against nginx and a fault server).</summary>
public class HttpStoreTests
{
    private static readonly byte[] Value = Enumerable.Range(0, 300).Select(i => (byte)i).ToArray();

    private sealed class Handler(Func<HttpRequestMessage, HttpResponseMessage> respond) : HttpMessageHandler
    {
        public List<HttpRequestMessage> Seen { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Seen.Add(request);
            return Task.FromResult(respond(request));
        }
    }

    private static HttpResponseMessage Whole() => new(HttpStatusCode.OK) { Content = new ByteArrayContent(Value) };

    [Fact]
    public async Task Range_answered_with_200_is_sliced_to_the_range()
    {
        var handler = new Handler(_ => Whole());
        using var client = new HttpClient(handler);
        using var store = new HttpStore(client, new Uri("http://origin.test/base"));
        Assert.Equal(Value[10..20], (await store.GetRangeAsync("k", ByteRange.FromOffset(10, 10)))!.Value.ToArray());
        Assert.Equal(Value[^7..], (await store.GetRangeAsync("k", ByteRange.Suffix(7)))!.Value.ToArray());
        Assert.Equal("bytes=10-19", handler.Seen[0].Headers.GetValues("Range").Single());
        Assert.Equal("http://origin.test/base/k", handler.Seen[0].RequestUri!.ToString());
    }

    [Fact]
    public async Task Partial_content_with_the_wrong_range_is_refused()
    {
        var handler = new Handler(_ =>
        {
            var response = new HttpResponseMessage(HttpStatusCode.PartialContent) { Content = new ByteArrayContent(Value[0..10]) };
            response.Content.Headers.ContentRange = new ContentRangeHeaderValue(0, 9, 300);
            return response;
        });
        using var client = new HttpClient(handler);
        using var store = new HttpStore(client, new Uri("http://origin.test/"));
        var e = await Assert.ThrowsAsync<StoreException>(async () => await store.GetRangeAsync("k", ByteRange.FromOffset(50, 10)));
        Assert.Contains("0-9/300", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Suffix_answered_from_the_start_is_asked_again_by_position()
    {
        var handler = new Handler(request =>
        {
            var range = request.Headers.GetValues("Range").Single();
            var (start, end) = range == "bytes=-5" ? (0, 5) : (295, 299);
            var response = new HttpResponseMessage(HttpStatusCode.PartialContent) { Content = new ByteArrayContent(Value[start..(end + 1)]) };
            response.Content.Headers.ContentRange = new ContentRangeHeaderValue(start, end, 300);
            return response;
        });
        using var client = new HttpClient(handler);
        using var store = new HttpStore(client, new Uri("http://origin.test/"));
        Assert.Equal(Value[^5..], (await store.GetRangeAsync("k", ByteRange.Suffix(5)))!.Value.ToArray());
        Assert.Equal("bytes=295-299", handler.Seen[1].Headers.GetValues("Range").Single());
    }

    [Fact]
    public async Task Keys_are_escaped_segment_by_segment()
    {
        using var store = new HttpStore(new Uri("http://origin.test/a b/"));
        Assert.Equal("http://origin.test/a%20b/g%20h/c%230", store.UriOf("g h/c#0").AbsoluteUri);
        await Task.CompletedTask;
    }

    [Theory]
    [InlineData("ftp://x/")]
    [InlineData("/relative")]
    public void Non_http_base_urls_are_refused(string url)
    {
        var e = Assert.Throws<ArgumentException>(() => new HttpStore(new Uri(url, UriKind.RelativeOrAbsolute)));
        Assert.Contains("http", e.Message, StringComparison.Ordinal);
    }
}
