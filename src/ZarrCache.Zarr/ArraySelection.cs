using System.Globalization;

namespace ZarrCache.Zarr;

/// <summary>A selection of an array: per dimension an index or a slice; dimensions left out mean all.</summary>
public sealed class ArraySelection
{
    /// <summary>Creates a selection.</summary>
    /// <param name="dimensions">Per leading dimension, an index or slice.</param>
    public ArraySelection(IReadOnlyList<DimensionSelection> dimensions)
    {
        ArgumentNullException.ThrowIfNull(dimensions);
        Dimensions = dimensions;
    }

    /// <summary>Everything.</summary>
    public static ArraySelection All { get; } = new([]);

    /// <summary>The per-dimension selections given.</summary>
    public IReadOnlyList<DimensionSelection> Dimensions { get; }

    /// <summary>Parses NumPy-like text: <c>"0:10,5,:"</c>; an empty string selects everything.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The selection.</returns>
    /// <exception cref="ArgumentException">The text does not parse.</exception>
    public static ArraySelection Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (string.IsNullOrWhiteSpace(text))
        {
            return All;
        }

        var parts = text.Split(',');
        var result = new DimensionSelection[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            var part = parts[i].Trim();
            var colon = part.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
            {
                result[i] = DimensionSelection.Index(Number(part, text, i));
                continue;
            }

            var startText = part[..colon].Trim();
            var stopText = part[(colon + 1)..].Trim();
            if (stopText.Contains(':', StringComparison.Ordinal))
            {
                throw new ArgumentException($"Selection '{text}', dimension {i}: steps are not supported ('{part}').", nameof(text));
            }

            result[i] = DimensionSelection.Slice(
                startText.Length == 0 ? null : Number(startText, text, i),
                stopText.Length == 0 ? null : Number(stopText, text, i));
        }

        return new ArraySelection(result);
    }

    /// <summary>Resolves against an array shape.</summary>
    /// <param name="shape">The array shape.</param>
    /// <returns>Per dimension the start and count, and which dimensions the result keeps.</returns>
    /// <exception cref="ArgumentException">More selections than dimensions, or an index out of range.</exception>
    public (long[] Start, long[] Count, bool[] Kept) Resolve(IReadOnlyList<long> shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        if (Dimensions.Count > shape.Count)
        {
            throw new ArgumentException($"The selection has {Dimensions.Count} dimensions, the array only {shape.Count}.", nameof(shape));
        }

        var start = new long[shape.Count];
        var count = new long[shape.Count];
        var kept = new bool[shape.Count];
        for (var d = 0; d < shape.Count; d++)
        {
            var sel = d < Dimensions.Count ? Dimensions[d] : DimensionSelection.All;
            (start[d], count[d]) = sel.Resolve(shape[d], d);
            kept[d] = !sel.IsIndex;
        }

        return (start, count, kept);
    }

    /// <inheritdoc />
    public override string ToString() => string.Join(',', Dimensions);

    private static long Number(string s, string text, int dimension) =>
        long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new ArgumentException($"Selection '{text}', dimension {dimension}: '{s}' is not an integer.", nameof(text));
}
