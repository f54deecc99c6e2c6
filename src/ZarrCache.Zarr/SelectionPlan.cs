namespace ZarrCache.Zarr;

/// <summary>
/// What a selection reads of an array: the box of elements the chunks are read into (from the first to the last
/// selected element of each dimension), and, for slices with steps other than 1, how the selected elements are gathered
/// from that box into the result in C order.
/// </summary>
internal sealed class SelectionPlan
{
    private readonly (long First, long Count, long Step, bool Kept)[] _dimensions;

    private SelectionPlan((long First, long Count, long Step, bool Kept)[] dimensions)
    {
        _dimensions = dimensions;
        BoxStart = new long[dimensions.Length];
        BoxCount = new long[dimensions.Length];
        for (var d = 0; d < dimensions.Length; d++)
        {
            var (first, count, step, _) = dimensions[d];
            BoxCount[d] = count == 0 ? 0 : ((count - 1) * Math.Abs(step)) + 1;
            BoxStart[d] = count == 0 ? Math.Max(0, first) : step > 0 ? first : first + ((count - 1) * step);
        }

        Shape = dimensions.Where(d => d.Kept).Select(d => d.Count).ToArray();
        Elements = (long)Math.Min(long.MaxValue, dimensions.Aggregate(1.0, (a, d) => a * d.Count));
        BoxElements = (long)Math.Min(long.MaxValue, BoxCount.Aggregate(1.0, (a, b) => a * b));
        IsBox = dimensions.All(d => d.Step == 1 || d.Count <= 1);
    }

    /// <summary>Per dimension of the array, the first element of the box.</summary>
    public long[] BoxStart { get; }

    /// <summary>Per dimension of the array, the box's length.</summary>
    public long[] BoxCount { get; }

    /// <summary>The result's shape (dimensions selected by an index dropped).</summary>
    public long[] Shape { get; }

    /// <summary>The number of selected elements.</summary>
    public long Elements { get; }

    /// <summary>The number of elements in the box.</summary>
    public long BoxElements { get; }

    /// <summary>Whether the box is the result (every step 1): nothing to gather.</summary>
    public bool IsBox { get; }

    /// <summary>Plans a selection of an array of <paramref name="shape"/>.</summary>
    /// <exception cref="ArgumentException">The selection does not fit the shape (the dimension and value named), or is too large for one buffer.</exception>
    public static SelectionPlan Create(ArraySelection? selection, IReadOnlyList<long> shape, int elementSize, string arrayPath)
    {
        var plan = new SelectionPlan((selection ?? ArraySelection.All).ResolveStepped(shape));
        if ((double)plan.BoxElements * Math.Max(1, elementSize) > Array.MaxLength)
        {
            throw new ArgumentException($"Array '{arrayPath}': the selection spans {plan.BoxElements} elements, too many for one buffer; read a smaller region.", nameof(selection));
        }

        return plan;
    }

    /// <summary>Copies the selected elements from the box (C order) into <paramref name="result"/> (C order).</summary>
    public void Gather(ReadOnlySpan<byte> box, Span<byte> result, int elementSize)
    {
        if (Elements == 0)
        {
            return;
        }

        var rank = _dimensions.Length;
        var boxStrides = new long[rank];
        var stride = (long)elementSize;
        for (var d = rank - 1; d >= 0; d--)
        {
            boxStrides[d] = stride;
            stride *= BoxCount[d];
        }

        // Per dimension: the box offset of the first selected element, and the signed distance between selected ones.
        var origin = 0L;
        var steps = new long[rank];
        for (var d = 0; d < rank; d++)
        {
            var (_, count, step, _) = _dimensions[d];
            origin += (step > 0 ? 0 : (count - 1) * -step) * boxStrides[d];
            steps[d] = step * boxStrides[d];
        }

        var index = new long[rank];
        var offset = origin;
        for (long i = 0; i < Elements; i++)
        {
            box.Slice((int)offset, elementSize).CopyTo(result.Slice((int)(i * elementSize), elementSize));
            for (var d = rank - 1; d >= 0; d--)
            {
                if (++index[d] < _dimensions[d].Count)
                {
                    offset += steps[d];
                    break;
                }

                offset -= (index[d] - 1) * steps[d];
                index[d] = 0;
            }
        }
    }
}
