using System.Text;
using ZarrCache.Tests.TestSupport;

namespace ZarrCache.Tests.Storage;

/// <summary>
/// Whole-value GETs against a raw server that frames its bodies wrongly: a short or overlong body is never returned,
/// never cached, and the value the recovered server sends is read whole.
/// </summary>
public sealed class HttpStoreBodyFramingTests
{
    private static readonly byte[] Value = Enumerable.Range(0, 5000).Select(i => (byte)(i * 7)).ToArray();
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    private static HttpStoreOptions Options() => new()
    {
        Retry = new RetryOptions
        {
            MaxAttempts = 3,
            BaseDelay = TimeSpan.FromMilliseconds(1),
            MaxDelay = TimeSpan.FromMilliseconds(5),
            AttemptTimeout = TimeSpan.FromSeconds(10),
        },
    };

    private static byte[] Chunked(ReadOnlySpan<byte> body, bool terminated)
    {
        var chunk = Encoding.ASCII.GetBytes($"{body.Length:x}\r\n");
        var tail = Encoding.ASCII.GetBytes(terminated ? "\r\n0\r\n\r\n" : "\r\n");
        return [.. chunk, .. body, .. tail];
    }

    private static async Task<(StoreException Error, ReadOnlyMemory<byte>? Recovered)> ReadFailThenRecover(RawHttpServer server, Action recover)
    {
        using var origin = new HttpStore(new Uri(server.BaseUri, "data/"), Options());
        var cached = new CachedStore(origin, new LruMemoryCache(1 << 20));
        var error = await Assert.ThrowsAsync<StoreException>(async () => await cached.GetAsync("k").AsTask().WaitAsync(Bound));
        Assert.Null(await cached.GetCachedAsync("k"));
        recover();
        var recovered = await cached.GetAsync("k").AsTask().WaitAsync(Bound);
        return (error, recovered);
    }

    [Fact]
    public async Task Body_without_length_cut_short_by_a_close_is_refused_never_cached_and_the_recovered_value_is_read()
    {
        var broken = true;
        await using var server = new RawHttpServer(_ => Volatile.Read(ref broken)
            ? RawHttpServer.Response("200 OK", ["Connection: close"], Value.AsSpan(0, 2000))
            : RawHttpServer.Ok(Value));

        var (error, recovered) = await ReadFailThenRecover(server, () => Volatile.Write(ref broken, false));

        Assert.Contains("'k'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Content-Length", error.Message, StringComparison.Ordinal);
        Assert.Equal(Value, recovered!.Value.ToArray());
    }

    [Fact]
    public async Task Whole_body_without_length_is_refused_without_retries_unless_the_option_accepts_it()
    {
        await using var server = new RawHttpServer(_ => RawHttpServer.Response("200 OK", ["Connection: close"], Value));
        using (var strict = new HttpStore(server.BaseUri, Options()))
        {
            var e = await Assert.ThrowsAsync<StoreException>(async () => await strict.GetAsync("k").AsTask().WaitAsync(Bound));
            Assert.Contains(nameof(HttpStoreOptions.AllowBodiesWithoutLength), e.Message, StringComparison.Ordinal);
            Assert.Single(server.Requests);
        }

        using var lenient = new HttpStore(server.BaseUri, Options() with { AllowBodiesWithoutLength = true });
        Assert.Equal(Value, (await lenient.GetAsync("k").AsTask().WaitAsync(Bound))!.Value.ToArray());
    }

    [Fact]
    public async Task Head_sizes_and_keep_alive_responses_with_exact_lengths_pass_the_framing_check()
    {
        await using var server = new RawHttpServer(r => r.Method == "HEAD"
            ? RawHttpServer.Response("200 OK", [$"Content-Length: {Value.Length}"], [])
            : RawHttpServer.Response("200 OK", [$"Content-Length: {Value.Length}", "Connection: keep-alive"], Value));
        using var store = new HttpStore(server.BaseUri, Options());

        Assert.Equal(Value.Length, await store.GetSizeAsync("k").AsTask().WaitAsync(Bound));
        Assert.Equal(Value, (await store.GetAsync("k").AsTask().WaitAsync(Bound))!.Value.ToArray());
        Assert.Equal(0, store.RetryCount);
    }

