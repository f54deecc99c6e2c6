using ZarrCache;
using ZarrCache.Zarr;

namespace WorkerService;

/// <summary>Reads the array named by <c>Example:Array</c> twice through the cached store, prints what each read cost, and stops the host.</summary>
internal sealed partial class ArrayReader(CachedStore store, IConfiguration configuration, IHostApplicationLifetime lifetime, ILogger<ArrayReader> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var path = configuration["Example:Array"] ?? "temperature";
            for (var pass = 1; pass <= 2; pass++)
            {
                var array = await ZarrArray.OpenAsync(store, path, stoppingToken);
                var data = await array.ReadAsync<double>(cancellationToken: stoppingToken);
                var stats = store.CacheStats;
                Console.WriteLine($"read {path}: {data.Data.Length} values, sum {data.Data.Sum()}; origin reads so far {stats.OriginReads}, hits {stats.Hits}");
            }
        }
        catch (Exception e) when (e is ZarrCacheException or IOException)
        {
            LogFailed(logger, e.Message);
            Environment.ExitCode = 1;
        }
        finally
        {
            lifetime.StopApplication();
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The example could not read the array: {Reason}")]
    private static partial void LogFailed(ILogger logger, string reason);
}
