using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ZarrCache.Hosting;

/// <summary><c>services.AddZarrCache(…)</c>: a default or named <see cref="CachedStore"/> with its tiers, options from configuration (docs/hosting.md).</summary>
public static class ZarrCacheServiceCollectionExtensions
{
    /// <summary>
    /// Registers the default store, its options bound from the <c>ZarrCache</c> section of <paramref name="configuration"/>
    /// and validated when the host starts. Resolve <see cref="CachedStore"/> (or <see cref="ZarrCacheInstance"/>).
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The application's configuration (its <c>ZarrCache</c> section is used).</param>
    /// <returns>The builder, to add tiers or an origin in code.</returns>
    public static ZarrCacheBuilder AddZarrCache(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(ZarrCacheOptions.SectionName);
        var builder = Register(services, Options.DefaultName, section.Path);
        services.AddOptions<ZarrCacheOptions>(Options.DefaultName)
            .Bind(new ConfigurationWithout(section, ZarrCacheOptions.StoresKey), binder => binder.ErrorOnUnknownConfiguration = true);
        return builder;
    }

    /// <summary>
    /// Registers the store named <paramref name="name"/>, its options bound from <c>ZarrCache:Stores:NAME</c> of
    /// <paramref name="configuration"/> and validated when the host starts.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The application's configuration.</param>
    /// <param name="name">The store's name (not empty).</param>
    /// <returns>The builder, to add tiers or an origin in code.</returns>
    public static ZarrCacheBuilder AddZarrCache(this IServiceCollection services, IConfiguration configuration, string name)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentException.ThrowIfNullOrEmpty(name);
        return services.AddZarrCache(name, configuration.GetSection($"{ZarrCacheOptions.SectionName}:{ZarrCacheOptions.StoresKey}:{name}"));
    }

    /// <summary>
    /// Registers a store by name (the default one for an empty name), its options bound from <paramref name="section"/>
    /// (for example <c>ZarrCache:Stores:era5</c>) and validated when the host starts. Resolve it with
    /// <c>[FromKeyedServices(name)] CachedStore</c> or <see cref="ZarrCacheInstance"/>.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="name">The store's name; empty for the default store.</param>
    /// <param name="section">The configuration section of its options; an unknown key in it fails the start, named.</param>
    /// <returns>The builder, to add tiers or an origin in code.</returns>
    public static ZarrCacheBuilder AddZarrCache(this IServiceCollection services, string name, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        var path = section is IConfigurationSection named ? named.Path : (name.Length == 0 ? ZarrCacheOptions.SectionName : name);
        var builder = Register(services, name, path);
        services.AddOptions<ZarrCacheOptions>(name).Bind(section, binder => binder.ErrorOnUnknownConfiguration = true);
        return builder;
    }

    /// <summary>Registers the default store with its options set in code (validated when the host starts).</summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The builder, to add tiers or an origin in code.</returns>
    public static ZarrCacheBuilder AddZarrCache(this IServiceCollection services, Action<ZarrCacheOptions> configure) =>
        services.AddZarrCache(Options.DefaultName, configure);

    /// <summary>Registers a store by name with its options set in code (validated when the host starts).</summary>
    /// <param name="services">The services.</param>
    /// <param name="name">The store's name; empty for the default store.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The builder, to add tiers or an origin in code.</returns>
    public static ZarrCacheBuilder AddZarrCache(this IServiceCollection services, string name, Action<ZarrCacheOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var builder = Register(services, name, name.Length == 0 ? ZarrCacheOptions.SectionName : name);
        services.Configure(name, configure);
        return builder;
    }

    private static ZarrCacheBuilder Register(IServiceCollection services, string name, string sectionPath)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(name);
        var registration = new ZarrCacheRegistration(name, sectionPath);
        services.AddSingleton(registration);
        services.AddOptions<ZarrCacheOptions>(name).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ZarrCacheOptions>, ZarrCacheOptionsValidator>());
        services.AddHttpClient(ZarrCacheOptions.DefaultHttpClientName);
        services.TryAddSingleton(TimeProvider.System);
        services.AddKeyedSingleton(name, (provider, _) => ZarrCacheStoreFactory.Create(provider, registration));
        services.AddKeyedSingleton(name, (provider, key) => provider.GetRequiredKeyedService<ZarrCacheInstance>(key).Store);
        if (name.Length == 0)
        {
            services.AddSingleton(provider => provider.GetRequiredKeyedService<ZarrCacheInstance>(name));
            services.AddSingleton(provider => provider.GetRequiredKeyedService<CachedStore>(name));
        }

        return new ZarrCacheBuilder(services, registration);
    }
}
