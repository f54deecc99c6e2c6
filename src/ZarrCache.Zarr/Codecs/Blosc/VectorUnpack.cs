using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace ZarrCache.Zarr.Codecs.Blosc;

/// <summary>
/// The steps of the unshuffle kernels' transposition network: interleaving the low or high halves of two vectors in lanes of
/// 8, 16, 32 or 64 bits (SSE2 unpacks on x64, zips on Arm64).
/// </summary>
internal static class VectorUnpack
{
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
