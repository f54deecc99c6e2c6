using FsCheck;
using FsCheck.Xunit;
using ZarrCache.Zarr;

namespace ZarrCache.Tests.Zarr;

/// <summary>
/// <see cref="RegionCopy"/> against an element-by-element reference, on random boxes of random C-order buffers; the
/// generator often makes boxes that span whole trailing dimensions, which the copy merges into longer runs.
/// </summary>
public class RegionCopyTests
{
    [Property(MaxTest = 500)]
    public bool Copy_equals_an_element_by_element_copy(int seed)
    {
        var random = new Random(seed);
        var (box, elementSize, source, actual) = RandomCase(random, random.Next(1, 5));
        var expected = (byte[])actual.Clone();

        RegionCopy.Copy(source, box.SourceShape, box.SourceStart, actual, box.TargetShape, box.TargetStart, box.Count, elementSize);
        ReferenceCopy(source, box.SourceShape, box.SourceStart, expected, box.TargetShape, box.TargetStart, box.Count, elementSize);

        return actual.AsSpan().SequenceEqual(expected);
    }

    [Property(MaxTest = 300)]
    public bool The_rented_runs_copy_what_Copy_copies_in_increasing_source_order(int seed)
    {
        var random = new Random(seed);
        var (box, elementSize, source, actual) = RandomCase(random, random.Next(0, 5));
        var expected = (byte[])actual.Clone();
        RegionCopy.Copy(source, box.SourceShape, box.SourceStart, expected, box.TargetShape, box.TargetStart, box.Count, elementSize);

        var runs = RegionCopy.RentRuns(box.SourceShape, box.SourceStart, box.TargetShape, box.TargetStart, box.Count, elementSize, out var runCount);
        var ordered = true;
        for (var i = 1; i < runCount; i++)
        {
            ordered &= runs[i].Source >= runs[i - 1].Source + runs[i - 1].Length;
        }

        ZarrCache.Zarr.Codecs.ByteRun.CopyAll(source, runs.AsSpan(0, runCount), actual);
        System.Buffers.ArrayPool<ZarrCache.Zarr.Codecs.ByteRun>.Shared.Return(runs);
        return ordered && actual.AsSpan().SequenceEqual(expected);
    }

    /// <summary>A random box in two random C-order buffers (often spanning whole trailing dimensions), random source bytes and a random target.</summary>
    private static (Box Box, int ElementSize, byte[] Source, byte[] Target) RandomCase(Random random, int rank)
    {
        var elementSize = new[] { 1, 2, 4, 8 }[random.Next(4)];
        var box = new Box(new long[rank], new long[rank], new long[rank], new long[rank], new long[rank]);
        for (var d = 0; d < rank; d++)
        {
            box.Count[d] = random.Next(1, 5);
            var whole = random.Next(2) == 0; // the box spans this dimension whole in both buffers
            box.SourceShape[d] = whole ? box.Count[d] : box.Count[d] + random.Next(3);
            box.SourceStart[d] = random.Next((int)(box.SourceShape[d] - box.Count[d] + 1));
            box.TargetShape[d] = whole ? box.Count[d] : box.Count[d] + random.Next(3);
            box.TargetStart[d] = random.Next((int)(box.TargetShape[d] - box.Count[d] + 1));
        }

        var source = new byte[Product(box.SourceShape) * elementSize];
        random.NextBytes(source);
        var target = new byte[Product(box.TargetShape) * elementSize];
        random.NextBytes(target);
        return (box, elementSize, source, target);
    }

    [Property(MaxTest = 200)]
    public bool FillRegion_fills_exactly_the_box(int seed)
    {
        var random = new Random(seed);
        var rank = random.Next(1, 5);
        var count = new long[rank];
        var shape = new long[rank];
        var start = new long[rank];
        for (var d = 0; d < rank; d++)
        {
            count[d] = random.Next(1, 5);
            shape[d] = random.Next(2) == 0 ? count[d] : count[d] + random.Next(3);
            start[d] = random.Next((int)(shape[d] - count[d] + 1));
        }

        byte[] element = [0xAB, 0xCD];
        var actual = new byte[Product(shape) * 2];
        var expected = new byte[actual.Length];
        var source = new byte[Product(count) * 2];
        for (var i = 0; i < source.Length; i += 2)
        {
            element.CopyTo(source, i);
        }

        RegionCopy.FillRegion(actual, shape, start, count, element);
        ReferenceCopy(source, count, new long[rank], expected, shape, start, count, 2);

        return actual.AsSpan().SequenceEqual(expected);
    }

    private static long Product(long[] shape) => shape.Aggregate(1L, (a, b) => a * b);

    private sealed record Box(long[] Count, long[] SourceShape, long[] SourceStart, long[] TargetShape, long[] TargetStart);

    private static void ReferenceCopy(
        byte[] source, long[] sourceShape, long[] sourceStart, byte[] target, long[] targetShape, long[] targetStart, long[] count, int elementSize)
    {
        var rank = count.Length;
        var index = new long[rank];
        for (long n = 0; n < Product(count); n++)
        {
            var rest = n;
            for (var d = rank - 1; d >= 0; d--)
            {
                index[d] = rest % count[d];
                rest /= count[d];
            }

            long so = 0, to = 0;
            for (var d = 0; d < rank; d++)
            {
                so = (so * sourceShape[d]) + sourceStart[d] + index[d];
                to = (to * targetShape[d]) + targetStart[d] + index[d];
            }

            Array.Copy(source, so * elementSize, target, to * elementSize, elementSize);
        }
    }
}
