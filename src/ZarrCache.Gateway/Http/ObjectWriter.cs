using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using ZarrCache.Gateway.Diagnostics;

namespace ZarrCache.Gateway.Http;

/// <summary>
/// Writes a found object as a plan says, for both APIs: ETag, Accept-Ranges, Content-Type, Cache-Control and
/// Content-Length always; 200 whole, 206 with Content-Range for one range, 206 <c>multipart/byteranges</c> for several,
/// 304 with no body. A HEAD gets the same headers and no body. (416 is the caller's: each API words its errors.)
/// </summary>
internal sealed class ObjectWriter(string cacheControl, GatewayMetrics metrics)
{
    /// <summary>Writes the response.</summary>
    /// <param name="context">The request.</param>
    /// <param name="value">The object.</param>
    /// <param name="plan">What to answer (not <see cref="ResponseKind.Unsatisfiable"/>).</param>
    /// <returns>A task that completes when the response is written.</returns>
    public async Task WriteAsync(HttpContext context, ServedObject value, ResponsePlan plan)
    {
        var response = context.Response;
        var head = HttpMethods.IsHead(context.Request.Method);
        response.Headers.ETag = value.ETag;
        response.Headers.CacheControl = cacheControl;
        response.Headers.AcceptRanges = "bytes";
        var contentType = ContentTypeOf(value.Key);
        var length = value.Bytes.Length;
        var token = context.RequestAborted;

        switch (plan.Kind)
        {
            case ResponseKind.NotModified:
                response.StatusCode = StatusCodes.Status304NotModified;
                return;
            case ResponseKind.Partial when plan.Ranges.Count == 1:
            {
                var (start, count) = plan.Ranges[0];
                response.StatusCode = StatusCodes.Status206PartialContent;
                response.ContentType = contentType;
                response.Headers.ContentRange = ContentRange(start, count, length);
                await WriteBodyAsync(response, value.Bytes.Slice((int)start, (int)count), head, token);
                return;
            }

            case ResponseKind.Partial:
                await WriteMultipartAsync(response, value.Bytes, plan.Ranges, contentType, head, token);
                return;
            default:
                response.StatusCode = StatusCodes.Status200OK;
                response.ContentType = contentType;
                await WriteBodyAsync(response, value.Bytes, head, token);
                return;
        }
    }

    /// <summary>The <c>Content-Range</c> of a 416: <c>bytes */LENGTH</c>.</summary>
    /// <param name="length">The value's length.</param>
    /// <returns>The header value.</returns>
    public static string UnsatisfiedRange(long length) => string.Create(CultureInfo.InvariantCulture, $"bytes */{length}");

    private async Task WriteBodyAsync(HttpResponse response, ReadOnlyMemory<byte> body, bool head, CancellationToken token)
    {
        response.ContentLength = body.Length;
        if (!head)
        {
            await response.Body.WriteAsync(body, token);
            metrics.BytesServed(body.Length);
        }
    }

    private async Task WriteMultipartAsync(
        HttpResponse response, ReadOnlyMemory<byte> value, IReadOnlyList<(long Start, long Length)> ranges, string contentType, bool head, CancellationToken token)
    {
        var boundary = "zarrcache-" + Guid.NewGuid().ToString("N");
        var parts = new List<(byte[] Header, ReadOnlyMemory<byte> Body)>(ranges.Count);
        long total = 0;
        foreach (var (start, count) in ranges)
        {
            var header = Encoding.ASCII.GetBytes(
                $"\r\n--{boundary}\r\nContent-Type: {contentType}\r\nContent-Range: {ContentRange(start, count, value.Length)}\r\n\r\n");
            parts.Add((header, value.Slice((int)start, (int)count)));
            total += header.Length + count;
        }

        var end = Encoding.ASCII.GetBytes($"\r\n--{boundary}--\r\n");
        total += end.Length;
        response.StatusCode = StatusCodes.Status206PartialContent;
        response.ContentType = "multipart/byteranges; boundary=" + boundary;
        response.ContentLength = total;
        if (head)
        {
            return;
        }

        foreach (var (header, body) in parts)
        {
            await response.Body.WriteAsync(header, token);
            await response.Body.WriteAsync(body, token);
        }

        await response.Body.WriteAsync(end, token);
        metrics.BytesServed(total);
    }

    private static string ContentRange(long start, long count, long length) =>
        string.Create(CultureInfo.InvariantCulture, $"bytes {start}-{start + count - 1}/{length}");

    /// <summary>JSON for Zarr metadata (so a browser shows it), bytes for everything else.</summary>
    private static string ContentTypeOf(StoreKey key) => KeyPolicy.Classify(key) switch
    {
        KeyKind.Chunk or KeyKind.Other => "application/octet-stream",
        _ => "application/json",
    };
}
