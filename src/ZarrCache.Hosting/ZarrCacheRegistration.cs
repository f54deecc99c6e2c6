namespace ZarrCache.Hosting;

/// <summary>What <c>AddZarrCache</c> and its builder recorded for one store name: read when the store is built.</summary>
internal sealed class ZarrCacheRegistration(string name, string sectionPath)
{
    /// <summary>The store's name; empty for the default store.</summary>
    public string Name { get; } = name;

    /// <summary>The configuration path its options are bound from, for error messages (<c>ZarrCache</c>, <c>ZarrCache:Stores:era5</c>).</summary>
    public string SectionPath { get; } = sectionPath;

    /// <summary>The origin given in code, if any (else <see cref="ZarrCacheOptions.Origin"/>).</summary>
    public Func<IServiceProvider, IReadableStore>? Origin { get; set; }

    /// <summary>The tiers added below memory and disk, in order.</summary>
    public List<(string Name, Func<IServiceProvider, ZarrCacheOptions, ICache> Create)> ExtraTiers { get; } = [];

    /// <summary>The names of every tier the store may have, top first.</summary>
    public IEnumerable<string> TierNames => LocalTiers.Concat(ExtraTiers.Select(t => t.Name));

    /// <summary>The tiers <see cref="CacheConfig"/> describes, built by <see cref="CacheFactory"/>.</summary>
    private static readonly string[] LocalTiers = ["memory", "disk"];
}
