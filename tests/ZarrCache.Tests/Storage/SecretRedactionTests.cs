using System.Text;
using Amazon.Runtime;
using ZarrCache.S3;
using ZarrCache.Tests.Cli;
using ZarrCache.Tests.TestSupport;

namespace ZarrCache.Tests.Storage;

/// <summary>
/// No message, exception or log line at any level holds a URL's password, an AWS secret key or a session token: reads
/// that fail and retry against refusing and erroring servers, with every log line, exception (inner ones and
/// ToString() included) and the CLI's output captured.
/// </summary>
[Collection(nameof(SecretRedactionTests))]
public sealed class SecretRedactionTests
{
    private const string Password = "Pa55-WORD-never-shown";
    private const string AccessKey = "AKIAREDACTIONTEST01";
    private const string Secret = "SECRET-key-never-shown-0123456789abcdef";
    private const string Token = "SESSION-token-never-shown-fedcba9876543210";
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    private static RetryOptions FastRetry => new()
    {
        MaxAttempts = 3,
        BaseDelay = TimeSpan.FromMilliseconds(1),
        MaxDelay = TimeSpan.FromMilliseconds(5),
        AttemptTimeout = TimeSpan.FromSeconds(10),
    };

    private static byte[] Answer(RawRequest request)
    {
        if (request.Path.Contains("denied", StringComparison.Ordinal))
        {
            return RawHttpServer.Response("403 Forbidden", ["Content-Type: application/xml", "Content-Length: 0"], []);
        }

        if (request.Path.Contains("teapot", StringComparison.Ordinal))
        {
            return RawHttpServer.Status(418, "Teapot");
        }

        var xml = Encoding.UTF8.GetBytes("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>SlowDown</Code><Message>Slow down</Message><RequestId>1</RequestId></Error>");
        return RawHttpServer.Response("503 Service Unavailable", ["Content-Type: application/xml", $"Content-Length: {xml.Length}"], xml);
    }

    private static async Task Collect(List<string> texts, Func<Task> action)
    {
        try
        {
            await action().WaitAsync(Bound);
            texts.Add("no error");
        }
        catch (Exception e) when (e is not TimeoutException)
        {
            for (var x = e; x is not null; x = x.InnerException)
            {
                texts.Add(x.Message);
                texts.Add(x.ToString());
            }
        }
    }

    private static void AssertClean(IEnumerable<string> texts, params string[] secrets)
    {
        foreach (var text in texts)
        {
            foreach (var secret in secrets)
            {
                Assert.False(text.Contains(secret, StringComparison.Ordinal), $"A message holds a secret: {text}");
            }
        }
    }

