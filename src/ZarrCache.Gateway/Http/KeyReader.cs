using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using ZarrCache.Gateway.Diagnostics;

namespace ZarrCache.Gateway.Http;

/// <summary>
/// The GET and HEAD of one key that both APIs share: read through the one store (502 when that fails, without the
/// origin's error text), then plan and write the answer. Each API says how it words a missing key and a 416.
/// </summary>
internal sealed class KeyReader(ObjectSource source, ObjectWriter writer, GatewayMetrics metrics, ILogger logger)
{
    /// <summary>How an API answers what is not an object.</summary>
    public interface IErrors
    {
        /// <summary>404 for a missing key.</summary>
        Task NotFoundAsync(HttpContext context, StoreKey key);

        /// <summary>416 for ranges past the end.</summary>
        Task UnsatisfiableAsync(HttpContext context, StoreKey key, long length);

        /// <summary>502 for a read that failed.</summary>
        Task FailedAsync(HttpContext context, StoreKey key);
    }

    /// <summary>Answers a GET or HEAD of <paramref name="key"/>.</summary>
    /// <param name="context">The request.</param>
    /// <param name="key">The validated key.</param>
    /// <param name="errors">How the API words errors.</param>
    /// <returns>A task that completes when the response is written.</returns>
    public async Task ServeAsync(HttpContext context, StoreKey key, IErrors errors)
    {
        ServedObject? value;
        try
        {
            value = await source.GetAsync(key, context.RequestAborted);
        }
        catch (Exception e) when (e is not OperationCanceledException || !context.RequestAborted.IsCancellationRequested)
        {
            GatewayLog.ReadFailed(logger, key.Value, e);
            await errors.FailedAsync(context, key);
            return;
        }

        if (value is null)
        {
            await errors.NotFoundAsync(context, key);
            return;
        }

        metrics.KeyRead(key);
        var plan = ResponsePlan.For(context.Request.Headers, value.ETag, value.Bytes.Length);
        if (plan.Kind == ResponseKind.Unsatisfiable)
        {
            context.Response.Headers.ContentRange = ObjectWriter.UnsatisfiedRange(value.Bytes.Length);
            await errors.UnsatisfiableAsync(context, key, value.Bytes.Length);
            return;
        }

        await writer.WriteAsync(context, value, plan);
    }
}
