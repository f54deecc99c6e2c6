using System.Globalization;
using System.Text.RegularExpressions;
using ZarrCache.Tests.TestSupport;
using ZarrCache.ThirdPartyOrigin;

namespace ZarrCache.Tests.Storage.Remote;

/// <summary>
/// An origin written from the public API only (<see cref="PlainHttpOrigin"/>, in an assembly ZarrCache grants no
/// internals) gets retries, truncation detection and range merging from the shared <see cref="RangeReader"/>, against a
/// real HTTP server on loopback that honours <c>Range</c> and can fail on demand.
/// </summary>
public sealed partial class ThirdPartyOriginTests
{
    private static readonly byte[] Value = Enumerable.Range(0, 100).Select(i => (byte)(i * 3)).ToArray();
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [GeneratedRegex(@"^bytes=(\d+)-(\d+)$")]
    private static partial Regex RangeHeader();

    /// <summary>Answers a <c>Range</c> GET of <see cref="Value"/> with 206, or the whole value with 200.</summary>
    private static byte[] Serve(RawRequest request, bool cutShort = false)
    {
        if (!request.Headers.TryGetValue("Range", out var header))
        {
            return RawHttpServer.Response("200 OK", [$"Content-Length: {Value.Length}", "Connection: close"], request.Method == "HEAD" ? [] : Value);
        }

        var match = RangeHeader().Match(header);
        var start = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        var end = Math.Min(int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture), Value.Length - 1);
        var body = Value.AsSpan(start, end - start + 1);
        var contentRange = $"Content-Range: bytes {start}-{end}/{Value.Length}";
        return cutShort
            // No Content-Length: the connection's close ends the body, half of what the Content-Range announced.
            ? RawHttpServer.Response("206 Partial Content", [contentRange, "Connection: close"], body[..(body.Length / 2)])
            : RawHttpServer.Response("206 Partial Content", [contentRange, $"Content-Length: {body.Length}", "Connection: close"], body);
    }

    [Fact]
    public async Task A_503_answer_is_retried_and_the_range_read_once_the_server_recovers()
    {
        var failures = 2;
        await using var h = new Harness(request => Interlocked.Decrement(ref failures) >= 0
            ? RawHttpServer.Response("503 Service Unavailable", ["Content-Length: 0", "Connection: close"], [])
            : Serve(request));

        var bytes = await h.Origin.GetRangeAsync("a/0", ByteRange.FromOffset(10, 20)).AsTask().WaitAsync(Bound);

        Assert.Equal(Value[10..30], bytes!.Value.ToArray());
        Assert.Equal(2, h.Origin.RetryCount);
        Assert.Equal(["bytes=10-29", "bytes=10-29", "bytes=10-29"], h.RangesSent());
    }

    [Fact]
    public async Task A_range_body_shorter_than_its_content_range_is_an_error_naming_the_key_never_bytes()
    {
        await using var h = new Harness(request => Serve(request, cutShort: true));

        var e = await h.FailingReadAsync(ByteRange.FromOffset(0, 40));

        Assert.Contains("truncated: 20 of 40", e.Message, StringComparison.Ordinal);
        Assert.Contains("failed after 3 attempt(s)", e.Message, StringComparison.Ordinal);
        Assert.Equal(3, h.Server.Requests.Count);
    }

    [Fact]
    public async Task A_range_answer_with_fewer_bytes_than_asked_for_is_refused()
    {
        // The server answers bytes 0-9 for a request of bytes 0-39 of a 100-byte value.
        await using var h = new Harness(_ => RawHttpServer.Response(
            "206 Partial Content", [$"Content-Range: bytes 0-9/{Value.Length}", "Content-Length: 10", "Connection: close"], Value.AsSpan(0, 10)));

        var e = await h.FailingReadAsync(ByteRange.FromOffset(0, 40));

        Assert.Contains("bytes 0-9/100 for bytes=0-39", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Adjacent_ranges_are_read_with_one_request_and_split_and_a_distant_one_with_its_own()
    {
        await using var h = new Harness(request => Serve(request));

        var parts = await h.Origin.GetRangesAsync(
            "a/0", [ByteRange.FromOffset(10, 10), ByteRange.FromOffset(60, 5), ByteRange.FromOffset(0, 10)]).AsTask().WaitAsync(Bound);

        Assert.NotNull(parts);
        Assert.Equal(Value[10..20], parts[0].ToArray());
        Assert.Equal(Value[60..65], parts[1].ToArray());
        Assert.Equal(Value[0..10], parts[2].ToArray());
        Assert.Equal(["bytes=0-19", "bytes=60-64"], h.RangesSent().Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Ranges_within_the_merge_gap_share_a_request_and_ranges_past_the_end_are_clamped()
    {
        await using var h = new Harness(request => Serve(request), new RangeReaderOptions { MergeGap = 50 });

        var parts = await h.Origin.GetRangesAsync(
            "a/0", [ByteRange.FromOffset(0, 10), ByteRange.FromOffset(50, 10), ByteRange.FromOffset(95, 20), ByteRange.FromOffset(120, 5)]).AsTask().WaitAsync(Bound);

        Assert.NotNull(parts);
        Assert.Equal(Value[0..10], parts[0].ToArray());
        Assert.Equal(Value[50..60], parts[1].ToArray());
        Assert.Equal(Value[95..], parts[2].ToArray());
        Assert.Empty(parts[3].ToArray());
        Assert.Equal(["bytes=0-124"], h.RangesSent());
    }

    [Fact]
    public async Task Several_ranges_of_a_missing_key_read_as_null_and_zero_length_ranges_ask_only_for_the_size()
    {
        await using var h = new Harness(request => request.Path.EndsWith("/missing", StringComparison.Ordinal)
            ? RawHttpServer.Response("404 Not Found", ["Content-Length: 0", "Connection: close"], [])
            : Serve(request));

        Assert.Null(await h.Origin.GetRangesAsync("missing", [ByteRange.FromOffset(0, 10), ByteRange.Suffix(5)]).AsTask().WaitAsync(Bound));
        var empty = await h.Origin.GetRangesAsync("a/0", [ByteRange.FromOffset(5, 0), ByteRange.Suffix(0)]).AsTask().WaitAsync(Bound);

        Assert.Equal([0, 0], empty!.Select(p => p.Length));
        Assert.Equal("HEAD", h.Server.Requests.Single(r => r.Path.EndsWith("/a/0", StringComparison.Ordinal)).Method);
    }

    /// <summary>A raw loopback server and the third-party origin over it.</summary>
    private sealed class Harness : IAsyncDisposable
    {
        private readonly HttpClient _client = new(HttpStore.CreateHandler());

        public Harness(Func<RawRequest, byte[]> respond, RangeReaderOptions? ranges = null)
        {
            Server = new RawHttpServer(respond);
            var retry = new RetryOptions { MaxAttempts = 3, BaseDelay = TimeSpan.Zero, MaxDelay = TimeSpan.Zero, AttemptTimeout = TimeSpan.FromSeconds(10) };
            Origin = new PlainHttpOrigin(_client, new Uri(Server.BaseUri, "data/"), retry, ranges);
        }

        public RawHttpServer Server { get; }

        public PlainHttpOrigin Origin { get; }

        /// <summary>The Range headers the server saw, in arrival order.</summary>
        public List<string> RangesSent() =>
            [.. Server.Requests.OrderBy(r => r.Index).Select(r => r.Headers.TryGetValue("Range", out var range) ? range : "(none)")];

        /// <summary>Reads a range of key <c>a/0</c> that must fail, and checks the error names the key.</summary>
        public async Task<StoreException> FailingReadAsync(ByteRange range)
        {
            var e = await Assert.ThrowsAsync<StoreException>(async () => await Origin.GetRangeAsync("a/0", range).AsTask().WaitAsync(Bound));
            Assert.Equal("a/0", e.Key);
            return e;
        }

        public async ValueTask DisposeAsync()
        {
            _client.Dispose();
            await Server.DisposeAsync();
        }
    }
}
