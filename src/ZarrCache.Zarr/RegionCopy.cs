using System.Buffers;
using System.Runtime.CompilerServices;
using ZarrCache.Zarr.Codecs;

namespace ZarrCache.Zarr;

/// <summary>Copies a box of elements between two C-order buffers, in contiguous runs along the last dimension.</summary>
internal static class RegionCopy
{
    public static void Copy(
        ReadOnlySpan<byte> source, ReadOnlySpan<long> sourceShape, ReadOnlySpan<long> sourceStart,
        Span<byte> target, ReadOnlySpan<long> targetShape, ReadOnlySpan<long> targetStart,
        ReadOnlySpan<long> count, int elementSize) =>
        Copy<byte>(source, sourceShape, sourceStart, target, targetShape, targetStart, count, elementSize);

    /// <summary>Copies a box of elements (each <paramref name="width"/> items of <typeparamref name="T"/>; strings are 1) between two C-order buffers.</summary>
    public static void Copy<T>(
        ReadOnlySpan<T> source, ReadOnlySpan<long> sourceShape, ReadOnlySpan<long> sourceStart,
        Span<T> target, ReadOnlySpan<long> targetShape, ReadOnlySpan<long> targetStart,
        ReadOnlySpan<long> count, int width = 1)
    {
        if (count.Length == 0)
        {
            source[..width].CopyTo(target);
            return;
        }

        var copy = new CopyRun<T>(source, target);
        Walk(ref copy, sourceShape, sourceStart, targetShape, targetStart, count, width);
    }

    /// <summary>
    /// The runs (<see cref="ByteRun"/>, in bytes, in increasing source order) of a box copied between two C-order
    /// buffers, in an array rented from the shared pool (the caller returns it); <paramref name="runCount"/> of them are set.
    /// </summary>
    public static ByteRun[] RentRuns(
        ReadOnlySpan<long> sourceShape, ReadOnlySpan<long> sourceStart, ReadOnlySpan<long> targetShape, ReadOnlySpan<long> targetStart,
        ReadOnlySpan<long> count, int elementSize, out int runCount)
    {
        long most = 1;
        for (var d = 0; d < count.Length - 1; d++)
        {
            most *= count[d];
        }

        var runs = ArrayPool<ByteRun>.Shared.Rent((int)most);
        if (count.Length == 0)
        {
            runs[0] = new ByteRun(0, 0, elementSize);
            runCount = 1;
            return runs;
        }

        var collect = new CollectRun(runs);
        Walk(ref collect, sourceShape, sourceStart, targetShape, targetStart, count, elementSize);
        runCount = collect.Count;
        return runs;
    }

    /// <summary>Fills a box of a C-order buffer of single items (strings) with one value.</summary>
    public static void FillRegion<T>(Span<T> target, ReadOnlySpan<long> targetShape, ReadOnlySpan<long> targetStart, ReadOnlySpan<long> count, T value)
    {
        if (count.Length == 0)
        {
            target[0] = value;
            return;
        }

        var fill = new FillItemRun<T>(target, value);
        Walk(ref fill, targetShape, targetStart, targetShape, targetStart, count, 1);
    }

    /// <summary>
    /// Fills a box of a C-order buffer with one repeated element, run by run along the last dimension: no buffer of
    /// fill values is made (a missing chunk costs no allocation).
    /// </summary>
    public static void FillRegion(Span<byte> target, ReadOnlySpan<long> targetShape, ReadOnlySpan<long> targetStart, ReadOnlySpan<long> count, ReadOnlySpan<byte> element)
    {
        if (count.Length == 0)
        {
            element.CopyTo(target);
            return;
        }

        var fill = new FillRun(target, element);
        Walk(ref fill, targetShape, targetStart, targetShape, targetStart, count, element.Length);
    }

