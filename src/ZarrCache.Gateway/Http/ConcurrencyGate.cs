using Microsoft.AspNetCore.Http;

namespace ZarrCache.Gateway.Http;

/// <summary>
/// Middleware shared by both listeners: at most N requests run at once, up to 4×N more wait (in no promised order),
/// and a request beyond that is answered 503 with <c>Retry-After: 1</c> at once instead of piling up.
/// </summary>
internal sealed class ConcurrencyGate(int limit) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(limit, limit);
    private readonly int _queueLimit = 4 * limit;
    private int _waiting;

    /// <summary>Runs the request when a slot is free.</summary>
    /// <param name="context">The request.</param>
    /// <param name="next">The rest of the pipeline.</param>
    /// <returns>A task that completes with the request.</returns>
    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (!_slots.Wait(0))
        {
            if (Interlocked.Increment(ref _waiting) > _queueLimit)
            {
                Interlocked.Decrement(ref _waiting);
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                context.Response.Headers.RetryAfter = "1";
                return;
            }

            try
            {
                await _slots.WaitAsync(context.RequestAborted);
            }
            finally
            {
                Interlocked.Decrement(ref _waiting);
            }
        }

        try
        {
            await next(context);
        }
        finally
        {
            _slots.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose() => _slots.Dispose();
}
