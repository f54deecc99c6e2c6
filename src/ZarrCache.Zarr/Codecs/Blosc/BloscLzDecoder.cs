using System.Runtime.CompilerServices;

namespace ZarrCache.Zarr.Codecs.Blosc;

/// <summary>
/// Decodes BloscLZ streams (c-blosc's FastLZ derivative, <c>blosc/blosclz.c</c>). The stream is a sequence of
/// instructions, each starting with a control byte: below 32 it is a literal run of <c>ctrl + 1</c> bytes; otherwise
/// its top 3 bits are a match length (7 means more length bytes follow, each added, until one is not 255) and its low
/// 5 bits the high byte of the distance, whose low byte follows; a low byte of 255 with high bits 31 means a 16-bit
/// big-endian far distance follows, counted from 8191. The first control byte keeps only its low 5 bits (the top
/// bits are a level marker). Every read and write is bounds-checked; a malformed stream returns -1.
/// </summary>
internal static class BloscLzDecoder
{
    private const int MaxDistance = 8191;

    /// <summary>Decodes <paramref name="input"/> into <paramref name="output"/>.</summary>
    /// <returns>The number of bytes written, or -1 when the stream is malformed or does not fit.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Decompress(ReadOnlySpan<byte> input, Span<byte> output)
    {
        if (input.IsEmpty)
        {
            return -1;
        }

        var ip = 0;
        var op = 0;
        var ctrl = input[ip++] & 31;
        while (true)
        {
            if (ctrl >= 32)
            {
                op = CopyMatch(input, ref ip, output, op, ctrl);
                if (op < 0)
                {
                    return -1;
                }
            }
            else
            {
                var count = ctrl + 1;
                if (count > output.Length - op || count > input.Length - ip)
                {
                    return -1;
                }

                input.Slice(ip, count).CopyTo(output[op..]);
                ip += count;
                op += count;
            }

            if (ip >= input.Length)
            {
                return op;
            }

            ctrl = input[ip++];
        }
    }

    private static int CopyMatch(ReadOnlySpan<byte> input, ref int ip, Span<byte> output, int op, int ctrl)
    {
        var length = (ctrl >> 5) - 1;
        var highDistance = (ctrl & 31) << 8;
        if (length == 6)
        {
            int code;
            do
            {
                if (ip >= input.Length)
                {
                    return -1;
                }

                code = input[ip++];
                length += code;
                if (length > output.Length)
                {
                    return -1;
                }
            }
            while (code == 255);
        }

        if (ip >= input.Length)
        {
            return -1;
        }

        var lowDistance = input[ip++];
        length += 3;
        int distance;
        if (lowDistance == 255 && highDistance == 31 << 8)
        {
            if (input.Length - ip < 2)
            {
                return -1;
            }

            distance = ((input[ip] << 8) | input[ip + 1]) + MaxDistance + 1;
            ip += 2;
        }
        else
        {
            distance = highDistance + lowDistance + 1;
        }

        if (distance > op || length > output.Length - op)
        {
            return -1;
        }

        var from = op - distance;
        if (distance == 1)
        {
            output.Slice(op, length).Fill(output[from]);
            return op + length;
        }

        // Copy in pieces no longer than the distance, so source and destination never overlap.
        while (length > 0)
        {
            var piece = Math.Min(distance, length);
            output.Slice(from, piece).CopyTo(output[op..]);
            op += piece;
            from += piece;
            length -= piece;
        }

        return op;
    }
}
