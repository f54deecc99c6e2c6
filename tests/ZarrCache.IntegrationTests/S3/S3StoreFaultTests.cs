using Amazon.Runtime;
using ZarrCache.IntegrationTests.Infrastructure;
using ZarrCache.S3;

namespace ZarrCache.IntegrationTests.S3;

/// <summary>S3Store (the real AWS SDK) against a fault-injecting S3 endpoint on loopback.</summary>
public sealed class S3StoreFaultTests
{
    private static readonly byte[] Value = Enumerable.Range(0, 4000).Select(i => (byte)(i * 13)).ToArray();

    private static async Task<FaultServer> Serve()
    {
        var server = new FaultServer();
        server.Files["/bucket/pre/k"] = Value;
        return await Task.FromResult(server);
    }

    private static S3Store Store(FaultServer server, int attempts = 4, TimeSpan? timeout = null, AWSCredentials? credentials = null) =>
        new("bucket", "pre/", new S3StoreOptions
        {
            Endpoint = server.BaseUri,
            Anonymous = credentials is null,
            Credentials = credentials,
            Retry = new RetryOptions
            {
                MaxAttempts = attempts,
                BaseDelay = TimeSpan.FromMilliseconds(1),
                MaxDelay = TimeSpan.FromMilliseconds(5),
                AttemptTimeout = timeout ?? TimeSpan.FromSeconds(10),
            },
        });

    [Fact]
    public async Task SlowDown_and_5xx_are_retried_until_the_value_arrives()
    {
        await using var server = await Serve();
        server.Enqueue(Fault.S3Error(503, "SlowDown"));
        server.Enqueue(Fault.S3Error(500, "InternalError"));
        using var store = Store(server);
        Assert.Equal(Value, (await store.GetAsync("k"))!.Value.ToArray());
        Assert.Equal(2, store.RetryCount);
        Assert.Equal(3, server.Requests.Count(r => r.Path == "/bucket/pre/k"));
    }

    [Fact]
    public async Task Persistent_errors_end_in_a_clear_exception_after_the_bounded_attempts()
    {
        await using var server = await Serve();
        server.Enqueue(Fault.S3Error(503, "SlowDown"), 10);
        using var store = Store(server, attempts: 3);
        var e = await Assert.ThrowsAsync<StoreException>(async () => await store.GetAsync("k"));
        Assert.Contains("after 3 attempt(s)", e.Message, StringComparison.Ordinal);
        Assert.Contains("SlowDown", e.Message, StringComparison.Ordinal);
        Assert.Equal(3, server.Requests.Count);
    }

    [Fact]
    public async Task Slow_response_hits_the_attempt_timeout_and_is_retried()
    {
        await using var server = await Serve();
        server.Enqueue(Fault.Slow(TimeSpan.FromSeconds(5)));
        using var store = Store(server, timeout: TimeSpan.FromMilliseconds(400));
        Assert.Equal(Value, (await store.GetAsync("k"))!.Value.ToArray());
        Assert.Equal(1, store.RetryCount);
    }

    [Fact]
    public async Task Reset_connection_is_retried()
    {
        await using var server = await Serve();
        server.Enqueue(Fault.Reset());
        using var store = Store(server);
        Assert.Equal(Value, (await store.GetAsync("k"))!.Value.ToArray());
        Assert.Equal(1, store.RetryCount);
    }

    [Fact]
    public async Task Always_truncated_body_is_an_error_and_nothing_is_cached()
    {
        await using var server = await Serve();
        server.Enqueue(Fault.Truncated(100), 2);
        using var store = Store(server, attempts: 2);
        var cached = new CachedStore(store, new LruMemoryCache(1 << 20));
        var e = await Assert.ThrowsAsync<StoreException>(async () => await cached.GetAsync("k"));
        Assert.Contains("after 2 attempt(s)", e.Message, StringComparison.Ordinal);
        Assert.Null(await cached.GetCachedAsync("k"));
        Assert.Equal(Value, (await cached.GetAsync("k"))!.Value.ToArray());
    }

    [Fact]
    public async Task Access_denied_names_bucket_and_key_and_never_the_credentials()
    {
        await using var server = await Serve();
        server.Enqueue(Fault.S3Error(403, "AccessDenied"), 5);
        using var store = Store(server, credentials: new BasicAWSCredentials("AKIDEXAMPLEZC1234", "wJalrXUtnFEMIsecretZC"));
        var e = await Assert.ThrowsAsync<StoreException>(async () => await store.GetAsync("k"));
        Assert.Contains("access was denied for bucket 'bucket' and key 'pre/k'", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("AKIDEXAMPLEZC1234", e.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("wJalrXUtnFEMIsecretZC", e.ToString(), StringComparison.Ordinal);
        Assert.Single(server.Requests);
        Assert.StartsWith("AWS4-HMAC-SHA256", server.Requests.Single().Authorization, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Anonymous_requests_are_unsigned()
    {
        await using var server = await Serve();
        using var store = Store(server);
        Assert.Equal(Value, (await store.GetAsync("k"))!.Value.ToArray());
        Assert.Null(server.Requests.Single().Authorization);
    }

    [Fact]
    public async Task Server_that_ignores_Range_is_sliced()
    {
        await using var server = await Serve();
        server.Enqueue(Fault.IgnoreRange());
        using var store = Store(server);
        Assert.Equal(Value[10..30], (await store.GetRangeAsync("k", ByteRange.FromOffset(10, 20)))!.Value.ToArray());
    }

    [Fact]
    public async Task Missing_key_is_null()
    {
        await using var server = await Serve();
        using var store = Store(server);
        Assert.Null(await store.GetAsync("nope"));
        Assert.Null(await store.GetSizeAsync("nope"));
        Assert.Equal(Value.Length, await store.GetSizeAsync("k"));
        Assert.Equal(Value[^5..], (await store.GetRangeAsync("k", ByteRange.Suffix(5)))!.Value.ToArray());
    }
}
