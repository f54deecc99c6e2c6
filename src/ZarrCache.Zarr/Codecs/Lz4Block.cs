using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace ZarrCache.Zarr.Codecs;

/// <summary>
/// Decodes one LZ4 block (the LZ4 block format: sequences of a token, literals, a 2-byte offset and a match length),
/// as numcodecs' LZ4 codec and Blosc's lz4 streams hold it. Compiled fully optimized from its first call
/// (<see cref="MethodImplOptions.AggressiveOptimization"/>): a chunk read early in a process, before the JIT's tiers
/// have caught up, decodes as fast as the thousandth (K4os' decoder, through the JIT's quick and instrumented tiers,
/// made the first hundred warm reads of a whole array three times slower than the later ones).
/// </summary>
/// <remarks>
/// Safe on hostile input: every read of <c>source</c> and write of <c>destination</c> is checked against their
/// lengths before it is made, and a block that reads or writes past them, or refers to bytes before the start of the
/// output, returns -1. Copies of 16 bytes at a time may write past the end of a sequence (never past
/// <c>destination</c>); the next sequence overwrites those bytes, and a block that ends early returns -1.
/// </remarks>
internal static class Lz4Block
{
    private const int MinMatch = 4;
    private const int Wide = 16;

    /// <summary>Decodes <paramref name="source"/> into <paramref name="destination"/>.</summary>
    /// <returns>The bytes written, or -1 when the block is malformed or needs more room than <paramref name="destination"/> has.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Decode(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        ref var src = ref MemoryMarshal.GetReference(source);
        ref var dst = ref MemoryMarshal.GetReference(destination);
        nint srcLength = source.Length;
        nint dstLength = destination.Length;
        nint ip = 0;
        nint op = 0;
        if (srcLength == 0)
        {
            return 0; // K4os writes no bytes at all for empty input
        }

        while (ip < srcLength)
        {
            uint token = Unsafe.Add(ref src, ip++);

            // Literals.
            nint literals = (nint)(token >> 4);
            if (literals == 15 && !TryAddLength(ref src, srcLength, ref ip, ref literals))
            {
                return -1;
            }

            if (literals > srcLength - ip || literals > dstLength - op)
            {
                return -1;
            }

            if (literals <= Wide && srcLength - ip >= Wide && dstLength - op >= Wide)
            {
                Vector128.LoadUnsafe(ref src, (nuint)ip).StoreUnsafe(ref dst, (nuint)op);
            }
            else
            {
                Unsafe.CopyBlockUnaligned(ref Unsafe.Add(ref dst, op), ref Unsafe.Add(ref src, ip), (uint)literals);
            }

            ip += literals;
            op += literals;
            if (ip == srcLength)
            {
                return (int)op; // the last sequence holds literals only
            }

            // The match: an offset back into the output and a length.
            if (srcLength - ip < 2)
            {
                return -1;
            }

            nint offset = Unsafe.Add(ref src, ip) | (Unsafe.Add(ref src, ip + 1) << 8);
            ip += 2;
            if (offset == 0 || offset > op)
            {
                return -1;
            }

            nint length = (nint)(token & 15);
            if (length == 15 && !TryAddLength(ref src, srcLength, ref ip, ref length))
            {
                return -1;
            }

            length += MinMatch;
            if (length > dstLength - op)
            {
                return -1;
            }

            CopyMatch(ref dst, dstLength, op, offset, length);
            op += length;
        }

        return -1; // a block ends with literals, never with a match or nothing
    }

    /// <summary>Adds the length bytes that follow a nibble of 15 (each 255 means more follow).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryAddLength(ref byte src, nint srcLength, ref nint ip, ref nint length)
    {
        uint b;
        do
        {
            if (ip >= srcLength)
            {
                return false;
            }

            b = Unsafe.Add(ref src, ip++);
            length += (nint)b;
        }
        while (b == 255 && length < int.MaxValue);

        return b != 255;
    }

    /// <summary>Copies <paramref name="length"/> bytes from <paramref name="offset"/> bytes back, as LZ4 defines it (byte by byte, so a short offset repeats its bytes).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CopyMatch(ref byte dst, nint dstLength, nint op, nint offset, nint length)
    {
        var from = op - offset;
        if (offset >= Wide && dstLength - op >= length + Wide)
        {
            // No 16-byte step overlaps its own source: copy wide, up to 15 bytes past the match (within destination).
            for (nint i = 0; i < length; i += Wide)
            {
                Vector128.LoadUnsafe(ref dst, (nuint)(from + i)).StoreUnsafe(ref dst, (nuint)(op + i));
            }

            return;
        }

        if (offset >= length)
        {
            Unsafe.CopyBlockUnaligned(ref Unsafe.Add(ref dst, op), ref Unsafe.Add(ref dst, from), (uint)length);
            return;
        }

        if (offset == 1)
        {
            Unsafe.InitBlockUnaligned(ref Unsafe.Add(ref dst, op), Unsafe.Add(ref dst, from), (uint)length);
            return;
        }

        // A repeating pattern of offset bytes: every copy starts at the pattern's first byte and takes all that
        // already repeats it (offset + done bytes, done a multiple of offset), so the stretch doubles each time and
        // no copy overlaps its own source.
        nint done = 0;
        while (done < length)
        {
            var n = Math.Min(offset + done, length - done);
            Unsafe.CopyBlockUnaligned(ref Unsafe.Add(ref dst, op + done), ref Unsafe.Add(ref dst, from), (uint)n);
            done += n;
        }
    }
}
