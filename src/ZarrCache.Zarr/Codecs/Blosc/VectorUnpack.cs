using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace ZarrCache.Zarr.Codecs.Blosc;

/// <summary>
/// The unshuffle kernels' transposition network, written once: byte rows loaded 16 bytes at a time (<see cref="Rows2"/>
/// and up), transposed as a 2, 4 or 8-row byte matrix (<see cref="Transpose2"/> and up: each twice the one below, then
/// one step interleaving their results in lanes twice as wide), so that element <c>e</c> of the 16 lies in lane <c>e</c>
/// of the results. The steps (<see cref="Lo8"/> … <see cref="Hi64"/>) interleave the low and high halves of two vectors
/// in lanes of 8, 16, 32 or 64 bits (SSE2 unpacks on x64, zips on Arm64); the 16-row matrix of
/// <see cref="PaddedUnshuffle"/> is written out step by step with them (through these halves it ran a quarter slower).
/// </summary>
internal static class VectorUnpack
{
    /// <summary>Row <paramref name="row"/> of the matrix at <paramref name="at"/> (rows <paramref name="count"/> bytes apart), zero past <paramref name="rows"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> Row(ref byte src, nint count, nint at, int row, int rows) =>
        row < rows ? Vector128.LoadUnsafe(ref src, (nuint)(at + (row * count))) : Vector128<byte>.Zero;

    /// <summary>Rows 0 and 1 (zero from <paramref name="rows"/> on).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Rows2(ref byte src, nint count, nint at, int rows, out Vector128<byte> r0, out Vector128<byte> r1)
    {
        r0 = Row(ref src, count, at, 0, rows);
        r1 = Row(ref src, count, at, 1, rows);
    }

    /// <summary>Rows 0 to 3 (zero from <paramref name="rows"/> on).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Rows4(ref byte src, nint count, nint at, int rows, out Vector128<byte> r0, out Vector128<byte> r1, out Vector128<byte> r2, out Vector128<byte> r3)
    {
        Rows2(ref src, count, at, rows, out r0, out r1);
        Rows2(ref src, count, at + (2 * count), rows - 2, out r2, out r3);
    }

