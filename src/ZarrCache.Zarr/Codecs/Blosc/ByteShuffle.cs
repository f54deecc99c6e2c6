using System.Buffers.Binary;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ZarrCache.Zarr.Codecs.Blosc;

/// <summary>
/// Blosc's byte shuffle of one block: byte j of element i moves to <c>j * n + i</c> (n whole elements); the bytes
/// after the last whole element (<c>blockSize % typeSize</c>) stay where they are, as c-blosc leaves them.
/// </summary>
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
        var count = source.Length / typeSize;
        if (typeSize == 4)
        {
            Unshuffle4(count, source, destination);
        }
        else if (typeSize == 8)
        {
            Unshuffle8(count, source, destination);
        }
        else
        {
            for (var j = 0; j < typeSize; j++)
            {
                var row = source.Slice(j * count, count);
                for (var i = 0; i < row.Length; i++)
                {
                    destination[(i * typeSize) + j] = row[i];
                }
            }
        }

        var whole = count * typeSize;
        source[whole..].CopyTo(destination[whole..]);
    }

    private static void Unshuffle4(int count, ReadOnlySpan<byte> source, Span<byte> destination)
    {
        var r0 = source[..count];
        var r1 = source.Slice(count, count);
        var r2 = source.Slice(2 * count, count);
        var r3 = source.Slice(3 * count, count);
        var output = destination[..(4 * count)];
        var start = 0;
        if (Sse2.IsSupported)
        {
            // 16 elements at a time: interleave the four byte rows with unpacks (bytes, then 16-bit pairs).
            for (; start + 16 <= count; start += 16)
            {
                var a = Vector128.Create(r0.Slice(start, 16));
                var b = Vector128.Create(r1.Slice(start, 16));
                var c = Vector128.Create(r2.Slice(start, 16));
                var d = Vector128.Create(r3.Slice(start, 16));
                var abLow = Sse2.UnpackLow(a, b).AsUInt16();
                var abHigh = Sse2.UnpackHigh(a, b).AsUInt16();
                var cdLow = Sse2.UnpackLow(c, d).AsUInt16();
                var cdHigh = Sse2.UnpackHigh(c, d).AsUInt16();
                var at = output[(4 * start)..];
                Sse2.UnpackLow(abLow, cdLow).AsByte().CopyTo(at);
                Sse2.UnpackHigh(abLow, cdLow).AsByte().CopyTo(at[16..]);
                Sse2.UnpackLow(abHigh, cdHigh).AsByte().CopyTo(at[32..]);
                Sse2.UnpackHigh(abHigh, cdHigh).AsByte().CopyTo(at[48..]);
            }
        }

        for (var i = start; i < count; i++)
        {
            var value = (uint)r0[i] | ((uint)r1[i] << 8) | ((uint)r2[i] << 16) | ((uint)r3[i] << 24);
            BinaryPrimitives.WriteUInt32LittleEndian(output[(4 * i)..], value);
        }
    }

    private static void Unshuffle8(int count, ReadOnlySpan<byte> source, Span<byte> destination)
    {
        var output = destination[..(8 * count)];
        for (var i = 0; i < count; i++)
        {
            ulong value = 0;
            for (var j = 7; j >= 0; j--)
            {
                value = (value << 8) | source[(j * count) + i];
            }

            BinaryPrimitives.WriteUInt64LittleEndian(output[(8 * i)..], value);
        }
    }
}
