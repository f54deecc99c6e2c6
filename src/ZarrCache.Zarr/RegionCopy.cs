namespace ZarrCache.Zarr;

/// <summary>Copies a box of elements between two C-order buffers, in contiguous runs along the last dimension.</summary>
internal static class RegionCopy
{
    public static void Copy(
        ReadOnlySpan<byte> source, ReadOnlySpan<long> sourceShape, ReadOnlySpan<long> sourceStart,
        Span<byte> target, ReadOnlySpan<long> targetShape, ReadOnlySpan<long> targetStart,
        ReadOnlySpan<long> count, int elementSize)
    {
        var rank = count.Length;
        if (rank == 0)
        {
            source[..elementSize].CopyTo(target);
            return;
        }

        foreach (var c in count)
        {
            if (c == 0)
            {
                return;
            }
        }

        Span<long> sourceStrides = stackalloc long[rank];
        Span<long> targetStrides = stackalloc long[rank];
        long s = 1, t = 1;
        for (var d = rank - 1; d >= 0; d--)
        {
            sourceStrides[d] = s;
            targetStrides[d] = t;
            s *= sourceShape[d];
            t *= targetShape[d];
        }

        var run = (int)(count[rank - 1] * elementSize);
        Span<long> index = stackalloc long[rank];
        while (true)
        {
            long so = 0, to = 0;
            for (var d = 0; d < rank; d++)
            {
                so += (sourceStart[d] + index[d]) * sourceStrides[d];
                to += (targetStart[d] + index[d]) * targetStrides[d];
            }

            source.Slice((int)(so * elementSize), run).CopyTo(target.Slice((int)(to * elementSize), run));
            var dim = rank - 2;
            while (dim >= 0)
            {
                if (++index[dim] < count[dim])
                {
                    break;
                }

                index[dim] = 0;
                dim--;
            }

            if (dim < 0)
            {
                return;
            }
        }
    }

    /// <summary>Fills a buffer with one repeated element.</summary>
    public static void Fill(Span<byte> target, ReadOnlySpan<byte> element)
    {
        if (element.IndexOfAnyExcept((byte)0) < 0)
        {
            target.Clear();
            return;
        }

        for (var i = 0; i + element.Length <= target.Length; i += element.Length)
        {
            element.CopyTo(target[i..]);
        }
    }

    /// <summary>Whether every element of a buffer equals one element.</summary>
    public static bool IsAll(ReadOnlySpan<byte> data, ReadOnlySpan<byte> element)
    {
        for (var i = 0; i + element.Length <= data.Length; i += element.Length)
        {
            if (!data.Slice(i, element.Length).SequenceEqual(element))
            {
                return false;
            }
        }

        return true;
    }
}