    /// <summary>Rows 0 to 7 (zero from <paramref name="rows"/> on).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Rows8(
        ref byte src, nint count, nint at, int rows,
        out Vector128<byte> r0, out Vector128<byte> r1, out Vector128<byte> r2, out Vector128<byte> r3,
        out Vector128<byte> r4, out Vector128<byte> r5, out Vector128<byte> r6, out Vector128<byte> r7)
    {
        Rows4(ref src, count, at, rows, out r0, out r1, out r2, out r3);
        Rows4(ref src, count, at + (4 * count), rows - 4, out r4, out r5, out r6, out r7);
    }

    /// <summary>Transposes 2 rows: element <c>e</c>'s 2 bytes in 16-bit lane <c>e % 8</c> of <c>t[e / 8]</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Transpose2(Vector128<byte> r0, Vector128<byte> r1, out Vector128<byte> t0, out Vector128<byte> t1)
    {
        t0 = Lo8(r0, r1);
        t1 = Hi8(r0, r1);
    }

    /// <summary>Transposes 4 rows: element <c>e</c>'s 4 bytes in 32-bit lane <c>e % 4</c> of <c>t[e / 4]</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Transpose4(
        Vector128<byte> r0, Vector128<byte> r1, Vector128<byte> r2, Vector128<byte> r3,
        out Vector128<byte> t0, out Vector128<byte> t1, out Vector128<byte> t2, out Vector128<byte> t3)
    {
        Transpose2(r0, r1, out var a0, out var a1);
        Transpose2(r2, r3, out var b0, out var b1);
        Interleave(16, a0, b0, out t0, out t1);
        Interleave(16, a1, b1, out t2, out t3);
    }

    /// <summary>Transposes 8 rows: element <c>e</c>'s 8 bytes in 64-bit lane <c>e % 2</c> of <c>t[e / 2]</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Transpose8(
        Vector128<byte> r0, Vector128<byte> r1, Vector128<byte> r2, Vector128<byte> r3,
        Vector128<byte> r4, Vector128<byte> r5, Vector128<byte> r6, Vector128<byte> r7,
        out Vector128<byte> t0, out Vector128<byte> t1, out Vector128<byte> t2, out Vector128<byte> t3,
        out Vector128<byte> t4, out Vector128<byte> t5, out Vector128<byte> t6, out Vector128<byte> t7)
    {
        Transpose4(r0, r1, r2, r3, out var a0, out var a1, out var a2, out var a3);
        Transpose4(r4, r5, r6, r7, out var b0, out var b1, out var b2, out var b3);
        Interleave(32, a0, a1, a2, a3, b0, b1, b2, b3, out t0, out t1, out t2, out t3, out t4, out t5, out t6, out t7);
    }

    /// <summary>
    /// Interleaves four pairs in lanes of <paramref name="bits"/> (16, 32 or 64): <c>(a0, b0)</c> into <paramref name="t0"/>
    /// (low halves) and <paramref name="t1"/> (high halves), and so on. With 64, the last step of transposing 16 rows whose
    /// halves (rows 0-7 and 8-15) were transposed into <c>a</c> and <c>b</c>: element <c>e</c>'s 16 bytes in <c>t[e]</c>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Interleave(
        int bits,
        Vector128<byte> a0, Vector128<byte> a1, Vector128<byte> a2, Vector128<byte> a3,
        Vector128<byte> b0, Vector128<byte> b1, Vector128<byte> b2, Vector128<byte> b3,
        out Vector128<byte> t0, out Vector128<byte> t1, out Vector128<byte> t2, out Vector128<byte> t3,
        out Vector128<byte> t4, out Vector128<byte> t5, out Vector128<byte> t6, out Vector128<byte> t7)
    {
        Interleave(bits, a0, b0, out t0, out t1);
        Interleave(bits, a1, b1, out t2, out t3);
        Interleave(bits, a2, b2, out t4, out t5);
        Interleave(bits, a3, b3, out t6, out t7);
    }

    /// <summary>Interleaves the low halves of <paramref name="a"/> and <paramref name="b"/> in lanes of <paramref name="bits"/> into <paramref name="low"/>, the high halves into <paramref name="high"/> (a constant <paramref name="bits"/> compiles to two instructions).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Interleave(int bits, Vector128<byte> a, Vector128<byte> b, out Vector128<byte> low, out Vector128<byte> high)
    {
        switch (bits)
        {
            case 16:
                low = Lo16(a, b);
                high = Hi16(a, b);
                break;
            case 32:
                low = Lo32(a, b);
                high = Hi32(a, b);
                break;
            default:
                low = Lo64(a, b);
                high = Hi64(a, b);
                break;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> Lo8(Vector128<byte> a, Vector128<byte> b) =>
        Sse2.IsSupported ? Sse2.UnpackLow(a, b) : AdvSimd.Arm64.ZipLow(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> Hi8(Vector128<byte> a, Vector128<byte> b) =>
        Sse2.IsSupported ? Sse2.UnpackHigh(a, b) : AdvSimd.Arm64.ZipHigh(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> Lo16(Vector128<byte> a, Vector128<byte> b) =>
        Sse2.IsSupported ? Sse2.UnpackLow(a.AsUInt16(), b.AsUInt16()).AsByte() : AdvSimd.Arm64.ZipLow(a.AsUInt16(), b.AsUInt16()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> Hi16(Vector128<byte> a, Vector128<byte> b) =>
        Sse2.IsSupported ? Sse2.UnpackHigh(a.AsUInt16(), b.AsUInt16()).AsByte() : AdvSimd.Arm64.ZipHigh(a.AsUInt16(), b.AsUInt16()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> Lo32(Vector128<byte> a, Vector128<byte> b) =>
        Sse2.IsSupported ? Sse2.UnpackLow(a.AsUInt32(), b.AsUInt32()).AsByte() : AdvSimd.Arm64.ZipLow(a.AsUInt32(), b.AsUInt32()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> Hi32(Vector128<byte> a, Vector128<byte> b) =>
        Sse2.IsSupported ? Sse2.UnpackHigh(a.AsUInt32(), b.AsUInt32()).AsByte() : AdvSimd.Arm64.ZipHigh(a.AsUInt32(), b.AsUInt32()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> Lo64(Vector128<byte> a, Vector128<byte> b) =>
        Sse2.IsSupported ? Sse2.UnpackLow(a.AsUInt64(), b.AsUInt64()).AsByte() : AdvSimd.Arm64.ZipLow(a.AsUInt64(), b.AsUInt64()).AsByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> Hi64(Vector128<byte> a, Vector128<byte> b) =>
        Sse2.IsSupported ? Sse2.UnpackHigh(a.AsUInt64(), b.AsUInt64()).AsByte() : AdvSimd.Arm64.ZipHigh(a.AsUInt64(), b.AsUInt64()).AsByte();
}
