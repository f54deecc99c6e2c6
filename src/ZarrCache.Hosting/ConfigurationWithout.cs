using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Primitives;

namespace ZarrCache.Hosting;

/// <summary>A configuration section seen without one child: the default store's section without its <c>Stores</c> (the named stores), so that strict binding does not take them for unknown keys.</summary>
internal sealed class ConfigurationWithout(IConfiguration inner, string hiddenKey) : IConfiguration
{
    public string? this[string key]
    {
        get => inner[key];
        set => inner[key] = value;
    }

    public IEnumerable<IConfigurationSection> GetChildren() =>
        inner.GetChildren().Where(c => !string.Equals(c.Key, hiddenKey, StringComparison.OrdinalIgnoreCase));

    public IChangeToken GetReloadToken() => inner.GetReloadToken();

    public IConfigurationSection GetSection(string key) => inner.GetSection(key);
}
