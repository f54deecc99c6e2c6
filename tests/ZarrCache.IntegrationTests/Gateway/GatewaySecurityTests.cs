using System.Net;
using System.Net.Http.Headers;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using ZarrCache.IntegrationTests.Infrastructure;

namespace ZarrCache.IntegrationTests.Gateway;

/// <summary>One gateway with a bearer token, S3 credentials and request logging on, shared by the security tests.</summary>
public sealed class SecuredGateway : IAsyncLifetime
{
    public const string Token = "tok-3f9a6c1e0b7d4c2a";
    public const string AccessKey = "GATEWAYKEY";
    public const string Secret = "sEcReT/4b1d9e0c7a2f6e3b8d5c";

    internal GatewayProcess Process { get; private set; } = null!;

    public async Task InitializeAsync() =>
        Process = await GatewayProcess.OverS3rverAsync(
            ["--s3-listen", "127.0.0.1:0", "--log-requests"],
            new Dictionary<string, string?>
            {
                ["ZARRCACHE_GATEWAY_TOKEN"] = Token,
                ["ZARRCACHE_GATEWAY_ACCESS_KEY_ID"] = AccessKey,
                ["ZARRCACHE_GATEWAY_SECRET_ACCESS_KEY"] = Secret,
            });

    public async Task DisposeAsync() => await Process.DisposeAsync();
}

/// <summary>
/// What the gateway refuses: keys that would leave the origin (<c>..</c>, encoded <c>..</c>, absolute, backslash, NUL,
/// over-long) get 400 before any read; a missing or wrong bearer token and a missing or wrong SigV4 signature get 403;
/// writing verbs get 405; and the log never holds the token or the secret.
/// </summary>
public sealed class GatewaySecurityTests(SecuredGateway fixture) : IClassFixture<SecuredGateway>
{
    private const string Key = "v2/data.zarr/3d.chunked.i2/.zarray";
    private static readonly string Bearer = "Authorization: Bearer " + SecuredGateway.Token;

    private GatewayProcess Gateway => fixture.Process;

    [Theory]
    [InlineData("/v2/../v2/data.zarr/.zgroup")]
    [InlineData("/v2/data.zarr/3d.chunked.i2/../../../../etc/passwd")]
    [InlineData("/v2/%2e%2e/v2/data.zarr/.zgroup")]
    [InlineData("/v2/%2E%2E/%2E%2E/etc/passwd")]
    [InlineData("/v2/data.zarr/%2e/.zgroup")]
    [InlineData("//etc/passwd")]
    [InlineData("/%2Fetc/passwd")]
    [InlineData("/v2/a%5C..%5Cb")]
    [InlineData("/v2/a%00b")]
    [InlineData("/v2//data.zarr/.zgroup")]
    public async Task A_key_that_could_leave_the_origin_is_refused_with_400(string target)
    {
        var s3 = OriginServers.S3();
        var mark = s3.Log.Mark();

        var (status, body) = await RawHttp.GetAsync(Gateway.Http, target, Bearer);

        Assert.Equal(400, status);
        if (!target.Contains("%00", StringComparison.Ordinal))
        {
            // (Kestrel itself refuses a NUL in the path, before the gateway sees it.)
            Assert.StartsWith("key refused", body, StringComparison.Ordinal);
        }

        Assert.Empty(await s3.Log.LinesSince(mark));
    }

    [Fact]
    public async Task An_over_long_key_is_refused_with_400_on_both_apis()
    {
        var target = "/v2/" + new string('a', 1100);
        var (status, body) = await RawHttp.GetAsync(Gateway.Http, target, Bearer);
        Assert.Equal(400, status);
        Assert.Contains("longer than 1024", body, StringComparison.Ordinal);

        using var client = GatewayS3ApiTests.Client(Gateway.S3!, new BasicAWSCredentials(SecuredGateway.AccessKey, SecuredGateway.Secret));
        var e = await Assert.ThrowsAsync<AmazonS3Exception>(() => client.GetObjectAsync("zarr", "v2/" + new string('a', 1100)));
        Assert.Equal(HttpStatusCode.BadRequest, e.StatusCode);
    }