    [Fact]
    public async Task Chunked_body_without_its_terminating_chunk_is_retried_refused_and_never_cached()
    {
        var broken = true;
        await using var server = new RawHttpServer(_ => Volatile.Read(ref broken)
            ? RawHttpServer.Response("200 OK", ["Transfer-Encoding: chunked"], Chunked(Value.AsSpan(0, 2000), terminated: false))
            : RawHttpServer.Response("200 OK", ["Transfer-Encoding: chunked"], Chunked(Value, terminated: true)));

        var (error, recovered) = await ReadFailThenRecover(server, () => Volatile.Write(ref broken, false));

        Assert.Contains("failed after 3 attempt(s)", error.Message, StringComparison.Ordinal);
        Assert.Equal(4, server.Requests.Count);
        Assert.Equal(Value, recovered!.Value.ToArray());
    }

    [Fact]
    public async Task Body_longer_than_its_Content_Length_is_retried_refused_and_never_cached()
    {
        var broken = true;
        await using var server = new RawHttpServer(_ => Volatile.Read(ref broken)
            ? RawHttpServer.Response("200 OK", ["Content-Length: 2500"], Value)
            : RawHttpServer.Ok(Value));

        var (error, recovered) = await ReadFailThenRecover(server, () => Volatile.Write(ref broken, false));

        Assert.Contains("failed after 3 attempt(s)", error.Message, StringComparison.Ordinal);
        Assert.Contains("Content-Length", error.Message, StringComparison.Ordinal);
        Assert.Equal(4, server.Requests.Count);
        Assert.Equal(Value, recovered!.Value.ToArray());
    }

    [Fact]
    public async Task Body_shorter_than_its_Content_Length_is_retried_refused_and_never_cached()
    {
        var broken = true;
        await using var server = new RawHttpServer(_ => Volatile.Read(ref broken)
            ? RawHttpServer.Response("200 OK", [$"Content-Length: {Value.Length}"], Value.AsSpan(0, 2000))
            : RawHttpServer.Ok(Value));

        var (error, recovered) = await ReadFailThenRecover(server, () => Volatile.Write(ref broken, false));

        Assert.Contains("failed after 3 attempt(s)", error.Message, StringComparison.Ordinal);
        Assert.Equal(4, server.Requests.Count);
        Assert.Equal(Value, recovered!.Value.ToArray());
    }

    [Fact]
    public async Task Range_answered_with_a_body_longer_than_its_Content_Length_is_refused()
    {
        await using var server = new RawHttpServer(_ => RawHttpServer.Response(
            "206 Partial Content", ["Content-Length: 10", $"Content-Range: bytes 0-9/{Value.Length}"], Value.AsSpan(0, 100)));
        using var store = new HttpStore(server.BaseUri, Options());

        await Assert.ThrowsAsync<StoreException>(async () => await store.GetRangeAsync("k", ByteRange.FromOffset(0, 10)).AsTask().WaitAsync(Bound));
    }

    [Fact]
    public async Task Answer_to_HEAD_that_carries_a_body_is_retried_then_refused()
    {
        await using var server = new RawHttpServer(_ => RawHttpServer.Response("200 OK", [$"Content-Length: {Value.Length}"], Value.AsSpan(0, 100)));
        using var store = new HttpStore(server.BaseUri, Options());

        var e = await Assert.ThrowsAsync<StoreException>(async () => await store.GetSizeAsync("k").AsTask().WaitAsync(Bound));
        Assert.Contains("HEAD", e.Message, StringComparison.Ordinal);
        Assert.Equal(3, server.Requests.Count);
    }

    [Fact]
    public async Task Many_whole_reads_of_an_overlong_body_never_return_a_value()
    {
        await using var server = new RawHttpServer(r => RawHttpServer.Response("200 OK", ["Content-Length: 1000"], Value));
        using var store = new HttpStore(server.BaseUri, Options() with { Retry = Options().Retry with { MaxAttempts = 1 } });

        for (var i = 0; i < 14; i++)
        {
            await Assert.ThrowsAsync<StoreException>(async () => await store.GetAsync("k" + i).AsTask().WaitAsync(Bound));
        }
    }
}
