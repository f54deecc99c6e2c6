using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using ZarrCache.Gateway.Diagnostics;
using ZarrCache.Gateway.Security;

namespace ZarrCache.Gateway.Http;

/// <summary>
/// The plain HTTP API: <c>GET</c>/<c>HEAD</c> <c>/KEY</c> serves the origin's key through the cache; every other verb on
/// a key is 405. Errors are one line of plain text naming the key. With a token, every request but <c>/healthz</c>
/// needs <c>Authorization: Bearer TOKEN</c> (403 without it).
/// </summary>
internal sealed class HttpApi(KeyReader reader, IRequestAuthorizer authorizer, int maxKeyLength, ILogger logger) : KeyReader.IErrors
{
    /// <summary>The path that is always open (liveness probes).</summary>
    public const string HealthPath = "/healthz";

    /// <summary>Middleware: 403 for a request the authorizer refuses (all but <c>/healthz</c>).</summary>
    /// <param name="context">The request.</param>
    /// <param name="next">The rest of the pipeline.</param>
    /// <returns>A task that completes with the request.</returns>
    public async Task AuthorizeAsync(HttpContext context, RequestDelegate next)
    {
        if (context.Request.Path != HealthPath && !authorizer.IsAllowed(context.Request))
        {
            GatewayLog.Refused(logger, "http", context.Request.Method, context.Request.Path.Value ?? "/", "no valid bearer token");
            await TextAsync(context, StatusCodes.Status403Forbidden, "forbidden: this gateway needs 'Authorization: Bearer <token>'.");
            return;
        }

        await next(context);
    }

    /// <summary>The handler of every path that is not an operational endpoint: a key.</summary>
    /// <param name="context">The request.</param>
    /// <returns>A task that completes when the response is written.</returns>
    public async Task ServeKeyAsync(HttpContext context)
    {
        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
        {
            context.Response.Headers.Allow = "GET, HEAD";
            await TextAsync(context, StatusCodes.Status405MethodNotAllowed, $"method {context.Request.Method} not allowed: the gateway is read-only (GET, HEAD).");
            return;
        }

        var path = RequestKey.RawPath(context);
        if (!RequestKey.TryParse(path.Length > 0 ? path[1..] : path, maxKeyLength, out var key, out var problem))
        {
            GatewayLog.Refused(logger, "http", context.Request.Method, context.Request.Path.Value ?? "/", problem);
            await TextAsync(context, StatusCodes.Status400BadRequest, problem);
            return;
        }

        await reader.ServeAsync(context, key, this);
    }

    /// <inheritdoc />
    public Task NotFoundAsync(HttpContext context, StoreKey key) =>
        TextAsync(context, StatusCodes.Status404NotFound, $"not found: '{key}'.");

    /// <inheritdoc />
    public Task UnsatisfiableAsync(HttpContext context, StoreKey key, long length) =>
        TextAsync(context, StatusCodes.Status416RangeNotSatisfiable, $"range not satisfiable: '{key}' has {length} bytes.");

    /// <inheritdoc />
    public Task FailedAsync(HttpContext context, StoreKey key) =>
        TextAsync(context, StatusCodes.Status502BadGateway, $"reading '{key}' from the origin failed.");

    private static async Task TextAsync(HttpContext context, int status, string line)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        var bytes = System.Text.Encoding.UTF8.GetBytes(line + "\n");
        context.Response.ContentLength = bytes.Length;
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
        }
    }
}
