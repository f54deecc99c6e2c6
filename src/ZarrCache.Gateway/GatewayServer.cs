using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using OpenTelemetry.Metrics;
using ZarrCache.Gateway.Diagnostics;
using ZarrCache.Gateway.Http;
using ZarrCache.Gateway.S3;
using ZarrCache.Gateway.Security;
using ZarrCache.Gateway.Status;

namespace ZarrCache.Gateway;

/// <summary>
/// The gateway behind <c>zarr-cache serve</c>: one <see cref="CachedStore"/> served to every client over plain HTTP
/// (keys, <c>/healthz</c>, <c>/metrics</c>, a status page at <c>/</c>) and, when asked, over a read-only S3 API on a
/// listener of its own. Every read goes through the one store, so concurrent clients asking for one chunk cause one
/// origin read. Kestrel, on the addresses the options give (loopback by default).
/// </summary>
public sealed class GatewayServer : IAsyncDisposable
{
    private readonly WebApplication _http;
    private readonly WebApplication? _s3;
    private readonly ConcurrencyGate _gate;

    /// <summary>The gateway over its started listeners, at the addresses Kestrel bound.</summary>
    private GatewayServer(WebApplication http, WebApplication? s3, ConcurrencyGate gate)
    {
        _http = http;
        _s3 = s3;
        _gate = gate;
        HttpAddress = AddressOf(http);
        S3Address = s3 is null ? null : AddressOf(s3);
    }

    /// <summary>Where the plain HTTP API listens (the bound port when 0 was asked for).</summary>
    public Uri HttpAddress { get; }

    /// <summary>Where the S3 API listens, or null when it is off.</summary>
    public Uri? S3Address { get; }

    /// <summary>Starts both listeners.</summary>
    /// <param name="store">The one store every request reads through.</param>
    /// <param name="options">Listeners, access control and limits.</param>
    /// <param name="origin">What the status page names as the origin (credentials are redacted from it).</param>
    /// <param name="configureLogging">Adds or changes log providers (by default warnings go to standard error).</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running gateway; dispose it to stop it.</returns>
    /// <exception cref="ArgumentException">An option is bad; the message names it.</exception>
    public static async Task<GatewayServer> StartAsync(
        CachedStore store, GatewayOptions options, string origin, Action<ILoggingBuilder>? configureLogging = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var metrics = new GatewayMetrics();
        var gate = new ConcurrencyGate(options.MaxConcurrentRequests);
        var http = Build(options, GatewayOptions.ParseEndPoint(options.Listen, "--listen"), configureLogging, withMetrics: true);
        var s3 = options.S3Listen is null ? null : Build(options, GatewayOptions.ParseEndPoint(options.S3Listen, "--s3-listen"), configureLogging, withMetrics: false);
        var logger = http.Services.GetRequiredService<ILoggerFactory>().CreateLogger("ZarrCache.Gateway");
        var cacheControl = $"public, max-age={(long)options.CacheControlMaxAge.TotalSeconds}";
        var reader = new KeyReader(new ObjectSource(store), new ObjectWriter(cacheControl, metrics), metrics, logger);

        IRequestAuthorizer httpAccess = options.Token is { } token ? new BearerToken(token.Trim()) : OpenAccess.Instance;
        var httpApi = new HttpApi(reader, httpAccess, options.MaxKeyLength, logger);
        var status = new StatusPage(store, metrics, UrlRedaction.Redact(origin));
        Pipeline(http, new RequestTelemetry("http", metrics, logger, options.LogRequests), gate);
        http.Use(httpApi.AuthorizeAsync);
        http.MapGet(HttpApi.HealthPath, () => "ok\n");
        http.MapPrometheusScrapingEndpoint("/metrics");
        http.MapGet("/", status.WriteAsync);
        http.MapGet("/favicon.ico", () => Results.NoContent());
        http.MapFallback("{**key}", httpApi.ServeKeyAsync);

        if (s3 is not null)
        {
            IRequestAuthorizer s3Access = options.S3Credentials is { } credentials ? new SigV4Verifier(credentials, TimeProvider.System) : OpenAccess.Instance;
            IBucketListing listing = store is IListableStore listable ? new StoreListing(listable, store) : NoListing.Instance;
            var s3Api = new S3Api(options.Bucket, reader, listing, s3Access, options.MaxKeyLength, metrics, logger);
            Pipeline(s3, new RequestTelemetry("s3", metrics, logger, options.LogRequests), gate);
            s3.Run(s3Api.HandleAsync);
        }

        try
        {
            await http.StartAsync(cancellationToken);
            if (s3 is not null)
            {
                await s3.StartAsync(cancellationToken);
            }
        }
        catch
        {
            await http.DisposeAsync();
            if (s3 is not null)
            {
                await s3.DisposeAsync();
            }

            gate.Dispose();
            throw;
        }

        return new GatewayServer(http, s3, gate);
    }

    /// <summary>Stops both listeners (requests in flight get a few seconds to finish).</summary>
    /// <returns>A task that completes when they are stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _http.StopAsync(stop.Token);
        await _http.DisposeAsync();
        if (_s3 is not null)
        {
            await _s3.StopAsync(stop.Token);
            await _s3.DisposeAsync();
        }

        _gate.Dispose();
    }

    private static WebApplication Build(GatewayOptions options, IPEndPoint endPoint, Action<ILoggingBuilder>? configureLogging, bool withMetrics)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Services.AddSingleton<IHostLifetime, CallerLifetime>();
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        if (options.LogRequests)
        {
            builder.Logging.AddFilter("ZarrCache.Gateway", LogLevel.Information);
        }

        configureLogging?.Invoke(builder.Logging);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestHeadersTotalSize = options.MaxRequestHeadersBytes;
            k.Limits.MaxRequestHeaderCount = 64;
            k.Limits.MaxRequestBodySize = 0;
            k.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(10);
            k.Limits.MaxConcurrentConnections = 4L * options.MaxConcurrentRequests;
            k.Listen(endPoint);
        });
        builder.Services.AddRequestTimeouts(o => o.DefaultPolicy = new RequestTimeoutPolicy { Timeout = options.RequestTimeout, TimeoutStatusCode = StatusCodes.Status504GatewayTimeout });
        if (withMetrics)
        {
            builder.Services.AddOpenTelemetry().WithMetrics(m => m
                .AddMeter(ZarrCacheDiagnostics.Name)
                .AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0));
        }

        return builder.Build();
    }

    private static void Pipeline(WebApplication app, RequestTelemetry telemetry, ConcurrencyGate gate)
    {
        app.Use(telemetry.InvokeAsync);
        app.Use(gate.InvokeAsync);
        app.UseRequestTimeouts();
    }

    private static Uri AddressOf(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
        var first = addresses?.FirstOrDefault() ?? throw new InvalidOperationException("Kestrel reported no address.");
        return new Uri(first.Replace("://[::]", "://[::1]", StringComparison.Ordinal).Replace("://0.0.0.0", "://127.0.0.1", StringComparison.Ordinal) + "/");
    }

    /// <summary>The caller starts and stops the gateway (the CLI on Ctrl+C): no console lifetime of the host's own.</summary>
    private sealed class CallerLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
