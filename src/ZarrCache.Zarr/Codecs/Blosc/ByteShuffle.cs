using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;
using static ZarrCache.Zarr.Codecs.Blosc.VectorUnpack;

namespace ZarrCache.Zarr.Codecs.Blosc;

/// <summary>
/// Blosc's byte shuffle of one block: byte j of element i moves to <c>j * n + i</c> (n whole elements); the bytes
/// after the last whole element (<c>blockSize % typeSize</c>) stay where they are, as c-blosc leaves them.
/// </summary>
/// <remarks>
/// <see cref="Unshuffle"/> interleaves 16 elements at a time with 128-bit unpacks (SSE2 on x64, zip on Arm64), for
/// every type size (5-32 GB/s here by type size, far faster than the LZ4 or zstd decompression before it, so no
/// 256-bit copy of these kernels is kept): type sizes 2, 4 and 8 here, whole vectors out; the others in
/// <see cref="PaddedUnshuffle"/>, as matrices padded with zero rows. Elements the vector loop leaves (fewer than 16, or
/// too near the end for the padded kernels' spill) go through <see cref="UnshuffleReference"/>'s loop.
/// </remarks>
internal static class ByteShuffle
{
    public static void Shuffle(int typeSize, ReadOnlySpan<byte> source, Span<byte> destination)
    {
        var count = source.Length / typeSize;
        for (var j = 0; j < typeSize; j++)
        {
            var row = destination.Slice(j * count, count);
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = source[(i * typeSize) + j];
            }
        }

        var whole = count * typeSize;
        source[whole..].CopyTo(destination[whole..]);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Unshuffle(int typeSize, ReadOnlySpan<byte> source, Span<byte> destination)
    {
        destination = destination[..source.Length];
        if (typeSize <= 1)
        {
            source.CopyTo(destination);
            return;
        }

        var count = source.Length / typeSize;
        var done = 0;
        if (Sse2.IsSupported || AdvSimd.Arm64.IsSupported)
        {
            done = UnshuffleVector(typeSize, count, count, source, destination);
        }

        UnshuffleElements(typeSize, count, count, done, source, destination);
        var whole = count * typeSize;
        source[whole..].CopyTo(destination[whole..]);
    }

    /// <summary>
    /// Unshuffles only elements <paramref name="first"/> to <paramref name="first"/> + <paramref name="count"/> - 1 of a
    /// shuffled block of <paramref name="blockElements"/> whole elements (<paramref name="block"/>: <paramref name="typeSize"/>
    /// byte rows of <paramref name="blockElements"/> bytes each), into exactly <paramref name="destination"/>
    /// (<c>count * typeSize</c> bytes): a decoded block goes straight into the rows of a reader's buffer, with no
    /// unshuffled copy of the block between.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void UnshuffleRange(int typeSize, ReadOnlySpan<byte> block, int blockElements, int first, int count, Span<byte> destination)
    {
        if ((long)typeSize * blockElements > block.Length || first < 0 || count < 0 || (long)first + count > blockElements
            || destination.Length != (long)count * typeSize)
        {
            throw new ArgumentException($"Elements {first} to {first + count} of a block of {blockElements} elements of {typeSize} bytes do not fit a block of {block.Length} bytes and a destination of {destination.Length}.");
        }

        if (typeSize == 1)
        {
            block.Slice(first, count).CopyTo(destination);
            return;
        }

        if (TryUnshuffleRangeExact(typeSize, block, blockElements, first, count, destination))
        {
            return;
        }

        var rows = block[first..];
        var done = Sse2.IsSupported || AdvSimd.Arm64.IsSupported ? UnshuffleVector(typeSize, count, blockElements, rows, destination) : 0;

        UnshuffleElements(typeSize, count, blockElements, done, rows, destination);
    }

    /// <summary>
    /// <see cref="UnshuffleRange"/> for type sizes 2, 4 and 8 and at least 16 elements, with as little work per call as
    /// it can (a region's runs are often one row of a few hundred bytes): whole vectors only, the last one overlapping
    /// the ones before it. Returns false, with nothing written, for other type sizes or shorter ranges.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryUnshuffleRangeExact(int typeSize, ReadOnlySpan<byte> block, int blockElements, int first, int count, Span<byte> destination)
    {
        if (count < 16 || typeSize is not (2 or 4 or 8) || !(Sse2.IsSupported || AdvSimd.Arm64.IsSupported))
        {
            return false;
        }

        if ((uint)first > (uint)blockElements || (uint)count > (uint)(blockElements - first) || (long)typeSize * blockElements > block.Length
            || destination.Length != count * typeSize)
        {
            throw new ArgumentException($"Elements {first} to {first + count} of a block of {blockElements} elements of {typeSize} bytes do not fit a block of {block.Length} bytes and a destination of {destination.Length}.");
        }

        ref var src = ref Unsafe.Add(ref MemoryMarshal.GetReference(block), first);
        ref var dst = ref MemoryMarshal.GetReference(destination);
        nint stride = blockElements;
        var last = count - 16;
        switch (typeSize)
        {
            case 2:
                for (var i = 0; i < last; i += 16)
                {
                    Exact2(ref src, stride, i, ref dst, (nint)i * 2);
                }

                Exact2(ref src, stride, last, ref dst, (nint)last * 2);
                break;
            case 4:
                for (var i = 0; i < last; i += 16)
                {
                    Exact4(ref src, stride, i, ref dst, (nint)i * 4);
                }

                Exact4(ref src, stride, last, ref dst, (nint)last * 4);
                break;
            default:
                for (var i = 0; i < last; i += 16)
                {
                    Exact8(ref src, stride, i, ref dst, (nint)i * 8);
                }

                Exact8(ref src, stride, last, ref dst, (nint)last * 8);
                break;
        }

        return true;
    }

