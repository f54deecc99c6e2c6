namespace ZarrCache.Zarr;

/// <summary>One dimension of a selection: an index (drops the dimension) or a slice <c>start:stop</c> (keeps it). Negative values count from the end, as in NumPy.</summary>
/// <param name="Start">The index, or the slice start (null: from 0).</param>
/// <param name="Stop">The slice stop, exclusive (null: to the end); unused for an index.</param>
/// <param name="IsIndex">Whether this is an index.</param>
public readonly record struct DimensionSelection(long? Start, long? Stop, bool IsIndex)
{
    /// <summary>The whole dimension (<c>:</c>).</summary>
    public static DimensionSelection All => new(null, null, false);

    /// <summary>One index.</summary>
    /// <param name="index">The index; negative counts from the end.</param>
    /// <returns>The selection.</returns>
    public static DimensionSelection Index(long index) => new(index, null, true);

    /// <summary>A slice.</summary>
    /// <param name="start">The start (null: 0).</param>
    /// <param name="stop">The exclusive stop (null: the end).</param>
    /// <returns>The selection.</returns>
    public static DimensionSelection Slice(long? start, long? stop) => new(start, stop, false);

    /// <summary>Resolves against a dimension's length.</summary>
    /// <param name="length">The dimension length.</param>
    /// <param name="dimension">The dimension number, for errors.</param>
    /// <returns>The first element and the count.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An index is outside the dimension.</exception>
    public (long Start, long Count) Resolve(long length, int dimension)
    {
        if (IsIndex)
        {
            var i = Start ?? 0;
            var resolved = i < 0 ? i + length : i;
            if (resolved < 0 || resolved >= length)
            {
                throw new ArgumentOutOfRangeException(nameof(dimension), i, $"Index {i} is outside dimension {dimension} of length {length} (valid: {-length} to {length - 1}).");
            }

            return (resolved, 1);
        }

        var start = Clamp(Start ?? 0, length);
        var stop = Clamp(Stop ?? length, length);
        return (start, Math.Max(0, stop - start));
    }

    private static long Clamp(long value, long length)
    {
        if (value < 0)
        {
            value += length;
        }

        return Math.Clamp(value, 0, length);
    }

    /// <inheritdoc />
    public override string ToString() => IsIndex ? $"{Start}" : $"{Start}:{Stop}";
}