    [Fact]
    public async Task Http_url_passwords_never_reach_a_message_an_exception_or_a_log_line()
    {
        await using var server = new RawHttpServer(Answer);
        var logger = new CapturingLogger();
        var texts = new List<string>();
        foreach (var port in new[] { server.Port, RawHttpServer.ClosedPort() })
        {
            var url = new Uri($"http://alice:{Password}@127.0.0.1:{port}/data/");
            using var store = new HttpStore(url, new HttpStoreOptions { Logger = logger, Retry = FastRetry });
            var cached = new CachedStore(store, new LruMemoryCache(1 << 20), logger: logger);
            await Collect(texts, async () => await cached.GetAsync("a/0"));
            await Collect(texts, async () => await store.GetRangeAsync("a/0", ByteRange.FromOffset(0, 10)));
            await Collect(texts, async () => await store.GetRangeAsync("a/0", ByteRange.Suffix(10)));
            await Collect(texts, async () => await store.GetSizeAsync("a/0"));
            await Collect(texts, async () => await store.GetIfNoneMatchAsync("a/0", "\"x\""));
            await Collect(texts, async () => await store.GetAsync("denied"));
            await Collect(texts, async () => await store.GetAsync("teapot"));
            await Collect(texts, () => Task.FromResult(StoreCapabilities.RequireListable(store)));
            texts.Add(store.ToString()!);
            texts.Add(store.BaseUri.ToString());
            texts.Add(store.UriOf("a/0").ToString());
            texts.Add(StoreLocation.Parse(url.OriginalString).ToString());
        }

        await Collect(texts, () => Task.FromResult(StoreLocation.Parse($"ftp://alice:{Password}@example.org/x")));
        await Collect(texts, () => Task.FromResult(StoreLocation.Parse($"gs://alice:{Password}@bucket/x")));

        Assert.Contains(logger.Lines, l => l.Contains("attempt 2 of 3", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.Contains("access was denied", StringComparison.Ordinal));
        AssertClean(texts.Concat(logger.Lines), Password);
    }

    [Fact]
    public async Task Http_url_credentials_are_still_sent_as_basic_authentication()
    {
        await using var server = new RawHttpServer(_ => RawHttpServer.Ok([1, 2, 3]));
        using var store = new HttpStore(new Uri($"http://alice:{Uri.EscapeDataString("p@ss word")}@127.0.0.1:{server.Port}/data/"), new HttpStoreOptions { Retry = FastRetry });

        Assert.Equal(new byte[] { 1, 2, 3 }, (await store.GetAsync("k").AsTask().WaitAsync(Bound))!.Value.ToArray());
        var authorization = Assert.Single(server.Requests).Headers["Authorization"];
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("alice:p@ss word")), authorization);
        Assert.Equal("/data/k", server.Requests.Single().Path);
    }

    [Fact]
    public async Task Aws_secrets_never_reach_a_message_an_exception_or_a_log_line()
    {
        await using var server = new RawHttpServer(Answer);
        var logger = new CapturingLogger();
        var texts = new List<string>();
        foreach (var port in new[] { server.Port, RawHttpServer.ClosedPort() })
        {
            var options = new S3StoreOptions
            {
                Endpoint = new Uri($"http://127.0.0.1:{port}"),
                Region = "us-east-1",
                Credentials = new SessionAWSCredentials(AccessKey, Secret, Token),
                Logger = logger,
                Retry = FastRetry,
            };
            using var store = new S3Store("bucket", "data/", options);
            var cached = new CachedStore(store, new LruMemoryCache(1 << 20), logger: logger);
            await Collect(texts, async () => await cached.GetAsync("a/0"));
            await Collect(texts, async () => await store.GetRangeAsync("a/0", ByteRange.FromOffset(0, 10)));
            await Collect(texts, async () => await store.GetSizeAsync("a/0"));
            await Collect(texts, async () => await store.GetAsync("denied"));
            await Collect(texts, async () => await store.SetAsync("a/1", new byte[] { 1 }));
            await Collect(texts, async () => await store.DeleteAsync("a/1"));
            await Collect(texts, async () =>
            {
                await foreach (var _ in store.ListAsync(StorePrefix.Root))
                {
                }
            });
            texts.Add(store.ToString()!);
            texts.Add(options.ToString());
        }

        Assert.Contains(logger.Lines, l => l.Contains("attempt 2 of 3", StringComparison.Ordinal));
        AssertClean(texts.Concat(logger.Lines), Secret, Token);
    }

    [Fact]
    public async Task Cli_output_never_shows_a_url_password_or_an_aws_secret_from_the_environment()
    {
        await using var server = new RawHttpServer(Answer);
        var closed = RawHttpServer.ClosedPort();
        var names = new[] { "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN" };
        var saved = names.Select(Environment.GetEnvironmentVariable).ToArray();
        var texts = new List<string>();
        try
        {
            Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", AccessKey);
            Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", Secret);
            Environment.SetEnvironmentVariable("AWS_SESSION_TOKEN", Token);
            using var cacheDir = new TempDirectory();
            var runs = new List<string[]>
            {
                new[] { "read", $"http://alice:{Password}@127.0.0.1:{server.Port}/data/x.zarr" },
                new[] { "read", $"http://alice:{Password}@127.0.0.1:{closed}/data/x.zarr" },
                new[] { "info", $"http://alice:{Password}@127.0.0.1:{server.Port}/data/x.zarr" },
                new[] { "warm", $"http://alice:{Password}@127.0.0.1:{server.Port}/data/x.zarr", "--disk-cache", cacheDir.Path },
                new[] { "read", $"ftp://alice:{Password}@127.0.0.1/data/x.zarr" },
                new[] { "read", "s3://bucket/x.zarr", "--endpoint", $"http://127.0.0.1:{server.Port}" },
                new[] { "read", "s3://bucket/x.zarr", "--endpoint", $"http://127.0.0.1:{closed}" },
                new[] { "info", "s3://bucket/x.zarr", "--endpoint", $"http://alice:{Password}@127.0.0.1:{closed}" },
            };
            foreach (var args in runs)
            {
                var (code, output, error) = await CliRunner.RunAsync(args).WaitAsync(Bound);
                Assert.NotEqual(0, code);
                texts.Add(output);
                texts.Add(error);
            }
        }
        finally
        {
            for (var i = 0; i < names.Length; i++)
            {
                Environment.SetEnvironmentVariable(names[i], saved[i]);
            }
        }

        Assert.Contains(texts, t => t.StartsWith("error: ", StringComparison.Ordinal));
        AssertClean(texts, Password, Secret, Token);
    }
}

