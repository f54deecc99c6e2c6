using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ZarrCache.Gateway.Diagnostics;

/// <summary>
/// Middleware that times every request of one API, counts it in <see cref="GatewayMetrics"/> and, when request logging
/// is on, logs one line (method, path, status, bytes, milliseconds: never headers or the query string).
/// </summary>
internal sealed class RequestTelemetry(string api, GatewayMetrics metrics, ILogger logger, bool logRequests)
{
    /// <summary>Runs the rest of the pipeline, then records the request.</summary>
    /// <param name="context">The request.</param>
    /// <param name="next">The rest of the pipeline.</param>
    /// <returns>A task that completes with the request.</returns>
    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            var elapsed = Stopwatch.GetElapsedTime(start);
            metrics.Request(api, context.Response.StatusCode, elapsed.TotalSeconds);
            if (logRequests)
            {
                GatewayLog.Request(logger, api, context.Request.Method, context.Request.Path.Value ?? "/", context.Response.StatusCode, context.Response.ContentLength, elapsed.TotalMilliseconds);
            }
        }
    }
}
