using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ZarrCache.Hosting;

/// <summary>Builds a registered store when it is first resolved: its origin, its tiers top first, the <see cref="TieredCache"/> over them, the <see cref="CachedStore"/>.</summary>
internal static class ZarrCacheStoreFactory
{
    /// <summary>The logger category of everything <c>AddZarrCache</c> builds.</summary>
    public const string LoggerCategory = "ZarrCache";

    public static ILogger LoggerFrom(IServiceProvider services) =>
        services.GetService<ILoggerFactory>()?.CreateLogger(LoggerCategory) ?? NullLogger.Instance;

    public static ZarrCacheInstance Create(IServiceProvider services, ZarrCacheRegistration registration)
    {
        var options = services.GetRequiredService<IOptionsMonitor<ZarrCacheOptions>>().Get(registration.Name);
        var time = services.GetService<TimeProvider>() ?? TimeProvider.System;
        var logger = LoggerFrom(services);
        var origin = registration.Origin?.Invoke(services) ?? OriginOpener.Open(options, registration.SectionPath, services, logger, time);
        var config = options.Cache;

        var tiers = new List<ZarrCacheTier> { new("memory", CacheFactory.CreateMemoryTier(config)) };
        if (CacheFactory.CreateDiskTier(config, time) is { } disk)
        {
            tiers.Add(new("disk", disk));
        }

        tiers.AddRange(registration.ExtraTiers.Select(t => new ZarrCacheTier(t.Name, t.Create(services, options))));
        var cache = tiers[0].Cache;
        foreach (var lower in tiers.Skip(1))
        {
            cache = new TieredCache(cache, lower.Cache);
        }

        return new ZarrCacheInstance(registration.Name, CachedStore.Create(origin, cache, config, logger, time), tiers);
    }
}
