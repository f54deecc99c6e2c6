using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace ZarrCache.Zarr.Codecs.Blosc;

/// <summary>
/// Blosc's byte shuffle of one block: byte j of element i moves to <c>j * n + i</c> (n whole elements); the bytes
/// after the last whole element (<c>blockSize % typeSize</c>) stay where they are, as c-blosc leaves them.
/// </summary>
/// <remarks>
/// <see cref="Unshuffle"/> interleaves 16 elements at a time with 128-bit unpacks (SSE2 on x64, zip on Arm64), for
/// every type size (5-32 GB/s here by type size, far faster than the LZ4 or zstd decompression before it, so no
/// 256-bit copy of these kernels is kept): the byte rows are taken 16
/// at a time and transposed as a 16x16 byte matrix, and the last <c>typeSize % 16</c> rows as a 2, 4, 8 or 16-row
/// matrix padded with zero rows, whose surplus bytes spill into the following element and are overwritten by that
/// element's own stores (for type sizes 3, 5, 6 and 7 the elements of one vector are first packed together with a byte
/// shuffle, SSSE3, and stored 16 bytes at once). Elements the vector loop leaves (fewer than 16, or too near the end
/// for the spill) go through <see cref="UnshuffleReference"/>'s loop.
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
        var groups = typeSize / 16;
        var rest = typeSize % 16;
        var width = rest switch
        {
            0 => 0,
            <= 2 => 2,
            <= 4 => 4,
            <= 8 => 8,
            _ => 16,
        };

        if (groups == 0 && rest == width)
        {
            return UnshuffleExact(typeSize, count, stride, ref src, ref dst);
        }

        // Type sizes 3, 5, 6 and 7 (no whole 16-row group) squeeze each vector's elements together with one byte
        // shuffle and store 16 bytes at once; otherwise each element is stored on its own, width bytes wide.
        var packed = Ssse3.IsSupported && groups == 0 && width is 4 or 8 && rest != width;
        var pack = packed ? PackMask(width, rest) : default;

        // The last block's last store writes past its element (width - rest bytes, or 16 - (16 / width) * rest when
        // packed); keep that inside the destination.
        var spill = packed ? 16 - (16 / width * rest) : width - rest;
        var i0 = 0;
        for (; i0 + 16 <= count && ((long)(i0 + 16) * typeSize) + spill <= destination.Length; i0 += 16)
        {
            nint outAt = (nint)i0 * typeSize;
            if (rest != 0)
            {
                // The tail rows first: their spill lands on bytes the whole groups below (or the next block) then write.
                nint at = ((nint)groups * 16 * stride) + i0;
                nint tailAt = outAt + (groups * 16);
                switch (width)
                {
                    case 2:
                        Group2(ref src, stride, at, rest, ref dst, tailAt, typeSize);
                        break;
                    case 4:
                        Group4(ref src, stride, at, rest, ref dst, tailAt, typeSize, packed, pack);
                        break;
                    case 8:
                        Group8(ref src, stride, at, rest, ref dst, tailAt, typeSize, packed, pack);
                        break;
                    default:
                        Group16(ref src, stride, at, rest, ref dst, tailAt, typeSize);
                        break;
                }
            }

            for (var g = 0; g < groups; g++)
            {
                Group16(ref src, stride, ((nint)g * 16 * stride) + i0, 16, ref dst, outAt + (g * 16), typeSize);
            }
        }

        return i0;
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

    /// <summary>The shuffle keeping the first <paramref name="rest"/> bytes of each <paramref name="width"/>-byte lane, packed at the start.</summary>
    private static Vector128<byte> PackMask(int width, int rest)
    {
        Span<byte> mask = stackalloc byte[16];
        mask.Fill(0x80);
        var n = 0;
        for (var e = 0; e < 16 / width; e++)
        {
            for (var b = 0; b < rest; b++)
            {
                mask[n++] = (byte)((e * width) + b);
            }
        }

        return Vector128.Create((ReadOnlySpan<byte>)mask);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<byte> Row(ref byte src, int count, nint at, int row, int rows) =>
        row < rows ? Vector128.LoadUnsafe(ref src, (nuint)(at + ((nint)row * count))) : Vector128<byte>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<byte> Lo8(Vector128<byte> a, Vector128<byte> b) =>
        Sse2.IsSupported ? Sse2.UnpackLow(a, b) : AdvSimd.Arm64.ZipLow(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<byte> Hi8(Vector128<byte> a, Vector128<byte> b) =>
        Sse2.IsSupported ? Sse2.UnpackHigh(a, b) : AdvSimd.Arm64.ZipHigh(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<byte> Lo16(Vector128<byte> a, Vector128<byte> b) =>
        Sse2.IsSupported ? Sse2.UnpackLow(a.AsUInt16(), b.AsUInt16()).AsByte() : AdvSimd.Arm64.ZipLow(a.AsUInt16(), b.AsUInt16()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<byte> Hi16(Vector128<byte> a, Vector128<byte> b) =>
        Sse2.IsSupported ? Sse2.UnpackHigh(a.AsUInt16(), b.AsUInt16()).AsByte() : AdvSimd.Arm64.ZipHigh(a.AsUInt16(), b.AsUInt16()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<byte> Lo32(Vector128<byte> a, Vector128<byte> b) =>
        Sse2.IsSupported ? Sse2.UnpackLow(a.AsUInt32(), b.AsUInt32()).AsByte() : AdvSimd.Arm64.ZipLow(a.AsUInt32(), b.AsUInt32()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<byte> Hi32(Vector128<byte> a, Vector128<byte> b) =>
        Sse2.IsSupported ? Sse2.UnpackHigh(a.AsUInt32(), b.AsUInt32()).AsByte() : AdvSimd.Arm64.ZipHigh(a.AsUInt32(), b.AsUInt32()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<byte> Lo64(Vector128<byte> a, Vector128<byte> b) =>
        Sse2.IsSupported ? Sse2.UnpackLow(a.AsUInt64(), b.AsUInt64()).AsByte() : AdvSimd.Arm64.ZipLow(a.AsUInt64(), b.AsUInt64()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<byte> Hi64(Vector128<byte> a, Vector128<byte> b) =>
        Sse2.IsSupported ? Sse2.UnpackHigh(a.AsUInt64(), b.AsUInt64()).AsByte() : AdvSimd.Arm64.ZipHigh(a.AsUInt64(), b.AsUInt64()).AsByte();

    /// <summary>
    /// Unshuffles 16 elements from <paramref name="rows"/> rows (at most 2) whose first bytes are at <paramref name="at"/> in
    /// <paramref name="src"/>, <paramref name="count"/> bytes apart (missing rows read as zero):
    /// each element's 2 bytes are written at <c>dstAt + e * stride</c>, in increasing <c>e</c>, so bytes past
    /// <c>rows</c> spill into the next element and are overwritten by its own store or by a later group.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Group2(ref byte src, int count, nint at, int rows, ref byte dst, nint dstAt, int stride)
    {
        var r0 = Row(ref src, count, at, 0, rows);
        var r1 = Row(ref src, count, at, 1, rows);
        var a0 = Lo8(r0, r1);
        var a1 = Hi8(r0, r1);
        Unsafe.WriteUnaligned(ref Unsafe.Add(ref dst, dstAt + (0 * (nint)stride)), a0.AsUInt16().GetElement(0));
        Unsafe.WriteUnaligned(ref Unsafe.Add(ref dst, dstAt + (1 * (nint)stride)), a0.AsUInt16().GetElement(1));
        Unsafe.WriteUnaligned(ref Unsafe.Add(ref dst, dstAt + (2 * (nint)stride)), a0.AsUInt16().GetElement(2));
        Unsafe.WriteUnaligned(ref Unsafe.Add(ref dst, dstAt + (3 * (nint)stride)), a0.AsUInt16().GetElement(3));
        Unsafe.WriteUnaligned(ref Unsafe.Add(ref dst, dstAt + (4 * (nint)stride)), a0.AsUInt16().GetElement(4));
        Unsafe.WriteUnaligned(ref Unsafe.Add(ref dst, dstAt + (5 * (nint)stride)), a0.AsUInt16().GetElement(5));
        Unsafe.WriteUnaligned(ref Unsafe.Add(ref dst, dstAt + (6 * (nint)stride)), a0.AsUInt16().GetElement(6));
        Unsafe.WriteUnaligned(ref Unsafe.Add(ref dst, dstAt + (7 * (nint)stride)), a0.AsUInt16().GetElement(7));
        Unsafe.WriteUnaligned(ref Unsafe.Add(ref dst, dstAt + (8 * (nint)stride)), a1.AsUInt16().GetElement(0));
        Unsafe.WriteUnaligned(ref Unsafe.Add(ref dst, dstAt + (9 * (nint)stride)), a1.AsUInt16().GetElement(1));
        Unsafe.WriteUnaligned(ref Unsafe.Add(ref dst, dstAt + (10 * (nint)stride)), a1.AsUInt16().GetElement(2));
        Unsafe.WriteUnaligned(ref Unsafe.Add(ref dst, dstAt + (11 * (nint)stride)), a1.AsUInt16().GetElement(3));
        Unsafe.WriteUnaligned(ref Unsafe.Add(ref dst, dstAt + (12 * (nint)stride)), a1.AsUInt16().GetElement(4));
        Unsafe.WriteUnaligned(ref Unsafe.Add(ref dst, dstAt + (13 * (nint)stride)), a1.AsUInt16().GetElement(5));
        Unsafe.WriteUnaligned(ref Unsafe.Add(ref dst, dstAt + (14 * (nint)stride)), a1.AsUInt16().GetElement(6));
        Unsafe.WriteUnaligned(ref Unsafe.Add(ref dst, dstAt + (15 * (nint)stride)), a1.AsUInt16().GetElement(7));
    }

    /// <summary>
    /// Unshuffles 16 elements from <paramref name="rows"/> rows (at most 4) whose first bytes are at <paramref name="at"/> in
    /// <paramref name="src"/>, <paramref name="count"/> bytes apart (missing rows read as zero):
    /// each element's 4 bytes are written at <c>dstAt + e * stride</c>, in increasing <c>e</c>, so bytes past
    /// <c>rows</c> spill into the next element and are overwritten by its own store or by a later group.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Group4(ref byte src, int count, nint at, int rows, ref byte dst, nint dstAt, int stride, bool packed, Vector128<byte> pack)
    {
        var r0 = Row(ref src, count, at, 0, rows);
        var r2 = Row(ref src, count, at, 2, rows);
        var r1 = Row(ref src, count, at, 1, rows);
        var r3 = Row(ref src, count, at, 3, rows);
        var a0 = Lo8(r0, r1);
        var a1 = Hi8(r0, r1);
        var a2 = Lo8(r2, r3);
        var a3 = Hi8(r2, r3);
        var b0 = Lo16(a0, a2);
        var b1 = Hi16(a0, a2);
        var b2 = Lo16(a1, a3);
        var b3 = Hi16(a1, a3);
        if (packed)
        {
            // Each vector's 4 elements squeezed to stride bytes apiece with one shuffle, then one 16-byte store.
            Ssse3.Shuffle(b0, pack).StoreUnsafe(ref dst, (nuint)(dstAt + (0 * (nint)stride)));
            Ssse3.Shuffle(b1, pack).StoreUnsafe(ref dst, (nuint)(dstAt + (4 * (nint)stride)));
            Ssse3.Shuffle(b2, pack).StoreUnsafe(ref dst, (nuint)(dstAt + (8 * (nint)stride)));
            Ssse3.Shuffle(b3, pack).StoreUnsafe(ref dst, (nuint)(dstAt + (12 * (nint)stride)));
        }
        else
        {
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref dst, dstAt + (0 * (nint)stride)), b0.AsUInt32().GetElement(0));
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref dst, dstAt + (1 * (nint)stride)), b0.AsUInt32().GetElement(1));
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref dst, dstAt + (2 * (nint)stride)), b0.AsUInt32().GetElement(2));
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref dst, dstAt + (3 * (nint)stride)), b0.AsUInt32().GetElement(3));
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref dst, dstAt + (4 * (nint)stride)), b1.AsUInt32().GetElement(0));
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref dst, dstAt + (5 * (nint)stride)), b1.AsUInt32().GetElement(1));
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref dst, dstAt + (6 * (nint)stride)), b1.AsUInt32().GetElement(2));
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref dst, dstAt + (7 * (nint)stride)), b1.AsUInt32().GetElement(3));
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref dst, dstAt + (8 * (nint)stride)), b2.AsUInt32().GetElement(0));
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref dst, dstAt + (9 * (nint)stride)), b2.AsUInt32().GetElement(1));
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref dst, dstAt + (10 * (nint)stride)), b2.AsUInt32().GetElement(2));
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref dst, dstAt + (11 * (nint)stride)), b2.AsUInt32().GetElement(3));
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref dst, dstAt + (12 * (nint)stride)), b3.AsUInt32().GetElement(0));
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref dst, dstAt + (13 * (nint)stride)), b3.AsUInt32().GetElement(1));
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref dst, dstAt + (14 * (nint)stride)), b3.AsUInt32().GetElement(2));
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref dst, dstAt + (15 * (nint)stride)), b3.AsUInt32().GetElement(3));
        }
    }

    /// <summary>
    /// Unshuffles 16 elements from <paramref name="rows"/> rows (at most 8) whose first bytes are at <paramref name="at"/> in
    /// <paramref name="src"/>, <paramref name="count"/> bytes apart (missing rows read as zero):
    /// each element's 8 bytes are written at <c>dstAt + e * stride</c>, in increasing <c>e</c>, so bytes past
    /// <c>rows</c> spill into the next element and are overwritten by its own store or by a later group.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Group8(ref byte src, int count, nint at, int rows, ref byte dst, nint dstAt, int stride, bool packed, Vector128<byte> pack)
    {
        var r0 = Row(ref src, count, at, 0, rows);
        var r4 = Row(ref src, count, at, 4, rows);
        var r2 = Row(ref src, count, at, 2, rows);
        var r6 = Row(ref src, count, at, 6, rows);
        var r1 = Row(ref src, count, at, 1, rows);
        var r5 = Row(ref src, count, at, 5, rows);
        var r3 = Row(ref src, count, at, 3, rows);
        var r7 = Row(ref src, count, at, 7, rows);
        var a0 = Lo8(r0, r1);
        var a1 = Hi8(r0, r1);
        var a2 = Lo8(r4, r5);
        var a3 = Hi8(r4, r5);
        var a4 = Lo8(r2, r3);
        var a5 = Hi8(r2, r3);
        var a6 = Lo8(r6, r7);
        var a7 = Hi8(r6, r7);
        var b0 = Lo16(a0, a4);
        var b1 = Hi16(a0, a4);
        var b2 = Lo16(a1, a5);
        var b3 = Hi16(a1, a5);
        var b4 = Lo16(a2, a6);
        var b5 = Hi16(a2, a6);
        var b6 = Lo16(a3, a7);
        var b7 = Hi16(a3, a7);
        var c0 = Lo32(b0, b4);
        var c1 = Hi32(b0, b4);
        var c2 = Lo32(b1, b5);
        var c3 = Hi32(b1, b5);
        var c4 = Lo32(b2, b6);
        var c5 = Hi32(b2, b6);
        var c6 = Lo32(b3, b7);
        var c7 = Hi32(b3, b7);
        if (packed)
        {
            // Each vector's 2 elements squeezed to stride bytes apiece with one shuffle, then one 16-byte store.
            Ssse3.Shuffle(c0, pack).StoreUnsafe(ref dst, (nuint)(dstAt + (0 * (nint)stride)));
            Ssse3.Shuffle(c1, pack).StoreUnsafe(ref dst, (nuint)(dstAt + (2 * (nint)stride)));
            Ssse3.Shuffle(c2, pack).StoreUnsafe(ref dst, (nuint)(dstAt + (4 * (nint)stride)));
            Ssse3.Shuffle(c3, pack).StoreUnsafe(ref dst, (nuint)(dstAt + (6 * (nint)stride)));
            Ssse3.Shuffle(c4, pack).StoreUnsafe(ref dst, (nuint)(dstAt + (8 * (nint)stride)));
            Ssse3.Shuffle(c5, pack).StoreUnsafe(ref dst, (nuint)(dstAt + (10 * (nint)stride)));
            Ssse3.Shuffle(c6, pack).StoreUnsafe(ref dst, (nuint)(dstAt + (12 * (nint)stride)));
            Ssse3.Shuffle(c7, pack).StoreUnsafe(ref dst, (nuint)(dstAt + (14 * (nint)stride)));
        }
        else
        {
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref dst, dstAt + (0 * (nint)stride)), c0.AsUInt64().GetElement(0));
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref dst, dstAt + (1 * (nint)stride)), c0.AsUInt64().GetElement(1));
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref dst, dstAt + (2 * (nint)stride)), c1.AsUInt64().GetElement(0));
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref dst, dstAt + (3 * (nint)stride)), c1.AsUInt64().GetElement(1));
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref dst, dstAt + (4 * (nint)stride)), c2.AsUInt64().GetElement(0));
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref dst, dstAt + (5 * (nint)stride)), c2.AsUInt64().GetElement(1));
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref dst, dstAt + (6 * (nint)stride)), c3.AsUInt64().GetElement(0));
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref dst, dstAt + (7 * (nint)stride)), c3.AsUInt64().GetElement(1));
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref dst, dstAt + (8 * (nint)stride)), c4.AsUInt64().GetElement(0));
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref dst, dstAt + (9 * (nint)stride)), c4.AsUInt64().GetElement(1));
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref dst, dstAt + (10 * (nint)stride)), c5.AsUInt64().GetElement(0));
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref dst, dstAt + (11 * (nint)stride)), c5.AsUInt64().GetElement(1));
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref dst, dstAt + (12 * (nint)stride)), c6.AsUInt64().GetElement(0));
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref dst, dstAt + (13 * (nint)stride)), c6.AsUInt64().GetElement(1));
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref dst, dstAt + (14 * (nint)stride)), c7.AsUInt64().GetElement(0));
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref dst, dstAt + (15 * (nint)stride)), c7.AsUInt64().GetElement(1));
        }
    }

    /// <summary>
    /// Unshuffles 16 elements from <paramref name="rows"/> rows (at most 16) whose first bytes are at <paramref name="at"/> in
    /// <paramref name="src"/>, <paramref name="count"/> bytes apart (missing rows read as zero):
    /// each element's 16 bytes are written at <c>dstAt + e * stride</c>, in increasing <c>e</c>, so bytes past
    /// <c>rows</c> spill into the next element and are overwritten by its own store or by a later group.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Group16(ref byte src, int count, nint at, int rows, ref byte dst, nint dstAt, int stride)
    {
        var r0 = Row(ref src, count, at, 0, rows);
        var r8 = Row(ref src, count, at, 8, rows);
        var r4 = Row(ref src, count, at, 4, rows);
        var r12 = Row(ref src, count, at, 12, rows);
        var r2 = Row(ref src, count, at, 2, rows);
        var r10 = Row(ref src, count, at, 10, rows);
        var r6 = Row(ref src, count, at, 6, rows);
        var r14 = Row(ref src, count, at, 14, rows);
        var r1 = Row(ref src, count, at, 1, rows);
        var r9 = Row(ref src, count, at, 9, rows);
        var r5 = Row(ref src, count, at, 5, rows);
        var r13 = Row(ref src, count, at, 13, rows);
        var r3 = Row(ref src, count, at, 3, rows);
        var r11 = Row(ref src, count, at, 11, rows);
        var r7 = Row(ref src, count, at, 7, rows);
        var r15 = Row(ref src, count, at, 15, rows);
        var a0 = Lo8(r0, r1);
        var a1 = Hi8(r0, r1);
        var a2 = Lo8(r8, r9);
        var a3 = Hi8(r8, r9);
        var a4 = Lo8(r4, r5);
        var a5 = Hi8(r4, r5);
        var a6 = Lo8(r12, r13);
        var a7 = Hi8(r12, r13);
        var a8 = Lo8(r2, r3);
        var a9 = Hi8(r2, r3);
        var a10 = Lo8(r10, r11);
        var a11 = Hi8(r10, r11);
        var a12 = Lo8(r6, r7);
        var a13 = Hi8(r6, r7);
        var a14 = Lo8(r14, r15);
        var a15 = Hi8(r14, r15);
        var b0 = Lo16(a0, a8);
        var b1 = Hi16(a0, a8);
        var b2 = Lo16(a1, a9);
        var b3 = Hi16(a1, a9);
        var b4 = Lo16(a2, a10);
        var b5 = Hi16(a2, a10);
        var b6 = Lo16(a3, a11);
        var b7 = Hi16(a3, a11);
        var b8 = Lo16(a4, a12);
        var b9 = Hi16(a4, a12);
        var b10 = Lo16(a5, a13);
        var b11 = Hi16(a5, a13);
        var b12 = Lo16(a6, a14);
        var b13 = Hi16(a6, a14);
        var b14 = Lo16(a7, a15);
        var b15 = Hi16(a7, a15);
        var c0 = Lo32(b0, b8);
        var c1 = Hi32(b0, b8);
        var c2 = Lo32(b1, b9);
        var c3 = Hi32(b1, b9);
        var c4 = Lo32(b2, b10);
        var c5 = Hi32(b2, b10);
        var c6 = Lo32(b3, b11);
        var c7 = Hi32(b3, b11);
        var c8 = Lo32(b4, b12);
        var c9 = Hi32(b4, b12);
        var c10 = Lo32(b5, b13);
        var c11 = Hi32(b5, b13);
        var c12 = Lo32(b6, b14);
        var c13 = Hi32(b6, b14);
        var c14 = Lo32(b7, b15);
        var c15 = Hi32(b7, b15);
        var d0 = Lo64(c0, c8);
        var d1 = Hi64(c0, c8);
        var d2 = Lo64(c1, c9);
        var d3 = Hi64(c1, c9);
        var d4 = Lo64(c2, c10);
        var d5 = Hi64(c2, c10);
        var d6 = Lo64(c3, c11);
        var d7 = Hi64(c3, c11);
        var d8 = Lo64(c4, c12);
        var d9 = Hi64(c4, c12);
        var d10 = Lo64(c5, c13);
        var d11 = Hi64(c5, c13);
        var d12 = Lo64(c6, c14);
        var d13 = Hi64(c6, c14);
        var d14 = Lo64(c7, c15);
        var d15 = Hi64(c7, c15);
        d0.StoreUnsafe(ref dst, (nuint)(dstAt + (0 * (nint)stride)));
        d1.StoreUnsafe(ref dst, (nuint)(dstAt + (1 * (nint)stride)));
        d2.StoreUnsafe(ref dst, (nuint)(dstAt + (2 * (nint)stride)));
        d3.StoreUnsafe(ref dst, (nuint)(dstAt + (3 * (nint)stride)));
        d4.StoreUnsafe(ref dst, (nuint)(dstAt + (4 * (nint)stride)));
        d5.StoreUnsafe(ref dst, (nuint)(dstAt + (5 * (nint)stride)));
        d6.StoreUnsafe(ref dst, (nuint)(dstAt + (6 * (nint)stride)));
        d7.StoreUnsafe(ref dst, (nuint)(dstAt + (7 * (nint)stride)));
        d8.StoreUnsafe(ref dst, (nuint)(dstAt + (8 * (nint)stride)));
        d9.StoreUnsafe(ref dst, (nuint)(dstAt + (9 * (nint)stride)));
        d10.StoreUnsafe(ref dst, (nuint)(dstAt + (10 * (nint)stride)));
        d11.StoreUnsafe(ref dst, (nuint)(dstAt + (11 * (nint)stride)));
        d12.StoreUnsafe(ref dst, (nuint)(dstAt + (12 * (nint)stride)));
        d13.StoreUnsafe(ref dst, (nuint)(dstAt + (13 * (nint)stride)));
        d14.StoreUnsafe(ref dst, (nuint)(dstAt + (14 * (nint)stride)));
        d15.StoreUnsafe(ref dst, (nuint)(dstAt + (15 * (nint)stride)));
    }

    /// <summary>Unshuffles 16 elements of type size 2 from the rows at <paramref name="at"/> to <paramref name="dstAt"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Exact2(ref byte src, nint count, nint at, ref byte dst, nint dstAt)
    {
        var r0 = Vector128.LoadUnsafe(ref src, (nuint)(at + (0 * count)));
        var r1 = Vector128.LoadUnsafe(ref src, (nuint)(at + (1 * count)));
        var a0 = Lo8(r0, r1);
        var a1 = Hi8(r0, r1);
        a0.StoreUnsafe(ref dst, (nuint)(dstAt + 0));
        a1.StoreUnsafe(ref dst, (nuint)(dstAt + 16));
    }

    /// <summary>Unshuffles 16 elements of type size 4 from the rows at <paramref name="at"/> to <paramref name="dstAt"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Exact4(ref byte src, nint count, nint at, ref byte dst, nint dstAt)
    {
        var r0 = Vector128.LoadUnsafe(ref src, (nuint)(at + (0 * count)));
        var r2 = Vector128.LoadUnsafe(ref src, (nuint)(at + (2 * count)));
        var r1 = Vector128.LoadUnsafe(ref src, (nuint)(at + (1 * count)));
        var r3 = Vector128.LoadUnsafe(ref src, (nuint)(at + (3 * count)));
        var a0 = Lo8(r0, r1);
        var a1 = Hi8(r0, r1);
        var a2 = Lo8(r2, r3);
        var a3 = Hi8(r2, r3);
        var b0 = Lo16(a0, a2);
        var b1 = Hi16(a0, a2);
        var b2 = Lo16(a1, a3);
        var b3 = Hi16(a1, a3);
        b0.StoreUnsafe(ref dst, (nuint)(dstAt + 0));
        b1.StoreUnsafe(ref dst, (nuint)(dstAt + 16));
        b2.StoreUnsafe(ref dst, (nuint)(dstAt + 32));
        b3.StoreUnsafe(ref dst, (nuint)(dstAt + 48));
    }

    /// <summary>Unshuffles 16 elements of type size 8 from the rows at <paramref name="at"/> to <paramref name="dstAt"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Exact8(ref byte src, nint count, nint at, ref byte dst, nint dstAt)
    {
        var r0 = Vector128.LoadUnsafe(ref src, (nuint)(at + (0 * count)));
        var r4 = Vector128.LoadUnsafe(ref src, (nuint)(at + (4 * count)));
        var r2 = Vector128.LoadUnsafe(ref src, (nuint)(at + (2 * count)));
        var r6 = Vector128.LoadUnsafe(ref src, (nuint)(at + (6 * count)));
        var r1 = Vector128.LoadUnsafe(ref src, (nuint)(at + (1 * count)));
        var r5 = Vector128.LoadUnsafe(ref src, (nuint)(at + (5 * count)));
        var r3 = Vector128.LoadUnsafe(ref src, (nuint)(at + (3 * count)));
        var r7 = Vector128.LoadUnsafe(ref src, (nuint)(at + (7 * count)));
        var a0 = Lo8(r0, r1);
        var a1 = Hi8(r0, r1);
        var a2 = Lo8(r4, r5);
        var a3 = Hi8(r4, r5);
        var a4 = Lo8(r2, r3);
        var a5 = Hi8(r2, r3);
        var a6 = Lo8(r6, r7);
        var a7 = Hi8(r6, r7);
        var b0 = Lo16(a0, a4);
        var b1 = Hi16(a0, a4);
        var b2 = Lo16(a1, a5);
        var b3 = Hi16(a1, a5);
        var b4 = Lo16(a2, a6);
        var b5 = Hi16(a2, a6);
        var b6 = Lo16(a3, a7);
        var b7 = Hi16(a3, a7);
        var c0 = Lo32(b0, b4);
        var c1 = Hi32(b0, b4);
        var c2 = Lo32(b1, b5);
        var c3 = Hi32(b1, b5);
        var c4 = Lo32(b2, b6);
        var c5 = Hi32(b2, b6);
        var c6 = Lo32(b3, b7);
        var c7 = Hi32(b3, b7);
        c0.StoreUnsafe(ref dst, (nuint)(dstAt + 0));
        c1.StoreUnsafe(ref dst, (nuint)(dstAt + 16));
        c2.StoreUnsafe(ref dst, (nuint)(dstAt + 32));
        c3.StoreUnsafe(ref dst, (nuint)(dstAt + 48));
        c4.StoreUnsafe(ref dst, (nuint)(dstAt + 64));
        c5.StoreUnsafe(ref dst, (nuint)(dstAt + 80));
        c6.StoreUnsafe(ref dst, (nuint)(dstAt + 96));
        c7.StoreUnsafe(ref dst, (nuint)(dstAt + 112));
    }
}
