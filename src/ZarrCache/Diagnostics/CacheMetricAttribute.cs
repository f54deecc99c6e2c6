namespace ZarrCache;

/// <summary>
/// Marks a figure of <see cref="CacheStats"/> that <see cref="ZarrCacheDiagnostics.Meter"/> reports, with the instrument's
/// name, unit and description, so that each figure and its metric are declared in one place. Figures that share a name are
/// one instrument whose readings are tagged <c>result</c> with their <see cref="Result"/>; one of them carries the unit and
/// the description.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class CacheMetricAttribute : Attribute
{
    /// <summary>A figure that is an instrument of its own, or the reading of one that declares it.</summary>
    /// <param name="name">The instrument's name.</param>
    /// <param name="unit">Its unit (UCUM: <c>By</c>, <c>{request}</c>).</param>
    /// <param name="description">What it counts.</param>
    public CacheMetricAttribute(string name, string unit, string description)
    {
        Name = name;
        Unit = unit;
        Description = description;
    }

    /// <summary>A further reading of the instrument <paramref name="name"/>, declared on another figure.</summary>
    /// <param name="name">The instrument's name.</param>
    public CacheMetricAttribute(string name) => Name = name;

    /// <summary>The instrument's name.</summary>
    public string Name { get; }

    /// <summary>Its unit; null on a further reading.</summary>
    public string? Unit { get; }

    /// <summary>What it counts; null on a further reading.</summary>
    public string? Description { get; }

    /// <summary>The value of the <c>result</c> tag on this figure's readings; null for an untagged instrument.</summary>
    public string? Result { get; init; }

    /// <summary>Whether the figure is what is held now (it goes up and down) rather than a count that only grows.</summary>
    public bool Held { get; init; }
}