    /// <summary>The plain byte-by-byte unshuffle: the reference the vector code is tested and measured against.</summary>
    internal static void UnshuffleReference(int typeSize, ReadOnlySpan<byte> source, Span<byte> destination)
    {
        var count = source.Length / typeSize;
        UnshuffleElements(typeSize, count, count, 0, source, destination);
        var whole = count * typeSize;
        source[whole..].CopyTo(destination[whole..]);
    }

    /// <summary>Unshuffles elements <paramref name="first"/> to <paramref name="count"/> - 1 one byte at a time (the rows <paramref name="stride"/> bytes apart).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void UnshuffleElements(int typeSize, int count, int stride, int first, ReadOnlySpan<byte> source, Span<byte> destination)
    {
        for (var j = 0; j < typeSize; j++)
        {
            var row = source.Slice(j * stride, count);
            for (var i = first; i < row.Length; i++)
            {
                destination[(i * typeSize) + j] = row[i];
            }
        }
    }

    /// <summary>Unshuffles whole blocks of 16 elements from the start (the byte rows <paramref name="stride"/> bytes apart); returns how many elements it wrote.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int UnshuffleVector(int typeSize, int count, int stride, ReadOnlySpan<byte> source, Span<byte> destination)
    {
        ref var src = ref MemoryMarshal.GetReference(source);
        ref var dst = ref MemoryMarshal.GetReference(destination);
        return typeSize is 2 or 4 or 8
            ? UnshuffleExact(typeSize, count, stride, ref src, ref dst)
            : PaddedUnshuffle.Unshuffle(typeSize, count, stride, ref src, ref dst, destination.Length);
    }

    /// <summary>Type sizes 2, 4 and 8: whole vectors out, no padded rows (the rows <paramref name="stride"/> bytes apart); returns how many elements it wrote.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int UnshuffleExact(int typeSize, int count, int stride, ref byte src, ref byte dst)
    {
        nint n = stride;
        var i0 = 0;
        switch (typeSize)
        {
            case 2:
                for (; i0 + 16 <= count; i0 += 16)
                {
                    Exact2(ref src, n, i0, ref dst, (nint)i0 * 2);
                }

                break;
            case 4:
                for (; i0 + 16 <= count; i0 += 16)
                {
                    Exact4(ref src, n, i0, ref dst, (nint)i0 * 4);
                }

                break;
            default:
                for (; i0 + 16 <= count; i0 += 16)
                {
                    Exact8(ref src, n, i0, ref dst, (nint)i0 * 8);
                }

                break;
        }

        return i0;
    }

    /// <summary>Unshuffles 16 elements of type size 2 from the rows at <paramref name="at"/> to <paramref name="dstAt"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Exact2(ref byte src, nint count, nint at, ref byte dst, nint dstAt)
    {
        Rows2(ref src, count, at, 2, out var r0, out var r1);
        Transpose2(r0, r1, out var t0, out var t1);
        t0.StoreUnsafe(ref dst, (nuint)dstAt);
        t1.StoreUnsafe(ref dst, (nuint)(dstAt + 16));
    }

    /// <summary>Unshuffles 16 elements of type size 4 from the rows at <paramref name="at"/> to <paramref name="dstAt"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Exact4(ref byte src, nint count, nint at, ref byte dst, nint dstAt)
    {
        Rows4(ref src, count, at, 4, out var r0, out var r1, out var r2, out var r3);
        Transpose4(r0, r1, r2, r3, out var t0, out var t1, out var t2, out var t3);
        Store(t0, t1, ref dst, dstAt);
        Store(t2, t3, ref dst, dstAt + 32);
    }

    /// <summary>Unshuffles 16 elements of type size 8 from the rows at <paramref name="at"/> to <paramref name="dstAt"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Exact8(ref byte src, nint count, nint at, ref byte dst, nint dstAt)
    {
        Rows8(ref src, count, at, 8, out var r0, out var r1, out var r2, out var r3, out var r4, out var r5, out var r6, out var r7);
        Transpose8(r0, r1, r2, r3, r4, r5, r6, r7, out var t0, out var t1, out var t2, out var t3, out var t4, out var t5, out var t6, out var t7);
        Store(t0, t1, ref dst, dstAt);
        Store(t2, t3, ref dst, dstAt + 32);
        Store(t4, t5, ref dst, dstAt + 64);
        Store(t6, t7, ref dst, dstAt + 96);
    }

    /// <summary>Stores two vectors one after the other at <paramref name="dstAt"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(Vector128<byte> first, Vector128<byte> second, ref byte dst, nint dstAt)
    {
        first.StoreUnsafe(ref dst, (nuint)dstAt);
        second.StoreUnsafe(ref dst, (nuint)(dstAt + 16));
    }
}
