using Microsoft.Extensions.Logging;

namespace ZarrCache;

/// <summary>Log messages of the remote stores.</summary>
internal static partial class OriginLog
{
    [LoggerMessage(EventId = 20, Level = LogLevel.Warning,
        Message = "{Operation} of '{Key}' failed ({Reason}); attempt {Attempt} of {MaxAttempts} in {DelayMs} ms")]
    public static partial void Retrying(ILogger logger, string operation, string key, int attempt, int maxAttempts, double delayMs, string reason);

    [LoggerMessage(EventId = 21, Level = LogLevel.Debug,
        Message = "'{Key}': the origin answered the suffix range {Range} with bytes {Start}-{End} of {Total}; reading the right bytes with an absolute range")]
    public static partial void SuffixRangeMisread(ILogger logger, string key, ByteRange range, long start, long end, long total);
}
