using ZarrCache.S3;
using ZarrCache.Tests.TestSupport;

namespace ZarrCache.Tests.S3;

/// <summary>S3Store (AWSSDK) against a raw server that frames whole-object bodies wrongly: no short value is returned.</summary>
public sealed class S3StoreBodyFramingTests
{
    private static readonly byte[] Value = Enumerable.Range(0, 5000).Select(i => (byte)(i * 3)).ToArray();
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    private static S3Store Store(RawHttpServer server) => new("bucket", StorePrefix.Root, new S3StoreOptions
    {
        Endpoint = server.BaseUri,
        Anonymous = true,
        Region = "us-east-1",
        Retry = new RetryOptions
        {
            MaxAttempts = 2,
            BaseDelay = TimeSpan.FromMilliseconds(1),
            MaxDelay = TimeSpan.FromMilliseconds(5),
            AttemptTimeout = TimeSpan.FromSeconds(10),
        },
    });

    [Fact]
    public async Task Object_body_longer_than_its_Content_Length_is_never_returned()
    {
        await using var server = new RawHttpServer(_ => RawHttpServer.Response("200 OK", ["Content-Length: 2500", "Content-Type: application/octet-stream"], Value));
        using var store = Store(server);

        await Assert.ThrowsAsync<StoreException>(async () => await store.GetAsync("k").AsTask().WaitAsync(Bound));
    }

    [Fact]
    public async Task Object_body_without_length_cut_short_by_a_close_is_never_returned()
    {
        await using var server = new RawHttpServer(_ => RawHttpServer.Response("200 OK", ["Connection: close", "Content-Type: application/octet-stream"], Value.AsSpan(0, 2000)));
        using var store = Store(server);

        await Assert.ThrowsAsync<StoreException>(async () => await store.GetAsync("k").AsTask().WaitAsync(Bound));
    }

    [Fact]
    public async Task Object_body_shorter_than_its_Content_Length_is_never_returned()
    {
        await using var server = new RawHttpServer(_ => RawHttpServer.Response("200 OK", [$"Content-Length: {Value.Length}", "Content-Type: application/octet-stream"], Value.AsSpan(0, 2000)));
        using var store = Store(server);

        await Assert.ThrowsAsync<StoreException>(async () => await store.GetAsync("k").AsTask().WaitAsync(Bound));
    }
}
