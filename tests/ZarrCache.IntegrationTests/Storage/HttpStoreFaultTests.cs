using ZarrCache.IntegrationTests.Infrastructure;

namespace ZarrCache.IntegrationTests.Storage;

/// <summary>HttpStore against a fault-injecting server on loopback: retries, clear errors, nothing partial cached.</summary>
public sealed class HttpStoreFaultTests
{
    private static readonly byte[] Value = Enumerable.Range(0, 5000).Select(i => (byte)(i * 7)).ToArray();

    private static HttpStoreOptions Options(int attempts = 4, TimeSpan? timeout = null) => new()
    {
        Retry = new RetryOptions
        {
            MaxAttempts = attempts,
            BaseDelay = TimeSpan.FromMilliseconds(1),
            MaxDelay = TimeSpan.FromMilliseconds(5),
            AttemptTimeout = timeout ?? TimeSpan.FromSeconds(10),
        },
    };

    private static async Task<FaultServer> Serve()
    {
        var server = new FaultServer();
        server.Files["/data/k"] = Value;
        return await Task.FromResult(server);
    }

    [Fact]
    public async Task Server_errors_are_retried_until_the_value_arrives()
    {
        await using var server = await Serve();
        server.Enqueue(Fault.WithStatus(503));
        server.Enqueue(Fault.WithStatus(500));
        using var store = new HttpStore(new Uri(server.BaseUri, "data/"), Options());
        Assert.Equal(Value, (await store.GetAsync("k"))!.Value.ToArray());
        Assert.Equal(2, store.RetryCount);
        Assert.Equal(3, server.Requests.Count);
    }

    [Fact]
    public async Task Persistent_server_errors_end_in_a_clear_exception_after_the_bounded_attempts()
    {
        await using var server = await Serve();
        server.Enqueue(Fault.WithStatus(503), 10);
        using var store = new HttpStore(new Uri(server.BaseUri, "data/"), Options(attempts: 3));
        var e = await Assert.ThrowsAsync<StoreException>(async () => await store.GetAsync("k"));
        Assert.Contains("after 3 attempt(s)", e.Message, StringComparison.Ordinal);
        Assert.Contains("503", e.Message, StringComparison.Ordinal);
        Assert.Equal("k", e.Key);
        Assert.Equal(3, server.Requests.Count);
    }

    [Fact]
    public async Task Slow_response_hits_the_attempt_timeout_and_is_retried()
    {
        await using var server = await Serve();
        server.Enqueue(Fault.Slow(TimeSpan.FromSeconds(5)));
        using var store = new HttpStore(new Uri(server.BaseUri, "data/"), Options(timeout: TimeSpan.FromMilliseconds(300)));
        Assert.Equal(Value, (await store.GetAsync("k"))!.Value.ToArray());
        Assert.Equal(1, store.RetryCount);
    }

    [Fact]
    public async Task Slow_responses_every_time_end_in_a_timeout_error()
    {
        await using var server = await Serve();
        server.Enqueue(Fault.Slow(TimeSpan.FromSeconds(5)), 2);
        using var store = new HttpStore(new Uri(server.BaseUri, "data/"), Options(attempts: 2, timeout: TimeSpan.FromMilliseconds(200)));
        var e = await Assert.ThrowsAsync<StoreException>(async () => await store.GetAsync("k"));
        Assert.Contains("timed out", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reset_connection_is_retried()
    {
        await using var server = await Serve();
        server.Enqueue(Fault.Reset(), 2);
        using var store = new HttpStore(new Uri(server.BaseUri, "data/"), Options());
        Assert.Equal(Value, (await store.GetAsync("k"))!.Value.ToArray());
        Assert.Equal(2, store.RetryCount);
    }

    [Fact]
    public async Task Truncated_body_is_retried_and_the_whole_value_returned()
    {
        await using var server = await Serve();
        server.Enqueue(Fault.Truncated(1000));
        using var store = new HttpStore(new Uri(server.BaseUri, "data/"), Options());
        Assert.Equal(Value, (await store.GetAsync("k"))!.Value.ToArray());
        Assert.Equal(1, store.RetryCount);
    }

    [Fact]
    public async Task Always_truncated_body_is_an_error_and_nothing_is_cached()
    {
        await using var server = await Serve();
        server.Enqueue(Fault.Truncated(1000), 3);
        using var store = new HttpStore(new Uri(server.BaseUri, "data/"), Options(attempts: 3));
        var cached = new CachedStore(store, new LruMemoryCache(1 << 20));
        var e = await Assert.ThrowsAsync<StoreException>(async () => await cached.GetAsync("k"));
        Assert.Contains("after 3 attempt(s)", e.Message, StringComparison.Ordinal);
        Assert.Null(await cached.GetCachedAsync("k"));
        Assert.Equal(0, cached.CacheStats.Inserts);

        // The failure did not poison the key: the next read (the server is well again) gets the whole value.
        Assert.Equal(Value, (await cached.GetAsync("k"))!.Value.ToArray());
        Assert.Equal(Value, (await cached.GetCachedAsync("k"))!.Value.ToArray());
    }

    [Fact]
    public async Task Server_that_ignores_Range_is_sliced()
    {
        await using var server = await Serve();
        server.Enqueue(Fault.IgnoreRange(), 2);
        using var store = new HttpStore(new Uri(server.BaseUri, "data/"), Options());
        Assert.Equal(Value[100..150], (await store.GetRangeAsync("k", ByteRange.FromOffset(100, 50)))!.Value.ToArray());
        Assert.Equal(Value[^9..], (await store.GetRangeAsync("k", ByteRange.Suffix(9)))!.Value.ToArray());
        Assert.All(server.Requests, r => Assert.NotNull(r.Range));
    }

    [Fact]
    public async Task Forbidden_is_not_retried_and_says_access_was_denied()
    {
        await using var server = await Serve();
        server.Enqueue(Fault.WithStatus(403), 5);
        using var store = new HttpStore(new Uri(server.BaseUri, "data/"), Options());
        var e = await Assert.ThrowsAsync<StoreException>(async () => await store.GetAsync("k"));
        Assert.Contains("access was denied", e.Message, StringComparison.Ordinal);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task Caller_cancellation_is_not_retried()
    {
        await using var server = await Serve();
        server.Enqueue(Fault.Slow(TimeSpan.FromSeconds(10)), 5);
        using var store = new HttpStore(new Uri(server.BaseUri, "data/"), Options());
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await store.GetAsync("k", cts.Token));
        Assert.Equal(0, store.RetryCount);
    }

    [Fact]
    public async Task Announced_length_beyond_the_limit_is_refused_before_reading()
    {
        await using var server = await Serve();
        using var store = new HttpStore(new Uri(server.BaseUri, "data/"), Options() with { MaxValueBytes = 1000 });
        var e = await Assert.ThrowsAsync<StoreException>(async () => await store.GetAsync("k"));
        Assert.Contains("5000", e.Message, StringComparison.Ordinal);
        Assert.Single(server.Requests);
    }
}
