using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using static ZarrCache.Zarr.Codecs.Blosc.VectorUnpack;

namespace ZarrCache.Zarr.Codecs.Blosc;

/// <summary>
/// <see cref="ByteShuffle.Unshuffle"/> for the type sizes without an exact kernel (3, 5-7 and 9 bytes or more): the byte rows
/// are taken 16 at a time and transposed as a 16x16 byte matrix, and the last <c>typeSize % 16</c> rows as a 2, 4, 8 or
/// 16-row matrix padded with zero rows, whose surplus bytes spill into the following element and are overwritten by that
/// element's own stores (for type sizes 3, 5, 6 and 7 the elements of one vector are first packed together with a byte
/// shuffle, SSSE3, and stored 16 bytes at once).
/// </summary>
/// <remarks>
/// Each kernel transposes its rows into a <see cref="Transposed"/> block (element <c>e</c> in lane <c>e</c>, lanes as wide
/// as the padded matrix is tall), and <see cref="Scatter{TLane}"/> or <see cref="Store{TLane}"/> writes the block out.
/// </remarks>
internal static class PaddedUnshuffle
{
    /// <summary>
    /// Unshuffles whole blocks of 16 elements from the start (the byte rows <paramref name="stride"/> bytes apart), as long
    /// as the last store's spill stays inside the <paramref name="destinationLength"/> bytes at <paramref name="dst"/>;
    /// returns how many elements it wrote.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Unshuffle(int typeSize, int count, int stride, ref byte src, ref byte dst, int destinationLength)
    {
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

        // Type sizes 3, 5, 6 and 7 (no whole 16-row group) squeeze each vector's elements together with one byte
        // shuffle and store 16 bytes at once; otherwise each element is stored on its own, width bytes wide.
        var packed = Ssse3.IsSupported && groups == 0 && width is 4 or 8 && rest != width;
        var pack = packed ? PackMask(width, rest) : default;

        // The kernels' transposed elements: one block for the whole call, zeroed once.
        var block = default(Transposed);

        // The last block's last store writes past its element (width - rest bytes, or 16 - (16 / width) * rest when
        // packed); keep that inside the destination.
        var spill = packed ? 16 - (16 / width * rest) : width - rest;
        var i0 = 0;
        for (; i0 + 16 <= count && ((long)(i0 + 16) * typeSize) + spill <= destinationLength; i0 += 16)
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
                        Group2(ref src, stride, at, rest, ref dst, tailAt, typeSize, ref block);
                        break;
                    case 4:
                        Group4(ref src, stride, at, rest, ref dst, tailAt, typeSize, ref block, packed, pack);
                        break;
                    case 8:
                        Group8(ref src, stride, at, rest, ref dst, tailAt, typeSize, ref block, packed, pack);
                        break;
                    default:
                        Group16(ref src, stride, at, rest, ref dst, tailAt, typeSize, ref block);
                        break;
                }
            }

            for (var g = 0; g < groups; g++)
            {
                Group16(ref src, stride, ((nint)g * 16 * stride) + i0, 16, ref dst, outAt + (g * 16), typeSize, ref block);
            }
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

    /// <summary>
    /// Unshuffles 16 elements from <paramref name="rows"/> rows (at most 2) whose first bytes are at <paramref name="at"/> in
    /// <paramref name="src"/>, <paramref name="count"/> bytes apart (missing rows read as zero):
    /// each element's 2 bytes are written at <c>dstAt + e * stride</c>, in increasing <c>e</c>, so bytes past
    /// <c>rows</c> spill into the next element and are overwritten by its own store or by a later group.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Group2(ref byte src, int count, nint at, int rows, ref byte dst, nint dstAt, int stride, ref Transposed t)
    {
        Rows2(ref src, count, at, rows, out var r0, out var r1);
        Transpose2(r0, r1, out t[0], out t[1]);
        Scatter<ushort>(ref t, ref dst, dstAt, stride);
    }

    /// <summary>
    /// Unshuffles 16 elements from <paramref name="rows"/> rows (at most 4) whose first bytes are at <paramref name="at"/> in
    /// <paramref name="src"/>, <paramref name="count"/> bytes apart (missing rows read as zero):
    /// each element's 4 bytes are written at <c>dstAt + e * stride</c>, in increasing <c>e</c>, so bytes past
    /// <c>rows</c> spill into the next element and are overwritten by its own store or by a later group.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Group4(ref byte src, int count, nint at, int rows, ref byte dst, nint dstAt, int stride, ref Transposed t, bool packed, Vector128<byte> pack)
    {
        Rows4(ref src, count, at, rows, out var r0, out var r1, out var r2, out var r3);
        Transpose4(r0, r1, r2, r3, out t[0], out t[1], out t[2], out t[3]);
        Store<uint>(ref t, ref dst, dstAt, stride, packed, pack);
    }

    /// <summary>
    /// Unshuffles 16 elements from <paramref name="rows"/> rows (at most 8) whose first bytes are at <paramref name="at"/> in
    /// <paramref name="src"/>, <paramref name="count"/> bytes apart (missing rows read as zero):
    /// each element's 8 bytes are written at <c>dstAt + e * stride</c>, in increasing <c>e</c>, so bytes past
    /// <c>rows</c> spill into the next element and are overwritten by its own store or by a later group.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Group8(ref byte src, int count, nint at, int rows, ref byte dst, nint dstAt, int stride, ref Transposed t, bool packed, Vector128<byte> pack)
    {
        Rows8(ref src, count, at, rows, out var r0, out var r1, out var r2, out var r3, out var r4, out var r5, out var r6, out var r7);
        Transpose8(r0, r1, r2, r3, r4, r5, r6, r7, out t[0], out t[1], out t[2], out t[3], out t[4], out t[5], out t[6], out t[7]);
        Store<ulong>(ref t, ref dst, dstAt, stride, packed, pack);
    }

    /// <summary>
    /// Unshuffles 16 elements from <paramref name="rows"/> rows (at most 16) whose first bytes are at <paramref name="at"/> in
    /// <paramref name="src"/>, <paramref name="count"/> bytes apart (missing rows read as zero):
    /// each element's 16 bytes are written at <c>dstAt + e * stride</c>, in increasing <c>e</c>, so bytes past
    /// <c>rows</c> spill into the next element and are overwritten by its own store or by a later group.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Group16(ref byte src, int count, nint at, int rows, ref byte dst, nint dstAt, int stride, ref Transposed t)
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
        t[0] = Lo64(c0, c8);
        t[1] = Hi64(c0, c8);
        t[2] = Lo64(c1, c9);
        t[3] = Hi64(c1, c9);
        t[4] = Lo64(c2, c10);
        t[5] = Hi64(c2, c10);
        t[6] = Lo64(c3, c11);
        t[7] = Hi64(c3, c11);
        t[8] = Lo64(c4, c12);
        t[9] = Hi64(c4, c12);
        t[10] = Lo64(c5, c13);
        t[11] = Hi64(c5, c13);
        t[12] = Lo64(c6, c14);
        t[13] = Hi64(c6, c14);
        t[14] = Lo64(c7, c15);
        t[15] = Hi64(c7, c15);
        Scatter<Vector128<byte>>(ref t, ref dst, dstAt, stride);
    }

    /// <summary>
    /// Writes the 16 elements of <paramref name="block"/> (lane <c>e</c> of <typeparamref name="TLane"/>, element <c>e</c>)
    /// each at <c>dstAt + e * stride</c>, in increasing <c>e</c>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Scatter<TLane>(ref Transposed block, ref byte dst, nint dstAt, nint stride)
        where TLane : unmanaged
    {
        // Four elements a turn: the loop's own cost would otherwise weigh on these short kernels.
        ref var lane = ref Unsafe.As<Transposed, TLane>(ref block);
        ref var to = ref Unsafe.Add(ref dst, dstAt);
        for (var e = 0; e < 16; e += 4)
        {
            Unsafe.WriteUnaligned(ref to, Unsafe.Add(ref lane, e));
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref to, stride), Unsafe.Add(ref lane, e + 1));
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref to, 2 * stride), Unsafe.Add(ref lane, e + 2));
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref to, 3 * stride), Unsafe.Add(ref lane, e + 3));
            to = ref Unsafe.Add(ref to, 4 * stride);
        }
    }

    /// <summary>
    /// Writes <paramref name="block"/> as <see cref="Scatter{TLane}"/> does, or, when <paramref name="packed"/>, each
    /// vector's elements squeezed to <paramref name="stride"/> bytes apiece with <paramref name="pack"/> and stored 16 bytes
    /// at once.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store<TLane>(ref Transposed block, ref byte dst, nint dstAt, nint stride, bool packed, Vector128<byte> pack)
        where TLane : unmanaged
    {
        if (!packed)
        {
            Scatter<TLane>(ref block, ref dst, dstAt, stride);
            return;
        }

        // Four vectors a turn (4 or 8 vectors of 16 / sizeof(TLane) elements each), as in Scatter.
        var step = 16 / Unsafe.SizeOf<TLane>() * stride;
        ref var to = ref Unsafe.Add(ref dst, dstAt);
        for (var k = 0; k < Unsafe.SizeOf<TLane>(); k += 4)
        {
            Ssse3.Shuffle(block[k], pack).StoreUnsafe(ref to);
            Ssse3.Shuffle(block[k + 1], pack).StoreUnsafe(ref Unsafe.Add(ref to, step));
            Ssse3.Shuffle(block[k + 2], pack).StoreUnsafe(ref Unsafe.Add(ref to, 2 * step));
            Ssse3.Shuffle(block[k + 3], pack).StoreUnsafe(ref Unsafe.Add(ref to, 3 * step));
            to = ref Unsafe.Add(ref to, 4 * step);
        }
    }

    /// <summary>16 transposed elements, element <c>e</c> in lane <c>e</c> (lanes 2, 4, 8 or 16 bytes wide: 2 to 16 vectors).</summary>
    [InlineArray(16)]
    private struct Transposed
    {
        private Vector128<byte> _vector;
    }
}
