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
            done = UnshuffleVector(typeSize, count, source, destination);
        }

        UnshuffleElements(typeSize, count, done, source, destination);
        var whole = count * typeSize;
        source[whole..].CopyTo(destination[whole..]);
    }

    /// <summary>The plain byte-by-byte unshuffle: the reference the vector code is tested and measured against.</summary>
    internal static void UnshuffleReference(int typeSize, ReadOnlySpan<byte> source, Span<byte> destination)
    {
        var count = source.Length / typeSize;
        UnshuffleElements(typeSize, count, 0, source, destination);
        var whole = count * typeSize;
        source[whole..].CopyTo(destination[whole..]);
    }

    /// <summary>Unshuffles elements <paramref name="first"/> to <paramref name="count"/> - 1 one byte at a time.</summary>
    private static void UnshuffleElements(int typeSize, int count, int first, ReadOnlySpan<byte> source, Span<byte> destination)
    {
        for (var j = 0; j < typeSize; j++)
        {
            var row = source.Slice(j * count, count);
            for (var i = first; i < row.Length; i++)
            {
                destination[(i * typeSize) + j] = row[i];
            }
        }
    }

    /// <summary>Unshuffles whole blocks of 16 elements from the start; returns how many elements it wrote.</summary>
    private static int UnshuffleVector(int typeSize, int count, ReadOnlySpan<byte> source, Span<byte> destination)
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
            return UnshuffleExact(typeSize, count, ref src, ref dst);
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
                nint at = ((nint)groups * 16 * count) + i0;
                nint tailAt = outAt + (groups * 16);
                switch (width)
                {
                    case 2:
                        Group2(ref src, count, at, rest, ref dst, tailAt, typeSize);
                        break;
                    case 4:
                        Group4(ref src, count, at, rest, ref dst, tailAt, typeSize, packed, pack);
                        break;
                    case 8:
                        Group8(ref src, count, at, rest, ref dst, tailAt, typeSize, packed, pack);
                        break;
                    default:
                        Group16(ref src, count, at, rest, ref dst, tailAt, typeSize);
                        break;
                }
            }

            for (var g = 0; g < groups; g++)
            {
                Group16(ref src, count, ((nint)g * 16 * count) + i0, 16, ref dst, outAt + (g * 16), typeSize);
            }
        }

        return i0;
    }

    /// <summary>Type sizes 2, 4 and 8: whole vectors out, no padded rows; returns how many elements it wrote.</summary>
    private static int UnshuffleExact(int typeSize, int count, ref byte src, ref byte dst)
    {
        var i0 = 0;
        for (; i0 + 16 <= count; i0 += 16)
        {
            nint dstAt = (nint)i0 * typeSize;
            switch (typeSize)
            {
                case 2:
                    Exact2(ref src, count, i0, ref dst, dstAt);
                    break;
                case 4:
                    Exact4(ref src, count, i0, ref dst, dstAt);
                    break;
                default:
                    Exact8(ref src, count, i0, ref dst, dstAt);
                    break;
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

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<byte> Row(ref byte src, int count, nint at, int row, int rows) =>
        row < rows ? Vector128.LoadUnsafe(ref src, (nuint)(at + ((nint)row * count))) : Vector128<byte>.Zero;

    /// <summary>Interleaves the bytes of <paramref name="a"/> and <paramref name="b"/>: the low halves into <paramref name="lo"/>, the high into <paramref name="hi"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Zip8(Vector128<byte> a, Vector128<byte> b, out Vector128<byte> lo, out Vector128<byte> hi)
    {
        lo = Sse2.IsSupported ? Sse2.UnpackLow(a, b) : AdvSimd.Arm64.ZipLow(a, b);
        hi = Sse2.IsSupported ? Sse2.UnpackHigh(a, b) : AdvSimd.Arm64.ZipHigh(a, b);
    }

    /// <summary>As <see cref="Zip8"/>, in 16-bit lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Zip16(Vector128<byte> a, Vector128<byte> b, out Vector128<byte> lo, out Vector128<byte> hi)
    {
        lo = Sse2.IsSupported ? Sse2.UnpackLow(a.AsUInt16(), b.AsUInt16()).AsByte() : AdvSimd.Arm64.ZipLow(a.AsUInt16(), b.AsUInt16()).AsByte();
        hi = Sse2.IsSupported ? Sse2.UnpackHigh(a.AsUInt16(), b.AsUInt16()).AsByte() : AdvSimd.Arm64.ZipHigh(a.AsUInt16(), b.AsUInt16()).AsByte();
    }

    /// <summary>As <see cref="Zip8"/>, in 32-bit lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Zip32(Vector128<byte> a, Vector128<byte> b, out Vector128<byte> lo, out Vector128<byte> hi)
    {
        lo = Sse2.IsSupported ? Sse2.UnpackLow(a.AsUInt32(), b.AsUInt32()).AsByte() : AdvSimd.Arm64.ZipLow(a.AsUInt32(), b.AsUInt32()).AsByte();
        hi = Sse2.IsSupported ? Sse2.UnpackHigh(a.AsUInt32(), b.AsUInt32()).AsByte() : AdvSimd.Arm64.ZipHigh(a.AsUInt32(), b.AsUInt32()).AsByte();
    }

    /// <summary>As <see cref="Zip8"/>, in 64-bit lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Zip64(Vector128<byte> a, Vector128<byte> b, out Vector128<byte> lo, out Vector128<byte> hi)
    {
        lo = Sse2.IsSupported ? Sse2.UnpackLow(a.AsUInt64(), b.AsUInt64()).AsByte() : AdvSimd.Arm64.ZipLow(a.AsUInt64(), b.AsUInt64()).AsByte();
        hi = Sse2.IsSupported ? Sse2.UnpackHigh(a.AsUInt64(), b.AsUInt64()).AsByte() : AdvSimd.Arm64.ZipHigh(a.AsUInt64(), b.AsUInt64()).AsByte();
    }

    /// <summary>
    /// The transposed load, the one home of the unpack network: reads 16 bytes of each of 2 rows whose first bytes are
    /// at <paramref name="at"/> in <paramref name="src"/>, <paramref name="count"/> bytes apart (rows from
    /// <paramref name="rows"/> on read as zero), and returns the 16 two-byte columns, 8 per vector, in order.
    /// <see cref="Load4"/>, <see cref="Load8"/> and <see cref="Group16"/> each load two halves the way below and zip
    /// them with lanes twice as wide.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Load2(ref byte src, int count, nint at, int rows, out Vector128<byte> v0, out Vector128<byte> v1) =>
        Zip8(Row(ref src, count, at, 0, rows), Row(ref src, count, at, 1, rows), out v0, out v1);

    /// <summary>As <see cref="Load2"/> for 4 rows: the 16 four-byte columns, 4 per vector.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Load4(ref byte src, int count, nint at, int rows, out Vector128<byte> v0, out Vector128<byte> v1, out Vector128<byte> v2, out Vector128<byte> v3)
    {
        Load2(ref src, count, at, rows, out var p0, out var p1);
        Load2(ref src, count, at + (2 * (nint)count), rows - 2, out var q0, out var q1);
        Zip16(p0, q0, out v0, out v1);
        Zip16(p1, q1, out v2, out v3);
    }

    /// <summary>As <see cref="Load2"/> for 8 rows: the 16 eight-byte columns, 2 per vector.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Load8(
        ref byte src,
        int count,
        nint at,
        int rows,
        out Vector128<byte> v0,
        out Vector128<byte> v1,
        out Vector128<byte> v2,
        out Vector128<byte> v3,
        out Vector128<byte> v4,
        out Vector128<byte> v5,
        out Vector128<byte> v6,
        out Vector128<byte> v7)
    {
        Load4(ref src, count, at, rows, out var p0, out var p1, out var p2, out var p3);
        Load4(ref src, count, at + (4 * (nint)count), rows - 4, out var q0, out var q1, out var q2, out var q3);
        Zip32(p0, q0, out v0, out v1);
        Zip32(p1, q1, out v2, out v3);
        Zip32(p2, q2, out v4, out v5);
        Zip32(p3, q3, out v6, out v7);
    }

    /// <summary>
    /// Writes the elements of one vector of columns (<c>16 / sizeof(T)</c> of them, <typeparamref name="T"/>-wide) at
    /// <c>dstAt + e * stride</c>, in increasing <c>e</c>; <paramref name="packed"/>, squeezed together with
    /// <paramref name="pack"/> first and stored 16 bytes at once.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreElements<T>(Vector128<byte> columns, ref byte dst, nint dstAt, int stride, bool packed, Vector128<byte> pack)
        where T : unmanaged
    {
        if (packed)
        {
            Ssse3.Shuffle(columns, pack).StoreUnsafe(ref dst, (nuint)dstAt);
            return;
        }

        var lanes = columns.As<byte, T>();
        for (var e = 0; e < Vector128<T>.Count; e++)
        {
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref dst, dstAt + (e * (nint)stride)), lanes.GetElement(e));
        }
    }

    /// <summary>
    /// Unshuffles 16 elements from <paramref name="rows"/> rows (at most 2) whose first bytes are at <paramref name="at"/> in
    /// <paramref name="src"/>, <paramref name="count"/> bytes apart (missing rows read as zero):
    /// each element's 2 bytes are written at <c>dstAt + e * stride</c>, in increasing <c>e</c>, so bytes past
    /// <c>rows</c> spill into the next element and are overwritten by its own store or by a later group.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Group2(ref byte src, int count, nint at, int rows, ref byte dst, nint dstAt, int stride)
    {
        Load2(ref src, count, at, rows, out var v0, out var v1);
        StoreElements<ushort>(v0, ref dst, dstAt, stride, packed: false, default);
        StoreElements<ushort>(v1, ref dst, dstAt + (8 * (nint)stride), stride, packed: false, default);
    }

    /// <summary>As <see cref="Group2"/> for at most 4 rows; <paramref name="packed"/>, each vector's 4 elements go out in one store.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Group4(ref byte src, int count, nint at, int rows, ref byte dst, nint dstAt, int stride, bool packed, Vector128<byte> pack)
    {
        Load4(ref src, count, at, rows, out var v0, out var v1, out var v2, out var v3);
        StoreElements<uint>(v0, ref dst, dstAt, stride, packed, pack);
        StoreElements<uint>(v1, ref dst, dstAt + (4 * (nint)stride), stride, packed, pack);
        StoreElements<uint>(v2, ref dst, dstAt + (8 * (nint)stride), stride, packed, pack);
        StoreElements<uint>(v3, ref dst, dstAt + (12 * (nint)stride), stride, packed, pack);
    }

    /// <summary>As <see cref="Group2"/> for at most 8 rows; <paramref name="packed"/>, each vector's 2 elements go out in one store.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Group8(ref byte src, int count, nint at, int rows, ref byte dst, nint dstAt, int stride, bool packed, Vector128<byte> pack)
    {
        Load8(ref src, count, at, rows, out var v0, out var v1, out var v2, out var v3, out var v4, out var v5, out var v6, out var v7);
        StoreElements<ulong>(v0, ref dst, dstAt, stride, packed, pack);
        StoreElements<ulong>(v1, ref dst, dstAt + (2 * (nint)stride), stride, packed, pack);
        StoreElements<ulong>(v2, ref dst, dstAt + (4 * (nint)stride), stride, packed, pack);
        StoreElements<ulong>(v3, ref dst, dstAt + (6 * (nint)stride), stride, packed, pack);
        StoreElements<ulong>(v4, ref dst, dstAt + (8 * (nint)stride), stride, packed, pack);
        StoreElements<ulong>(v5, ref dst, dstAt + (10 * (nint)stride), stride, packed, pack);
        StoreElements<ulong>(v6, ref dst, dstAt + (12 * (nint)stride), stride, packed, pack);
        StoreElements<ulong>(v7, ref dst, dstAt + (14 * (nint)stride), stride, packed, pack);
    }

    /// <summary>
    /// As <see cref="Group2"/> for at most 16 rows: rows 0-7 and 8-15 are each loaded as by <see cref="Load8"/>, and
    /// zipping their 64-bit halves gives each element's 16 bytes.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Group16(ref byte src, int count, nint at, int rows, ref byte dst, nint dstAt, int stride)
    {
        Load8(ref src, count, at, rows, out var p0, out var p1, out var p2, out var p3, out var p4, out var p5, out var p6, out var p7);
        var at8 = at + (8 * (nint)count);
        Load8(ref src, count, at8, rows - 8, out var q0, out var q1, out var q2, out var q3, out var q4, out var q5, out var q6, out var q7);
        StoreTwo(p0, q0, ref dst, dstAt, stride);
        StoreTwo(p1, q1, ref dst, dstAt + (2 * (nint)stride), stride);
        StoreTwo(p2, q2, ref dst, dstAt + (4 * (nint)stride), stride);
        StoreTwo(p3, q3, ref dst, dstAt + (6 * (nint)stride), stride);
        StoreTwo(p4, q4, ref dst, dstAt + (8 * (nint)stride), stride);
        StoreTwo(p5, q5, ref dst, dstAt + (10 * (nint)stride), stride);
        StoreTwo(p6, q6, ref dst, dstAt + (12 * (nint)stride), stride);
        StoreTwo(p7, q7, ref dst, dstAt + (14 * (nint)stride), stride);
    }

    /// <summary>Zips the 64-bit halves of two 8-row column vectors into two 16-byte elements, stored at <paramref name="dstAt"/> and one stride on.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreTwo(Vector128<byte> low, Vector128<byte> high, ref byte dst, nint dstAt, int stride)
    {
        Zip64(low, high, out var first, out var second);
        first.StoreUnsafe(ref dst, (nuint)dstAt);
        second.StoreUnsafe(ref dst, (nuint)(dstAt + stride));
    }

    /// <summary>Unshuffles 16 elements of type size 2 from the rows at <paramref name="at"/> to <paramref name="dstAt"/>, whole vectors out.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Exact2(ref byte src, int count, nint at, ref byte dst, nint dstAt)
    {
        Load2(ref src, count, at, 2, out var v0, out var v1);
        v0.StoreUnsafe(ref dst, (nuint)dstAt);
        v1.StoreUnsafe(ref dst, (nuint)(dstAt + 16));
    }

    /// <summary>As <see cref="Exact2"/> for type size 4.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Exact4(ref byte src, int count, nint at, ref byte dst, nint dstAt)
    {
        Load4(ref src, count, at, 4, out var v0, out var v1, out var v2, out var v3);
        v0.StoreUnsafe(ref dst, (nuint)dstAt);
        v1.StoreUnsafe(ref dst, (nuint)(dstAt + 16));
        v2.StoreUnsafe(ref dst, (nuint)(dstAt + 32));
        v3.StoreUnsafe(ref dst, (nuint)(dstAt + 48));
    }

    /// <summary>As <see cref="Exact2"/> for type size 8.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Exact8(ref byte src, int count, nint at, ref byte dst, nint dstAt)
    {
        Load8(ref src, count, at, 8, out var v0, out var v1, out var v2, out var v3, out var v4, out var v5, out var v6, out var v7);
        v0.StoreUnsafe(ref dst, (nuint)dstAt);
        v1.StoreUnsafe(ref dst, (nuint)(dstAt + 16));
        v2.StoreUnsafe(ref dst, (nuint)(dstAt + 32));
        v3.StoreUnsafe(ref dst, (nuint)(dstAt + 48));
        v4.StoreUnsafe(ref dst, (nuint)(dstAt + 64));
        v5.StoreUnsafe(ref dst, (nuint)(dstAt + 80));
        v6.StoreUnsafe(ref dst, (nuint)(dstAt + 96));
        v7.StoreUnsafe(ref dst, (nuint)(dstAt + 112));
    }
}
