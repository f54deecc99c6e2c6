using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace ZarrCache.Zarr.Codecs;

/// <summary>
/// Decodes one LZ4 block (the LZ4 block format: sequences of a token, literals, a 2-byte offset and a match length),
/// as numcodecs' LZ4 codec and Blosc's lz4 streams hold it. Compiled fully optimized from its first call
/// (<see cref="MethodImplOptions.AggressiveOptimization"/>): a chunk read early in a process, before the JIT's tiers
/// have caught up, decodes as fast as the thousandth (K4os' decoder, through the JIT's quick and instrumented tiers,
/// made the first ~60 warm reads of a whole array in a process 3-6 times slower than the later ones).
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

    /// <summary>Copies longer than this go to the runtime's memmove; shorter ones are copied 16 or 8 bytes at a time.</summary>
    private const int LongCopy = 256;

    /// <summary>Source bytes the fast path needs after the token: 16 read for the literals, then the offset.</summary>
    private const int FastSource = 2 * Wide;

    /// <summary>Room the fast path needs: 14 literals, then 32 bytes written for the match.</summary>
    private const int FastRoom = 4 * Wide;

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

            // The common sequence, far from both ends: at most 14 literals and a match of at most 18 bytes. Its
            // literals are copied 16 bytes at once and its match 32 (offset 16 or more) or 24 (8 to 15) bytes at once,
            // all within the room checked here; a match from before the output's start is refused as below.
            if ((token & 0xF0) != 0xF0 && (token & 0x0F) != 0x0F && srcLength - ip >= FastSource && dstLength - op >= FastRoom)
            {
                var shortLiterals = (nint)(token >> 4);
                Vector128.LoadUnsafe(ref src, (nuint)ip).StoreUnsafe(ref dst, (nuint)op);
                ip += shortLiterals;
                op += shortLiterals;
                nint shortOffset = Unsafe.Add(ref src, ip) | (Unsafe.Add(ref src, ip + 1) << 8);
                ip += 2;
                var shortFrom = op - shortOffset;
                if (shortOffset >= Wide && shortFrom >= 0)
                {
                    Vector128.LoadUnsafe(ref dst, (nuint)shortFrom).StoreUnsafe(ref dst, (nuint)op);
                    Vector128.LoadUnsafe(ref dst, (nuint)(shortFrom + Wide)).StoreUnsafe(ref dst, (nuint)(op + Wide));
                }
                else if (shortOffset >= 8 && shortFrom >= 0)
                {
                    Unsafe.WriteUnaligned(ref Unsafe.Add(ref dst, op), Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref dst, shortFrom)));
                    Unsafe.WriteUnaligned(ref Unsafe.Add(ref dst, op + 8), Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref dst, shortFrom + 8)));
                    Unsafe.WriteUnaligned(ref Unsafe.Add(ref dst, op + 16), Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref dst, shortFrom + 16)));
                }
                else if (shortOffset == 0 || shortFrom < 0)
                {
                    return -1;
                }
                else
                {
                    CopyMatch(ref dst, dstLength, op, shortOffset, (nint)(token & 15) + MinMatch);
                }

                op += (nint)(token & 15) + MinMatch;
                continue;
            }

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

            if (literals <= LongCopy && srcLength - ip >= literals + Wide && dstLength - op >= literals + Wide)
            {
                for (nint i = 0; i < literals; i += Wide)
                {
                    Vector128.LoadUnsafe(ref src, (nuint)(ip + i)).StoreUnsafe(ref dst, (nuint)(op + i));
                }
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

    /// <summary>
    /// For an offset under 8: the multiple of it that is 8 or more, from which a repeating pattern can be copied 8
    /// bytes at a time once its first 8 bytes are in place.
    /// </summary>
    private static ReadOnlySpan<byte> PatternStride => [0, 8, 8, 9, 8, 10, 12, 14];

    /// <summary>Copies <paramref name="length"/> bytes from <paramref name="offset"/> bytes back, as LZ4 defines it (byte by byte, so a short offset repeats its bytes).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CopyMatch(ref byte dst, nint dstLength, nint op, nint offset, nint length)
    {
        var from = op - offset;
        if (dstLength - op >= length + Wide)
        {
            // Room to copy past the match's end (the next sequence overwrites it).
            if (offset >= Wide)
            {
                // No 16-byte step overlaps its own source.
                for (nint i = 0; i < length; i += Wide)
                {
                    Vector128.LoadUnsafe(ref dst, (nuint)(from + i)).StoreUnsafe(ref dst, (nuint)(op + i));
                }

                return;
            }

            if (length <= LongCopy)
            {
                // 8 bytes at a time from a stride of 8 or more: the offset itself, or for a shorter offset the
                // pattern's first 8 bytes copied one by one and then a multiple of the offset back.
                nint i = 0;
                var stride = offset;
                if (offset < 8)
                {
                    for (; i < 8; i++)
                    {
                        Unsafe.Add(ref dst, op + i) = Unsafe.Add(ref dst, from + i);
                    }

                    stride = PatternStride[(int)offset];
                }

                for (; i < length; i += 8)
                {
                    Unsafe.WriteUnaligned(ref Unsafe.Add(ref dst, op + i), Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref dst, op + i - stride)));
                }

                return;
            }
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
