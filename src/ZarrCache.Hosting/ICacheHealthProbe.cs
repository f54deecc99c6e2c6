using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ZarrCache.Hosting;

/// <summary>
/// A tier that can tell its own health (a tier whose backend can be down, such as <see cref="DistributedCacheTier"/>).
/// A tier without it is checked by a lookup that must not throw.
/// </summary>
public interface ICacheHealthProbe
{
    /// <summary>Asks the tier's backend whether it answers.</summary>
    /// <param name="cancellationToken">Cancels the probe (the health check's timeout).</param>
    /// <returns>Healthy, or why not.</returns>
    Task<HealthCheckResult> ProbeAsync(CancellationToken cancellationToken);
}
