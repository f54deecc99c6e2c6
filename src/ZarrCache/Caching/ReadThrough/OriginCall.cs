using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace ZarrCache;

/// <summary>
/// One request to the origin as the outside sees it, for a single value, a range or several ranges alike: a
/// <c>zarrcache.origin.read</c> span of the <c>ZarrCache</c> activity source, the origin-read counters of
/// <see cref="CacheStats"/>, and the origin-read, missing and failure logs.
/// </summary>
internal readonly struct OriginCall : IDisposable
{
    private readonly Activity? _activity;
    private readonly long _started;
    private readonly StoreKey _key;
    private readonly StoreCounters _counters;
    private readonly ILogger _logger;

    private OriginCall(StoreKey key, StoreCounters counters, ILogger logger)
    {
        _key = key;
        _counters = counters;
        _logger = logger;
        _activity = ZarrCacheDiagnostics.ActivitySource.StartActivity("zarrcache.origin.read");
        _activity?.SetTag("zarrcache.key", key.Value);
        _started = Stopwatch.GetTimestamp();
        counters.OriginRead();
    }

    /// <summary>Starts the span and counts the request.</summary>
    public static OriginCall Begin(StoreKey key, StoreCounters counters, ILogger logger) => new(key, counters, logger);

    /// <summary>The origin returned <paramref name="bytes"/> bytes.</summary>
    public void Read(long bytes)
    {
        _counters.OriginBytes(bytes);
        if (_logger.IsEnabled(LogLevel.Debug))
        {
            var elapsedMs = Stopwatch.GetElapsedTime(_started).TotalMilliseconds;
            Log.OriginRead(_logger, _key.Value, bytes, elapsedMs);
        }

        _activity?.SetTag("zarrcache.bytes", bytes <= int.MaxValue ? (object)(int)bytes : bytes); // An int, as readers of the tag expect.
    }

    /// <summary>The origin does not have the key.</summary>
    public void Missing()
    {
        _counters.OriginMissing();
        Log.OriginMissing(_logger, _key.Value);
    }

    /// <summary>The request failed.</summary>
    public void Failed(Exception e)
    {
        Log.OriginReadFailed(_logger, _key.Value, e);
        _activity?.SetStatus(ActivityStatusCode.Error, e.Message);
    }

    public void Dispose() => _activity?.Dispose();
}