    /// <summary>Calls <paramref name="action"/> for each contiguous run (along the last dimension) of a box in two C-order buffers.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Walk<TRun>(
        ref TRun action, ReadOnlySpan<long> sourceShape, ReadOnlySpan<long> sourceStart,
        ReadOnlySpan<long> targetShape, ReadOnlySpan<long> targetStart, ReadOnlySpan<long> count, int elementSize)
        where TRun : IRun, allows ref struct
    {
        foreach (var c in count)
        {
            if (c == 0)
            {
                return;
            }
        }

        // Trailing dimensions the box spans whole in both buffers are contiguous: merge them into the last one kept, so
        // a whole chunk is one run (one copy) instead of one run per row.
        var rank = count.Length;
        long inner = 1;
        while (rank > 1 && count[rank - 1] == sourceShape[rank - 1] && count[rank - 1] == targetShape[rank - 1])
        {
            inner *= count[rank - 1];
            rank--;
        }

        if (rank < count.Length)
        {
            Span<long> merged = stackalloc long[5 * rank];
            var mSourceShape = merged[..rank];
            var mSourceStart = merged.Slice(rank, rank);
            var mTargetShape = merged.Slice(2 * rank, rank);
            var mTargetStart = merged.Slice(3 * rank, rank);
            var mCount = merged.Slice(4 * rank, rank);
            sourceShape[..rank].CopyTo(mSourceShape);
            sourceStart[..rank].CopyTo(mSourceStart);
            targetShape[..rank].CopyTo(mTargetShape);
            targetStart[..rank].CopyTo(mTargetStart);
            count[..rank].CopyTo(mCount);
            var last = rank - 1;
            mSourceShape[last] *= inner;
            mSourceStart[last] *= inner;
            mTargetShape[last] *= inner;
            mTargetStart[last] *= inner;
            mCount[last] *= inner;
            WalkRuns(ref action, mSourceShape, mSourceStart, mTargetShape, mTargetStart, mCount, elementSize);
            return;
        }

        WalkRuns(ref action, sourceShape, sourceStart, targetShape, targetStart, count, elementSize);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void WalkRuns<TRun>(
        ref TRun action, scoped ReadOnlySpan<long> sourceShape, scoped ReadOnlySpan<long> sourceStart,
        scoped ReadOnlySpan<long> targetShape, scoped ReadOnlySpan<long> targetStart, scoped ReadOnlySpan<long> count, int elementSize)
        where TRun : IRun, allows ref struct
    {
        var rank = count.Length;
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
        if (rank == 1)
        {
            action.Run((int)(sourceStart[0] * elementSize), (int)(targetStart[0] * elementSize), run);
            return;
        }

        // The runs along the second-last dimension are a fixed step apart in both buffers: walked by adding the steps.
        var rows = count[rank - 2];
        var sourceStep = (int)(sourceStrides[rank - 2] * elementSize);
        var targetStep = (int)(targetStrides[rank - 2] * elementSize);
        Span<long> index = stackalloc long[rank];
        while (true)
        {
            long so = 0, to = 0;
            for (var d = 0; d < rank; d++)
            {
                so += (sourceStart[d] + index[d]) * sourceStrides[d];
                to += (targetStart[d] + index[d]) * targetStrides[d];
            }

            var sourceOffset = (int)(so * elementSize);
            var targetOffset = (int)(to * elementSize);
            for (long row = 0; row < rows; row++, sourceOffset += sourceStep, targetOffset += targetStep)
            {
                action.Run(sourceOffset, targetOffset, run);
            }

            var dim = rank - 3;
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

    private interface IRun
    {
        void Run(int sourceOffset, int targetOffset, int length);
    }

    private ref struct CopyRun<T>(ReadOnlySpan<T> source, Span<T> target) : IRun
    {
        private readonly ReadOnlySpan<T> _source = source;
        private readonly Span<T> _target = target;

        public readonly void Run(int sourceOffset, int targetOffset, int length) =>
            _source.Slice(sourceOffset, length).CopyTo(_target.Slice(targetOffset, length));
    }

    private struct CollectRun(ByteRun[] runs) : IRun
    {
        private readonly ByteRun[] _runs = runs;

        public int Count { get; private set; }

        public void Run(int sourceOffset, int targetOffset, int length) => _runs[Count++] = new ByteRun(sourceOffset, targetOffset, length);
    }

    private ref struct FillRun(Span<byte> target, ReadOnlySpan<byte> element) : IRun
    {
        private readonly Span<byte> _target = target;
        private readonly ReadOnlySpan<byte> _element = element;

        public readonly void Run(int sourceOffset, int targetOffset, int length) => Fill(_target.Slice(targetOffset, length), _element);
    }

    private ref struct FillItemRun<T>(Span<T> target, T value) : IRun
    {
        private readonly Span<T> _target = target;
        private readonly T _value = value;

        public readonly void Run(int sourceOffset, int targetOffset, int length) => _target.Slice(targetOffset, length).Fill(_value);
    }

    /// <summary>Fills a buffer with one repeated element.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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
