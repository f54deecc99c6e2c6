using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace ZarrCache.Hosting;

/// <summary>Adds ZarrCache's <see cref="System.Diagnostics.Metrics.Meter"/> and <see cref="System.Diagnostics.ActivitySource"/> (both named <c>ZarrCache</c>) to OpenTelemetry.</summary>
public static class ZarrCacheTelemetryExtensions
{
    /// <summary>Collects ZarrCache's metrics (<c>zarrcache.*</c>, docs/observability.md) from the meter named <c>ZarrCache</c>.</summary>
    /// <param name="builder">The meter provider builder.</param>
    /// <returns>The builder.</returns>
    public static MeterProviderBuilder AddZarrCacheInstrumentation(this MeterProviderBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddMeter(ZarrCacheDiagnostics.Name);
    }

    /// <summary>Collects ZarrCache's spans (origin reads and the like) from the activity source named <c>ZarrCache</c>.</summary>
    /// <param name="builder">The tracer provider builder.</param>
    /// <returns>The builder.</returns>
    public static TracerProviderBuilder AddZarrCacheInstrumentation(this TracerProviderBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddSource(ZarrCacheDiagnostics.Name);
    }
}
