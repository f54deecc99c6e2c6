using System.Globalization;

namespace ZarrCache.Zarr;

/// <summary>
/// A selection of an array as NumPy writes it: per dimension an index, a slice <c>start:stop:step</c> (steps may be
/// negative) or <c>...</c> once; dimensions left out at the end mean all. Parse it from text (<c>"0:10:2, -1, ..."</c>)
/// or build it in code (<see cref="DimensionSelection.Slice(long?, long?, long?)"/>, <see cref="DimensionSelection.Ellipsis"/>).
/// </summary>
public sealed class ArraySelection
{
    /// <summary>Creates a selection.</summary>
    /// <param name="dimensions">Per leading dimension, an index or slice; at most one <see cref="DimensionSelection.Ellipsis"/>.</param>
    /// <exception cref="ArgumentException">More than one <c>...</c>.</exception>
    public ArraySelection(IReadOnlyList<DimensionSelection> dimensions)
    {
        ArgumentNullException.ThrowIfNull(dimensions);
        if (dimensions.Count(d => d.IsEllipsis) > 1)
        {
            throw new ArgumentException($"Selection '{string.Join(", ", dimensions)}': only one '...' is allowed.", nameof(dimensions));
        }

        Dimensions = dimensions;
    }

    /// <summary>Everything.</summary>
    public static ArraySelection All { get; } = new([]);

    /// <summary>The per-dimension selections given.</summary>
    public IReadOnlyList<DimensionSelection> Dimensions { get; }

    /// <summary>Whether a slice has a step other than 1 (such a selection can be read, not written).</summary>
    public bool HasSteps => Dimensions.Any(d => d.Step is { } s && s != 1);

    /// <summary>Parses NumPy text: <c>"0:10:2, 5, ..., ::-1"</c>; an empty string selects everything.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The selection.</returns>
    /// <exception cref="ArgumentException">The text does not parse; the message names the dimension and the part.</exception>
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
            if (part == "...")
            {
                if (result.Take(i).Any(d => d.IsEllipsis))
                {
                    throw new ArgumentException($"Selection '{text}', dimension {i}: only one '...' is allowed.", nameof(text));
                }

                result[i] = DimensionSelection.Ellipsis;
                continue;
            }

            var bounds = part.Split(':');
            if (bounds.Length == 1)
            {
                result[i] = DimensionSelection.Index(Number(part, text, i) ?? throw new ArgumentException($"Selection '{text}', dimension {i}: nothing between the commas.", nameof(text)));
                continue;
            }

            if (bounds.Length > 3)
            {
                throw new ArgumentException($"Selection '{text}', dimension {i}: '{part}' has more than start:stop:step.", nameof(text));
            }

            var step = bounds.Length == 3 ? Number(bounds[2], text, i) : null;
            if (step == 0)
            {
                throw new ArgumentException($"Selection '{text}', dimension {i}: the step 0 in '{part}' is not allowed.", nameof(text));
            }

            result[i] = DimensionSelection.Slice(Number(bounds[0], text, i), Number(bounds[1], text, i), step);
        }

        return new ArraySelection(result);
    }

    /// <summary>Resolves against an array shape into the box that holds the selected elements.</summary>
    /// <param name="shape">The array shape.</param>
    /// <returns>Per dimension the start and count of the box (with steps, from the first to the last selected element), and which dimensions the result keeps.</returns>
    /// <exception cref="ArgumentException">More selections than dimensions, a step of 0, or an index out of range (named).</exception>
    public (long[] Start, long[] Count, bool[] Kept) Resolve(IReadOnlyList<long> shape)
    {
        var full = Expand(shape);
        var start = new long[full.Length];
        var count = new long[full.Length];
        for (var d = 0; d < full.Length; d++)
        {
            (start[d], count[d]) = full[d].Resolve(shape[d], d);
        }

        return (start, count, full.Select(s => !s.IsIndex).ToArray());
    }

    /// <summary>Resolves against an array shape as NumPy does: per dimension the first element, the count, the step, and whether the result keeps it.</summary>
    /// <param name="shape">The array shape.</param>
    /// <returns>One entry per dimension of the array.</returns>
    /// <exception cref="ArgumentException">More selections than dimensions, a step of 0, or an index out of range (named).</exception>
    public (long First, long Count, long Step, bool Kept)[] ResolveStepped(IReadOnlyList<long> shape)
    {
        var full = Expand(shape);
        var result = new (long, long, long, bool)[shape.Count];
        for (var d = 0; d < shape.Count; d++)
        {
            var (first, count, step) = full[d].ResolveStepped(shape[d], d);
            result[d] = (first, count, step, !full[d].IsIndex);
        }

        return result;
    }

    /// <inheritdoc />
    public override string ToString() => string.Join(',', Dimensions);

    /// <summary>One selection per dimension of the shape: <c>...</c> and the missing trailing dimensions become <c>:</c>.</summary>
    private DimensionSelection[] Expand(IReadOnlyList<long> shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        var given = Dimensions.Count(d => !d.IsEllipsis);
        if (given > shape.Count)
        {
            throw new ArgumentException($"The selection '{this}' has {given} dimensions, the array only {shape.Count}.", nameof(shape));
        }

        var full = new List<DimensionSelection>(shape.Count);
        foreach (var d in Dimensions)
        {
            if (d.IsEllipsis)
            {
                full.AddRange(Enumerable.Repeat(DimensionSelection.All, shape.Count - given));
            }
            else
            {
                full.Add(d);
            }
        }

        full.AddRange(Enumerable.Repeat(DimensionSelection.All, shape.Count - full.Count));
        return [.. full];
    }

    private static long? Number(string s, string text, int dimension)
    {
        s = s.Trim();
        return s.Length == 0 ? null
            : long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n
            : throw new ArgumentException($"Selection '{text}', dimension {dimension}: '{s}' is not an integer.", nameof(text));
    }
}
