using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;
using System.Runtime.Intrinsics;

namespace ZarrCache.Zarr.Codecs.Blosc;

/// <summary>
/// Blosc's bit shuffle of one block (the bitshuffle library's <c>bshuf_trans_bit_elem</c>): for n elements, n a
/// multiple of 8, bit k of byte j of element i goes to bit <c>i % 8</c> of byte <c>(j * 8 + k) * n / 8 + i / 8</c>.
/// As in c-blosc 1.x, a block whose element count is not a multiple of 8 is stored unshuffled, and the bytes after
/// the last whole element are copied as they are.
/// </summary>
internal static class BitShuffle
{
    public static void Shuffle(int typeSize, ReadOnlySpan<byte> source, Span<byte> destination) =>
        TransposeScalar(typeSize, source, destination, toRows: true);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Unshuffle(int typeSize, ReadOnlySpan<byte> source, Span<byte> destination)
    {
        if (CopiedAsIs(typeSize, source, destination, out var count))
        {
            return;
        }

        if (!Sse2.IsSupported)
        {
            UnshuffleReference(typeSize, source, destination);
            return;
        }

        // As bitshuffle's SSE2 code: first a byte transpose, so that each group of 8 elements has, for each byte j, the
        // 8 bytes holding bits 0..7 of byte j of its elements side by side (a byte unshuffle with 8 * typeSize bytes per
        // "element"); then movemask picks bit 7 of each of those bytes, which is one element's byte j, and a shift
        // brings the next element's bits up.
        var whole = count * typeSize;
        var groupBytes = 8 * typeSize;
        var rented = ArrayPool<byte>.Shared.Rent(whole);
        try
        {
            var rows = rented.AsSpan(0, whole);
            ByteShuffle.Unshuffle(groupBytes, source[..whole], rows);
            ref var tmp = ref MemoryMarshal.GetReference(rows);
            ref var dst = ref MemoryMarshal.GetReference(destination[..whole]);
            for (nint g = 0; g < whole; g += groupBytes)
            {
                var j = 0;
                if (Avx2.IsSupported)
                {
                    for (; j + 4 <= typeSize; j += 4)
                    {
                        // Bytes j to j + 3 of the group's 8 elements, last element first.
                        var y = Vector256.LoadUnsafe(ref tmp, (nuint)(g + (8 * j)));
                        for (var e = 7; e >= 0; e--)
                        {
                            var bits = (uint)Avx2.MoveMask(y);
                            Unsafe.WriteUnaligned(ref Unsafe.Add(ref dst, g + (e * typeSize) + j), bits);
                            y = Avx2.ShiftLeftLogical(y.AsUInt16(), 1).AsByte();
                        }
                    }
                }

                for (; j + 2 <= typeSize; j += 2)
                {
                    // Bytes j and j + 1 of the group's 8 elements, last element first.
                    var x = Vector128.LoadUnsafe(ref tmp, (nuint)(g + (8 * j)));
                    for (var e = 7; e >= 0; e--)
                    {
                        var bits = (ushort)Sse2.MoveMask(x);
                        Unsafe.WriteUnaligned(ref Unsafe.Add(ref dst, g + (e * typeSize) + j), bits);
                        x = Sse2.ShiftLeftLogical(x.AsUInt16(), 1).AsByte();
                    }
                }

                if (j < typeSize)
                {
                    var x = Vector128.CreateScalar(Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref tmp, g + (8 * j)))).AsByte();
                    for (var e = 7; e >= 0; e--)
                    {
                        Unsafe.Add(ref dst, g + (e * typeSize) + j) = (byte)Sse2.MoveMask(x);
                        x = Sse2.ShiftLeftLogical(x.AsUInt16(), 1).AsByte();
                    }
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }

        source[whole..].CopyTo(destination[whole..]);
    }

    /// <summary>The scalar bit unshuffle (one 8x8 bit transpose per 8 elements and byte): the reference for the SSE2 path.</summary>
    internal static void UnshuffleReference(int typeSize, ReadOnlySpan<byte> source, Span<byte> destination) =>
        TransposeScalar(typeSize, source, destination, toRows: false);

    /// <summary>
    /// Copies a block whose element count is not a multiple of 8 as it is (c-blosc 1.x leaves it unshuffled) and
    /// returns true; otherwise returns false with the element count in <paramref name="count"/>.
    /// </summary>
    private static bool CopiedAsIs(int typeSize, ReadOnlySpan<byte> source, Span<byte> destination, out int count)
    {
        count = source.Length / typeSize;
        if (count % 8 == 0)
        {
            return false;
        }

        source.CopyTo(destination);
        return true;
    }

    /// <summary>
    /// The scalar bit transpose, both ways: for each byte j and each 8 elements, the 8 bytes j of the elements
    /// (<c>typeSize</c> apart) and the 8 bytes of bit rows <c>8j..8j+7</c> (<c>count / 8</c> apart) are one 8x8 bit
    /// matrix and its transpose. <paramref name="toRows"/>: elements to bit rows (the shuffle); otherwise back. A block
    /// whose element count is not a multiple of 8 is copied as it is, and the bytes after the last element always are.
    /// </summary>
    private static void TransposeScalar(int typeSize, ReadOnlySpan<byte> source, Span<byte> destination, bool toRows)
    {
        if (CopiedAsIs(typeSize, source, destination, out var count))
        {
            return;
        }

        var rowBytes = count / 8;
        for (var j = 0; j < typeSize; j++)
        {
            for (var b = 0; b < rowBytes; b++)
            {
                var elements = (b * 8 * typeSize) + j;
                var rows = (j * 8 * rowBytes) + b;
                var (from, fromStep, to, toStep) = toRows ? (elements, typeSize, rows, rowBytes) : (rows, rowBytes, elements, typeSize);
                ulong x = 0;
                for (var i = 7; i >= 0; i--)
                {
                    x = (x << 8) | source[from + (i * fromStep)];
                }

                x = Transpose8x8(x);
                for (var i = 0; i < 8; i++)
                {
                    destination[to + (i * toStep)] = (byte)(x >> (8 * i));
                }
            }
        }

        var whole = count * typeSize;
        source[whole..].CopyTo(destination[whole..]);
    }

    /// <summary>Transposes the 8x8 bit matrix whose rows are the bytes of <paramref name="x"/>: bit k of byte t becomes bit t of byte k.</summary>
    internal static ulong Transpose8x8(ulong x)
    {
        var t = (x ^ (x >> 7)) & 0x00AA00AA00AA00AAUL;
        x = x ^ t ^ (t << 7);
        t = (x ^ (x >> 14)) & 0x0000CCCC0000CCCCUL;
        x = x ^ t ^ (t << 14);
        t = (x ^ (x >> 28)) & 0x00000000F0F0F0F0UL;
        return x ^ t ^ (t << 28);
    }
}
