using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace ZarrCache.Hosting;

/// <summary>
/// Configures one store registered with <c>AddZarrCache</c>: its origin in code, extra tiers below memory and disk,
/// health checks. Every extra tier (an <c>IDistributedCache</c>, a shared Redis tier, your own <see cref="ICache"/>)
/// comes in through <see cref="AddTier"/>.
/// </summary>
public sealed class ZarrCacheBuilder
{
    private readonly ZarrCacheRegistration _registration;

    internal ZarrCacheBuilder(IServiceCollection services, ZarrCacheRegistration registration)
    {
        Services = services;
        _registration = registration;
    }

    /// <summary>The service collection.</summary>
    public IServiceCollection Services { get; }

    /// <summary>The store's name; empty for the default store.</summary>
    public string Name => _registration.Name;

    /// <summary>Reads from an origin built in code (an S3Store, your own store) instead of <see cref="ZarrCacheOptions.Origin"/>.</summary>
    /// <param name="origin">Builds the origin from the container.</param>
    /// <returns>This builder.</returns>
    public ZarrCacheBuilder UseOrigin(Func<IServiceProvider, IReadableStore> origin)
    {
        ArgumentNullException.ThrowIfNull(origin);
        _registration.Origin = origin;
        return this;
    }

    /// <summary>
    /// Adds a tier below the ones already there (memory, then disk when configured, then earlier added tiers): a lookup
    /// that misses above tries it, a hit there is copied up, and values are written through to it.
    /// </summary>
    /// <param name="name">The tier's name (health checks are named <c>zarrcache-STORE-NAME</c>).</param>
    /// <param name="create">Builds the tier from the container and the store's options; it must store expiries (<see cref="IExpiringCache"/>).</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException">The name is empty or taken.</exception>
    public ZarrCacheBuilder AddTier(string name, Func<IServiceProvider, ZarrCacheOptions, IExpiringCache> create)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(create);
        if (_registration.TierNames.Contains(name, StringComparer.Ordinal))
        {
            throw new ArgumentException($"The store '{Label}' already has a tier named '{name}'.", nameof(name));
        }

        _registration.ExtraTiers.Add((name, create));
        return this;
    }

    /// <summary>
    /// Adds the container's <see cref="Microsoft.Extensions.Caching.Distributed.IDistributedCache"/> as a tier (a
    /// <see cref="DistributedCacheTier"/> with <see cref="ZarrCacheOptions.DistributedTier"/>; its keys start with
    /// <see cref="DistributedCacheTierOptions.KeyPrefix"/> followed by the store's name and a colon for a named store).
    /// </summary>
    /// <param name="name">The tier's name. Default <c>distributed</c>.</param>
    /// <returns>This builder.</returns>
    public ZarrCacheBuilder AddDistributedCacheTier(string name = "distributed") =>
        AddTier(name, (services, options) => new DistributedCacheTier(
            services.GetRequiredService<Microsoft.Extensions.Caching.Distributed.IDistributedCache>(),
            options.DistributedTier with
            {
                KeyPrefix = _registration.Name.Length == 0 ? options.DistributedTier.KeyPrefix : $"{options.DistributedTier.KeyPrefix}{_registration.Name}:",
                TimeProvider = options.DistributedTier.TimeProvider ?? services.GetService<TimeProvider>(),
            },
            ZarrCacheStoreFactory.LoggerFrom(services)));

    /// <summary>
    /// Registers a health check per tier (<c>zarrcache-STORE-memory</c>, <c>-disk</c>, and one per added tier, STORE
    /// being <c>default</c> for the default store), tagged <c>zarrcache</c> and <paramref name="tags"/>. Tiers added after
    /// this call are checked too.
    /// </summary>
    /// <param name="tags">More tags for the checks.</param>
    /// <param name="failureStatus">The status of a failed check; null for Unhealthy.</param>
    /// <returns>This builder.</returns>
    public ZarrCacheBuilder AddHealthChecks(IEnumerable<string>? tags = null, HealthStatus? failureStatus = null)
    {
        Services.AddHealthChecks();
        string[] allTags = ["zarrcache", .. tags ?? []];
        var registration = _registration;
        Services.AddOptions<HealthCheckServiceOptions>().Configure<IServiceProvider>((options, services) =>
        {
            foreach (var tier in registration.TierNames)
            {
                options.Registrations.Add(new HealthCheckRegistration(
                    $"zarrcache-{Label}-{tier}",
                    _ => new CacheTierHealthCheck(services, registration.Name, tier),
                    failureStatus,
                    allTags,
                    TimeSpan.FromSeconds(10)));
            }
        });
        return this;
    }

    /// <summary>Changes the store's options in code, after configuration binding.</summary>
    /// <param name="configure">Changes the options.</param>
    /// <returns>This builder.</returns>
    public ZarrCacheBuilder Configure(Action<ZarrCacheOptions> configure)
    {
        Services.Configure(_registration.Name, configure);
        return this;
    }

    private string Label => _registration.Name.Length == 0 ? "default" : _registration.Name;

    internal ZarrCacheRegistration Registration => _registration;
}
