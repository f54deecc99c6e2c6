using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using ZarrCache.Gateway.Diagnostics;
using ZarrCache.Gateway.Http;
using ZarrCache.Gateway.Security;

namespace ZarrCache.Gateway.S3;

/// <summary>
/// The read-only S3 API, path style, over one bucket whose keys are the origin's keys: GetObject and HeadObject (with
/// ranges and conditions, through <see cref="KeyReader"/>), HeadBucket, and ListObjectsV2 (prefix, delimiter, max-keys,
/// continuation token, start-after) when the origin lists. Everything else is an S3 XML error: 405 for a writing verb,
/// 501 for a read the gateway does not offer, 403 for a request the authorizer refuses.
/// </summary>
internal sealed class S3Api(
    string bucket, KeyReader reader, IBucketListing listing, IRequestAuthorizer authorizer, int maxKeyLength, GatewayMetrics metrics, ILogger logger)
    : KeyReader.IErrors
{
    /// <summary>Handles every request of the S3 listener.</summary>
    /// <param name="context">The request.</param>
    /// <returns>A task that completes when the response is written.</returns>
    public async Task HandleAsync(HttpContext context)
    {
        var method = context.Request.Method;
        var path = RequestKey.RawPath(context);
        if (!authorizer.IsAllowed(context.Request))
        {
            GatewayLog.Refused(logger, "s3", method, context.Request.Path.Value ?? "/", "no valid signature");
            await S3Xml.WriteErrorAsync(context, StatusCodes.Status403Forbidden, "AccessDenied", "Access Denied: the request is not signed with this gateway's credentials.", null);
            return;
        }

        if (!HttpMethods.IsGet(method) && !HttpMethods.IsHead(method))
        {
            context.Response.Headers.Allow = "GET, HEAD";
            await S3Xml.WriteErrorAsync(context, StatusCodes.Status405MethodNotAllowed, "MethodNotAllowed", $"{method} is not allowed: this gateway is read-only.", null);
            return;
        }

        var rest = path.TrimStart('/');
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var name = Uri.UnescapeDataString(slash < 0 ? rest : rest[..slash]);
        if (name.Length == 0)
        {
            await S3Xml.WriteErrorAsync(context, StatusCodes.Status501NotImplemented, "NotImplemented", $"ListBuckets is not offered; the bucket is '{bucket}'.", null);
            return;
        }

        if (!string.Equals(name, bucket, StringComparison.Ordinal))
        {
            await S3Xml.WriteErrorAsync(context, StatusCodes.Status404NotFound, "NoSuchBucket", $"The bucket '{name}' does not exist; this gateway serves '{bucket}'.", name);
            return;
        }

        var encodedKey = slash < 0 ? string.Empty : rest[(slash + 1)..];
        if (encodedKey.Length == 0)
        {
            await BucketAsync(context);
            return;
        }

        if (!RequestKey.TryParse(encodedKey, maxKeyLength, out var key, out var problem))
        {
            GatewayLog.Refused(logger, "s3", method, context.Request.Path.Value ?? "/", problem);
            await S3Xml.WriteErrorAsync(context, StatusCodes.Status400BadRequest, "InvalidArgument", problem, null);
            return;
        }

        await reader.ServeAsync(context, key, this);
    }

    /// <inheritdoc />
    public Task NotFoundAsync(HttpContext context, StoreKey key) =>
        S3Xml.WriteErrorAsync(context, StatusCodes.Status404NotFound, "NoSuchKey", "The specified key does not exist.", key.Value);

    /// <inheritdoc />
    public Task UnsatisfiableAsync(HttpContext context, StoreKey key, long length) =>
        S3Xml.WriteErrorAsync(context, StatusCodes.Status416RangeNotSatisfiable, "InvalidRange", $"The requested range is not satisfiable: the object has {length} bytes.", key.Value);

    /// <inheritdoc />
    public Task FailedAsync(HttpContext context, StoreKey key) =>
        S3Xml.WriteErrorAsync(context, StatusCodes.Status502BadGateway, "BadGateway", "Reading the object from the origin failed.", key.Value);

    private async Task BucketAsync(HttpContext context)
    {
        var query = context.Request.Query;
        if (HttpMethods.IsHead(context.Request.Method))
        {
            context.Response.StatusCode = StatusCodes.Status200OK;
            return;
        }

        if (query["list-type"] != "2")
        {
            await S3Xml.WriteErrorAsync(context, StatusCodes.Status501NotImplemented, "NotImplemented", "Only ListObjectsV2 (list-type=2) is offered on the bucket.", bucket);
            return;
        }

        if (ListRequest.Parse(query, out var problem) is not { } request)
        {
            await S3Xml.WriteErrorAsync(context, StatusCodes.Status400BadRequest, "InvalidArgument", problem, bucket);
            return;
        }

        ListPage? page;
        try
        {
            page = await listing.ReadAsync(request, context.RequestAborted);
        }
        catch (Exception e) when (e is not OperationCanceledException || !context.RequestAborted.IsCancellationRequested)
        {
            GatewayLog.ListFailed(logger, request.Prefix, e);
            await S3Xml.WriteErrorAsync(context, StatusCodes.Status502BadGateway, "BadGateway", "Listing the origin failed.", bucket);
            return;
        }

        if (page is null)
        {
            await S3Xml.WriteErrorAsync(context, StatusCodes.Status501NotImplemented, "NotImplemented", "The origin cannot list its keys.", bucket);
            return;
        }

        metrics.BytesServed(await S3Xml.WriteListAsync(context.Response, bucket, page, context.RequestAborted));
    }
}
