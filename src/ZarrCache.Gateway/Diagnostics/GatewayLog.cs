using Microsoft.Extensions.Logging;

namespace ZarrCache.Gateway.Diagnostics;

/// <summary>The gateway's log messages. Requests are logged by path only: never a header, a query string or a credential.</summary>
internal static partial class GatewayLog
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "{Api} {Method} {Path} {Status} {Bytes} bytes in {ElapsedMs} ms")]
    public static partial void Request(ILogger logger, string api, string method, string path, int status, long? bytes, double elapsedMs);

    [LoggerMessage(EventId = 101, Level = LogLevel.Warning, Message = "Reading '{Key}' through the cache failed; answered 502")]
    public static partial void ReadFailed(ILogger logger, string key, Exception exception);

    [LoggerMessage(EventId = 102, Level = LogLevel.Information, Message = "Refused {Api} {Method} {Path}: {Reason}")]
    public static partial void Refused(ILogger logger, string api, string method, string path, string reason);

    [LoggerMessage(EventId = 103, Level = LogLevel.Information, Message = "Listing '{Prefix}' failed; answered 502")]
    public static partial void ListFailed(ILogger logger, string prefix, Exception exception);
}