/// <summary>
/// The CLI's successful commands over an HTTP origin that requires the URL's credentials (Basic authentication): they
/// authenticate, and no report (tables, JSON, progress) shows the password.
/// </summary>
public sealed class SecretRedactionCliSuccessTests : IDisposable
{
    private const string Password = "Pa55-WORD-never-shown";
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(120);
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Cli_reports_over_an_authenticated_http_origin_never_show_the_password()
    {
        var data = Path.Combine(_temp.Path, "data");
        var array = await ZarrCache.Zarr.ZarrArray.CreateAsync(new FileSystemStore(data), "a", new ZarrCache.Zarr.ZarrArrayOptions { Shape = [8, 4], ChunkShape = [4, 2], DataType = ZarrCache.Zarr.DataTypes.ZarrDataTypeKind.Int32 });
        await array.WriteAsync<int>(null, Enumerable.Range(0, 32).ToArray());
        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("alice:" + Password));
        await using var server = new RawHttpServer(request =>
        {
            if (!request.Headers.TryGetValue("Authorization", out var auth) || auth != expected)
            {
                return RawHttpServer.Status(401, "Unauthorized");
            }

            var file = Path.Combine(data, request.Path.TrimStart('/').Replace('/', Path.DirectorySeparatorChar));
            if (!File.Exists(file))
            {
                return RawHttpServer.Status(404, "Not Found");
            }

            var bytes = File.ReadAllBytes(file);
            return request.Method == "HEAD"
                ? RawHttpServer.Response("200 OK", [$"Content-Length: {bytes.Length}"], [])
                : RawHttpServer.Ok(bytes);
        });
        var url = $"http://alice:{Password}@127.0.0.1:{server.Port}/";
        var texts = new List<string>();
        var runs = new[]
        {
            new[] { "read", url, "--array", "a" },
            new[] { "info", url, "--array", "a" },
            new[] { "bench", url, "--array", "a", "--pattern", "scan", "--passes", "1" },
            new[] { "bench", url, "--array", "a", "--pattern", "scan", "--passes", "1", "--json" },
            new[] { "warm", url, "--array", "a", "--disk-cache", Path.Combine(_temp.Path, "cache") },
        };
        foreach (var args in runs)
        {
            var (code, output, error) = await CliRunner.RunAsync(args).WaitAsync(Bound);
            Assert.True(code == 0, string.Join(' ', args[0]) + ": " + error);
            texts.Add(output);
            texts.Add(error);
        }

        Assert.Contains("31", texts[0], StringComparison.Ordinal);
        Assert.Contains(texts, t => t.Contains("127.0.0.1", StringComparison.Ordinal));
        foreach (var text in texts)
        {
            Assert.False(text.Contains(Password, StringComparison.Ordinal), $"A report holds the password: {text}");
        }
    }
}

/// <summary>The tests above set AWS credential variables: nothing else may run beside them.</summary>
[CollectionDefinition(nameof(SecretRedactionTests), DisableParallelization = true)]
public sealed class SecretRedactionGroup
{
}
