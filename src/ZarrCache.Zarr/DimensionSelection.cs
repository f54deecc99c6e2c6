namespace ZarrCache.Zarr;

/// <summary>
/// One dimension of a selection, as NumPy writes it: an index (drops the dimension), a slice <c>start:stop:step</c>
/// (keeps it; the step may be negative), or <c>...</c> (as many whole dimensions as the array has left). Negative
/// indexes and bounds count from the end.
/// </summary>
/// <param name="Start">The index, or the slice start (null: the first element in the step's direction).</param>
/// <param name="Stop">The slice stop, exclusive (null: past the last element in the step's direction); unused for an index.</param>
/// <param name="IsIndex">Whether this is an index.</param>
public readonly record struct DimensionSelection(long? Start, long? Stop, bool IsIndex)
{
    /// <summary>The whole dimension (<c>:</c>).</summary>
    public static DimensionSelection All => new(null, null, false);

    /// <summary><c>...</c>: the whole of every dimension the other selections leave out (at most one per selection).</summary>
    public static DimensionSelection Ellipsis => new(null, null, false) { IsEllipsis = true };

    /// <summary>The slice step (null: 1); negative steps walk backwards, as in NumPy. Zero is refused when resolved.</summary>
    public long? Step { get; init; }

    /// <summary>Whether this is <c>...</c>.</summary>
    public bool IsEllipsis { get; init; }

    /// <summary>One index.</summary>
    /// <param name="index">The index; negative counts from the end.</param>
    /// <returns>The selection.</returns>
    public static DimensionSelection Index(long index) => new(index, null, true);

    /// <summary>A slice.</summary>
    /// <param name="start">The start (null: 0).</param>
    /// <param name="stop">The exclusive stop (null: the end).</param>
    /// <returns>The selection.</returns>
    public static DimensionSelection Slice(long? start, long? stop) => new(start, stop, false);

    /// <summary>A slice with a step, as NumPy's <c>start:stop:step</c>.</summary>
    /// <param name="start">The start (null: the first element in the step's direction).</param>
    /// <param name="stop">The exclusive stop (null: past the last element in the step's direction).</param>
    /// <param name="step">The step (null: 1); negative walks backwards; not 0.</param>
    /// <returns>The selection.</returns>
    public static DimensionSelection Slice(long? start, long? stop, long? step) => new(start, stop, false) { Step = step };

    /// <summary>Resolves against a dimension's length into the smallest box holding the selected elements.</summary>
    /// <param name="length">The dimension length.</param>
    /// <param name="dimension">The dimension number, for errors.</param>
    /// <returns>The first element and the count of the box (for a step other than 1, the elements between the first and last selected).</returns>
    /// <exception cref="ArgumentOutOfRangeException">An index is outside the dimension.</exception>
    /// <exception cref="ArgumentException">The step is 0.</exception>
    public (long Start, long Count) Resolve(long length, int dimension)
    {
        var (first, count, step) = ResolveStepped(length, dimension);
        return count == 0 ? (Math.Clamp(first, 0, length), 0) : (step > 0 ? first : first + ((count - 1) * step), ((count - 1) * Math.Abs(step)) + 1);
    }

    /// <summary>Resolves against a dimension's length as Python's <c>slice.indices</c> does.</summary>
    /// <param name="length">The dimension length.</param>
    /// <param name="dimension">The dimension number, for errors.</param>
    /// <returns>The first selected element, how many are selected, and the step between them.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An index is outside the dimension.</exception>
    /// <exception cref="ArgumentException">The step is 0.</exception>
    public (long First, long Count, long Step) ResolveStepped(long length, int dimension)
    {
        if (IsIndex)
        {
            var i = Start ?? 0;
            var resolved = i < 0 ? i + length : i;
            if (resolved < 0 || resolved >= length)
            {
                throw new ArgumentOutOfRangeException(nameof(dimension), i, $"Index {i} is outside dimension {dimension} of length {length} (valid: {-length} to {length - 1}).");
            }

            return (resolved, 1, 1);
        }

        var step = Step ?? 1;
        if (step == 0)
        {
            throw new ArgumentException($"Dimension {dimension}: the slice step 0 is not allowed ('{this}').", nameof(dimension));
        }

        long start, stop;
        if (step > 0)
        {
            start = Bound(Start, length, 0, length, 0);
            stop = Bound(Stop, length, 0, length, length);
            return (start, stop > start ? ((stop - start - 1) / step) + 1 : 0, step);
        }

        start = Bound(Start, length, -1, length - 1, length - 1);
        stop = Bound(Stop, length, -1, length - 1, -1);
        return (start, start > stop ? ((start - stop - 1) / -step) + 1 : 0, step);
    }

    /// <summary>A slice bound as Python clamps it: negative counts from the end, then into [low, high].</summary>
    private static long Bound(long? value, long length, long low, long high, long absent)
    {
        if (value is not { } v)
        {
            return absent;
        }

        if (v < 0)
        {
            v += length;
        }

        return Math.Clamp(v, low, high);
    }

    /// <inheritdoc />
    public override string ToString() =>
        IsEllipsis ? "..." : IsIndex ? $"{Start}" : Step is { } s ? $"{Start}:{Stop}:{s}" : $"{Start}:{Stop}";
}