    [Fact]
    public async Task A_missing_or_wrong_bearer_token_gets_403_and_the_right_one_reads()
    {
        using var http = new HttpClient { BaseAddress = Gateway.Http };
        Assert.Equal(HttpStatusCode.Forbidden, (await http.GetAsync(Key)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await http.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await http.GetAsync("metrics")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("healthz")).StatusCode);

        using var wrong = new HttpRequestMessage(HttpMethod.Get, Key) { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", SecuredGateway.Token + "x") } };
        Assert.Equal(HttpStatusCode.Forbidden, (await http.SendAsync(wrong)).StatusCode);

        using var right = new HttpRequestMessage(HttpMethod.Get, Key) { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", SecuredGateway.Token) } };
        using var response = await http.SendAsync(right);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Fixtures.Bytes(Key), await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("PUT")]
    [InlineData("POST")]
    [InlineData("DELETE")]
    [InlineData("PATCH")]
    public async Task A_writing_verb_gets_405_on_the_http_api(string method)
    {
        using var http = new HttpClient { BaseAddress = Gateway.Http };
        using var request = new HttpRequestMessage(new HttpMethod(method), Key)
        {
            Headers = { Authorization = new AuthenticationHeaderValue("Bearer", SecuredGateway.Token) },
        };

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(["GET", "HEAD"], response.Content.Headers.Allow.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_signed_write_gets_405_on_the_s3_api()
    {
        using var client = GatewayS3ApiTests.Client(Gateway.S3!, new BasicAWSCredentials(SecuredGateway.AccessKey, SecuredGateway.Secret));
        var put = await Assert.ThrowsAsync<AmazonS3Exception>(() => client.PutObjectAsync(new PutObjectRequest { BucketName = "zarr", Key = "v2/new", ContentBody = "x" }));
        var delete = await Assert.ThrowsAsync<AmazonS3Exception>(() => client.DeleteObjectAsync("zarr", Key));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, put.StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, delete.StatusCode);
    }

    [Fact]
    public async Task The_s3_api_serves_requests_signed_with_the_credentials_and_refuses_unsigned_or_wrongly_signed_ones_with_403()
    {
        using var signed = GatewayS3ApiTests.Client(Gateway.S3!, new BasicAWSCredentials(SecuredGateway.AccessKey, SecuredGateway.Secret));
        using (var response = await signed.GetObjectAsync("zarr", Key))
        {
            using var body = new MemoryStream();
            await response.ResponseStream.CopyToAsync(body);
            Assert.Equal(Fixtures.Bytes(Key), body.ToArray());
        }

        var listing = await signed.ListObjectsV2Async(new ListObjectsV2Request { BucketName = "zarr", Prefix = "v2/data.zarr/3d.chunked.i2/", MaxKeys = 3 });
        Assert.Equal(3, listing.S3Objects.Count);

        foreach (var credentials in new AWSCredentials[]
                 {
                     new AnonymousAWSCredentials(),
                     new BasicAWSCredentials(SecuredGateway.AccessKey, SecuredGateway.Secret + "x"),
                     new BasicAWSCredentials("OTHERKEY", SecuredGateway.Secret),
                 })
        {
            using var client = GatewayS3ApiTests.Client(Gateway.S3!, credentials);
            var e = await Assert.ThrowsAsync<AmazonS3Exception>(() => client.GetObjectAsync("zarr", Key));
            Assert.Equal(HttpStatusCode.Forbidden, e.StatusCode);
            var list = await Assert.ThrowsAsync<AmazonS3Exception>(() => client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = "zarr" }));
            Assert.Equal(HttpStatusCode.Forbidden, list.StatusCode);
        }
    }

    [Fact]
    public async Task The_log_holds_the_requests_but_never_the_token_or_the_secret()
    {
        using var http = new HttpClient { BaseAddress = Gateway.Http };
        using (var request = new HttpRequestMessage(HttpMethod.Get, Key) { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", SecuredGateway.Token) } })
        {
            (await http.SendAsync(request)).Dispose();
        }

        (await http.GetAsync(Key + "?token=" + SecuredGateway.Token)).Dispose();
        using (var wrong = new HttpRequestMessage(HttpMethod.Get, Key) { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", SecuredGateway.Secret) } })
        {
            (await http.SendAsync(wrong)).Dispose();
        }

        using var signed = GatewayS3ApiTests.Client(Gateway.S3!, new BasicAWSCredentials(SecuredGateway.AccessKey, SecuredGateway.Secret));
        (await signed.GetObjectAsync("zarr", Key)).Dispose();
        using var wrongSecret = GatewayS3ApiTests.Client(Gateway.S3!, new BasicAWSCredentials(SecuredGateway.AccessKey, SecuredGateway.Token));
        await Assert.ThrowsAsync<AmazonS3Exception>(() => wrongSecret.GetObjectAsync("zarr", Key));

        // The log lines are written as the responses finish: wait until the last request's line is there.
        for (var i = 0; i < 100 && !Gateway.Log.Contains("s3 GET /zarr/" + Key + " 403", StringComparison.Ordinal); i++)
        {
            await Task.Delay(50);
        }

        var log = Gateway.Log;
        Assert.Contains("http GET /" + Key + " 200", log, StringComparison.Ordinal);
        Assert.Contains("s3 GET /zarr/" + Key + " 403", log, StringComparison.Ordinal);
        Assert.DoesNotContain(SecuredGateway.Token, log, StringComparison.Ordinal);
        Assert.DoesNotContain(SecuredGateway.Secret, log, StringComparison.Ordinal);
        Assert.DoesNotContain("Bearer ", log, StringComparison.Ordinal);
    }
}
