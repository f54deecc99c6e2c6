using System.Reflection;

namespace ZarrCache;

/// <summary>
/// One instrument of <see cref="ZarrCacheDiagnostics.Meter"/> as <see cref="CacheStats"/> declares it with
/// <see cref="CacheMetricAttribute"/>: its name, unit, description and kind, and how to read it from a snapshot (one
/// untagged reading, or one per <c>result</c> tag).
/// </summary>
/// <param name="Name">The instrument's name.</param>
/// <param name="Unit">Its unit.</param>
/// <param name="Description">What it counts.</param>
/// <param name="Held">Whether it is what is held now (an up-down counter) rather than a count.</param>
/// <param name="Readings">Its readings in declaration order: the <c>result</c> tag (null: none) and the figure.</param>
internal sealed record StatsInstrument(
    string Name, string Unit, string Description, bool Held, IReadOnlyList<(string? Result, Func<CacheStats, long> Read)> Readings)
{
    /// <summary>The instruments the figures of <see cref="CacheStats"/> declare, by name (no metadata tokens: Native AOT has none).</summary>
    /// <returns>The instruments.</returns>
    public static IReadOnlyList<StatsInstrument> Declared()
    {
        var figures = typeof(CacheStats).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => (Metric: p.GetCustomAttribute<CacheMetricAttribute>(), Property: p))
            .Where(f => f.Metric is not null)
            .Select(f => (Metric: f.Metric!, Read: f.Property.GetMethod!.CreateDelegate<Func<CacheStats, long>>()));
        return figures
            .GroupBy(f => f.Metric.Name, StringComparer.Ordinal)
            .Select(group =>
            {
                var declaration = group.Single(f => f.Metric.Unit is not null).Metric;
                return new StatsInstrument(
                    group.Key,
                    declaration.Unit!,
                    declaration.Description ?? throw new InvalidOperationException($"The metric {group.Key} has no description."),
                    declaration.Held,
                    group.Select(f => (f.Metric.Result, f.Read)).ToList());
            })
            .OrderBy(instrument => instrument.Name, StringComparer.Ordinal)
            .ToList();
    }
}
