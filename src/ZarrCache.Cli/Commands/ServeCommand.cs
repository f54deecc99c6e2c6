using System.CommandLine;
using ZarrCache.Gateway;

namespace ZarrCache.Cli.Commands;

/// <summary>
/// `zarr-cache serve &lt;store&gt; [--listen 127.0.0.1:8080] [--s3-listen ADDR] [--bucket NAME] [--token T] [cache options]`:
/// serves the store through one cache to every client, over plain HTTP and (with --s3-listen) a read-only S3 API. Prints
/// the bound addresses on standard output ("http listening on URL", "s3 listening on URL bucket NAME"), then runs until
/// Ctrl+C or SIGTERM.
/// </summary>
/// <remarks>
/// Secrets are taken from the environment so they do not show in a process list: <c>ZARRCACHE_GATEWAY_TOKEN</c> (or
/// <c>--token</c>), and <c>ZARRCACHE_GATEWAY_ACCESS_KEY_ID</c> with <c>ZARRCACHE_GATEWAY_SECRET_ACCESS_KEY</c> for the S3
/// API's signature check.
/// </remarks>
internal static class ServeCommand
{
    /// <summary>The variable a bearer token may come from.</summary>
    public const string TokenVariable = "ZARRCACHE_GATEWAY_TOKEN";

    /// <summary>The variable of the access key id the S3 API checks signatures against.</summary>
    public const string AccessKeyVariable = "ZARRCACHE_GATEWAY_ACCESS_KEY_ID";

    /// <summary>The variable of its secret.</summary>
    public const string SecretKeyVariable = "ZARRCACHE_GATEWAY_SECRET_ACCESS_KEY";

    public static Command Create()
    {
        var store = new Argument<string>("store") { Description = "The origin: a folder, http(s):// URL or s3://bucket/prefix." };
        var listen = new Option<string>("--listen") { Description = "Plain HTTP address, HOST:PORT (port 0: a free one).", DefaultValueFactory = _ => "127.0.0.1:8080" };
        var s3Listen = new Option<string?>("--s3-listen") { Description = "Also serve a read-only S3 API (path style) on HOST:PORT." };
        var bucket = new Option<string>("--bucket") { Description = "The bucket name of the S3 API.", DefaultValueFactory = _ => "zarr" };
        var token = new Option<string?>("--token") { Description = $"Require 'Authorization: Bearer TOKEN' on plain HTTP (better: set {TokenVariable})." };
        var maxConcurrent = new Option<int>("--max-concurrent") { Description = "Requests served at once (more wait, then get 503).", DefaultValueFactory = _ => 256 };
        var timeout = new Option<string>("--request-timeout") { Description = "Longest time for one request (504 after): 30s, 2m, …", DefaultValueFactory = _ => "60s" };
        var maxAge = new Option<string>("--max-age") { Description = "Cache-Control max-age for browsers and CDNs in front: 0, 60s, 1h, …", DefaultValueFactory = _ => "60s" };
        var logRequests = new Option<bool>("--log-requests") { Description = "Log one line per request (method, path, status, bytes, time) to standard error." };
        var cache = new CacheOptions();
        var storeOptions = new StoreCliOptions();
        var command = new Command("serve", "Serve a store through one cache to every client: plain HTTP (and a read-only S3 API with --s3-listen), with /healthz, /metrics and a status page at /.")
        {
            store, listen, s3Listen, bucket, token, maxConcurrent, timeout, maxAge, logRequests,
        };

        cache.AddTo(command);
        storeOptions.AddTo(command);
        command.SetAction(CliErrors.Guard(async (result, cancellationToken) =>
        {
            var config = cache.ToConfig(result) ?? throw new ArgumentException("--no-cache: serve is a cache; leave --no-cache out.");
            var options = new GatewayOptions
            {
                Listen = result.GetValue(listen)!,
                S3Listen = result.GetValue(s3Listen),
                Bucket = result.GetValue(bucket)!,
                Token = result.GetValue(token) ?? NonEmpty(Environment.GetEnvironmentVariable(TokenVariable)),
                S3Credentials = Credentials(),
                MaxConcurrentRequests = result.GetValue(maxConcurrent),
                RequestTimeout = Named("--request-timeout", () => Durations.Parse(result.GetValue(timeout)!)),
                CacheControlMaxAge = Named("--max-age", () => Durations.Parse(result.GetValue(maxAge)!)),
                LogRequests = result.GetValue(logRequests),
            };
            var location = result.GetValue(store)!;
            var origin = StoreOpener.Open(location, storeOptions.ToOpenOptions(result));
            try
            {
                using var trace = cache.OpenTrace(result);
                await using var cached = CachedStore.Create(origin, trace.Into(config));
                await using var server = await GatewayServer.StartAsync(cached, Renamed(options), location, cancellationToken: cancellationToken);
                var output = result.InvocationConfiguration.Output;
                await output.WriteLineAsync($"http listening on {server.HttpAddress}");
                if (server.S3Address is { } s3)
                {
                    await output.WriteLineAsync($"s3 listening on {s3} bucket {options.Bucket}");
                }

                await output.FlushAsync(cancellationToken);
                try
                {
                    await Task.Delay(Timeout.Infinite, cancellationToken);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    // Ctrl+C or SIGTERM: stop serving.
                }

                return 0;
            }
            finally
            {
                (origin as IDisposable)?.Dispose();
            }
        }, store));
        return command;
    }

    /// <summary>The options, checked, with the library's field names in messages turned into the CLI's option names.</summary>
    private static GatewayOptions Renamed(GatewayOptions options)
    {
        try
        {
            options.Validate();
            return options;
        }
        catch (ArgumentException e)
        {
            var message = CliErrors.MessageOf(e)
                .Replace("GatewayOptions.Bucket", "--bucket", StringComparison.Ordinal)
                .Replace("GatewayOptions.Token", "--token", StringComparison.Ordinal)
                .Replace("GatewayOptions.MaxConcurrentRequests", "--max-concurrent", StringComparison.Ordinal)
                .Replace("GatewayOptions.RequestTimeout", "--request-timeout", StringComparison.Ordinal)
                .Replace("GatewayOptions.CacheControlMaxAge", "--max-age", StringComparison.Ordinal)
                .Replace("GatewayCredentials.AccessKeyId", AccessKeyVariable, StringComparison.Ordinal)
                .Replace("GatewayCredentials.SecretAccessKey", SecretKeyVariable, StringComparison.Ordinal)
                .Replace("Listen '", "--listen '", StringComparison.Ordinal)
                .Replace("S3Listen '", "--s3-listen '", StringComparison.Ordinal);
            throw new ArgumentException(message, e);
        }
    }

    private static GatewayCredentials? Credentials()
    {
        var id = NonEmpty(Environment.GetEnvironmentVariable(AccessKeyVariable));
        var secret = NonEmpty(Environment.GetEnvironmentVariable(SecretKeyVariable));
        return (id, secret) switch
        {
            (null, null) => null,
            ({ } i, { } s) => new GatewayCredentials(i, s),
            _ => throw new ArgumentException($"set both {AccessKeyVariable} and {SecretKeyVariable} (or neither) for the S3 API's signature check."),
        };
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static TimeSpan Named(string option, Func<TimeSpan> parse)
    {
        try
        {
            return parse();
        }
        catch (FormatException e)
        {
            throw new ArgumentException($"{option}: {e.Message}", e);
        }
    }
}
