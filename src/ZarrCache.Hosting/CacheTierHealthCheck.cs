using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ZarrCache.Hosting;

/// <summary>The health check of one tier of a registered store: the tier's own probe, or a lookup that must not throw; its figures as data.</summary>
internal sealed class CacheTierHealthCheck(IServiceProvider services, string storeName, string tierName) : IHealthCheck
{
    private static readonly StoreKey ProbeKey = "zarrcache-health/probe";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var instance = services.GetRequiredKeyedService<ZarrCacheInstance>(storeName);
        var tier = instance.Tiers.FirstOrDefault(t => t.Name == tierName);
        if (tier is null)
        {
            return HealthCheckResult.Healthy($"'{StoreLabel}' has no {tierName} tier configured.");
        }

        var stats = tier.Cache.Stats;
        var data = new Dictionary<string, object>
        {
            ["bytes"] = tier.Cache.Size,
            ["max_bytes"] = tier.Cache.MaxSize,
            ["entries"] = stats.Entries,
            ["hits"] = stats.Hits,
            ["misses"] = stats.Misses,
            ["corrupt_entries"] = stats.CorruptEntries,
        };
        try
        {
            if (tier.Cache is ICacheHealthProbe probe)
            {
                var result = await probe.ProbeAsync(cancellationToken).ConfigureAwait(false);
                return new HealthCheckResult(result.Status, result.Description, result.Exception, data);
            }

            _ = await tier.Cache.GetAsync(ProbeKey, cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy($"The {tierName} tier of '{StoreLabel}' answers.", data);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"The {tierName} tier of '{StoreLabel}' failed: {e.Message}", e, data);
        }
    }

    private string StoreLabel => storeName.Length == 0 ? "default" : storeName;
}
