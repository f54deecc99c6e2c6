using System.Buffers;
using System.Buffers.Binary;

namespace ZarrCache.Zarr.Codecs.Blosc;

/// <summary>
/// A greedy BloscLZ encoder writing the format <see cref="BloscLzDecoder"/> reads (c-blosc's <c>blosc/blosclz.c</c>):
/// literal runs of at most 32 bytes, matches of 4 bytes or more found through a hash of the next 4 bytes, near
/// distances up to 8191 and far ones up to 73727. The stream always starts and ends with a literal run, as
/// c-blosc's encoder does, so every c-blosc decoder reads it.
/// </summary>
internal static class BloscLzEncoder
{
    private const int HashLog = 14;
    private const int MaxCopy = 32;
    private const int MaxDistance = 8191;
    private const int MaxFarDistance = 65535 + MaxDistance + 1;
    private const int MinMatch = 4;

    /// <summary>Compresses <paramref name="input"/>; returns the length written, or 0 when it does not fit in <paramref name="output"/>.</summary>
    public static int Compress(ReadOnlySpan<byte> input, Span<byte> output)
    {
        if (input.Length < MinMatch + 2)
        {
            return Literals(input, output, 0);
        }

        var table = ArrayPool<int>.Shared.Rent(1 << HashLog);
        try
        {
            Array.Fill(table, -1, 0, 1 << HashLog);
            return Compress(input, output, table);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(table);
        }
    }

    private static int Compress(ReadOnlySpan<byte> input, Span<byte> output, int[] table)
    {
        var op = 0;
        var anchor = 0;
        var ip = 1; // The stream starts with a literal.
        var limit = input.Length - MinMatch - 1; // Matches end before the last byte: the stream ends with a literal.
        while (ip <= limit)
        {
            var sequence = BinaryPrimitives.ReadUInt32LittleEndian(input[ip..]);
            var slot = (int)((sequence * 2654435761U) >> (32 - HashLog));
            var candidate = table[slot];
            table[slot] = ip;
            var distance = ip - candidate;
            if (candidate < 0 || distance > MaxFarDistance || BinaryPrimitives.ReadUInt32LittleEndian(input[candidate..]) != sequence)
            {
                ip++;
                continue;
            }

            var length = MinMatch;
            var maxLength = input.Length - 1 - ip;
            while (length < maxLength && input[candidate + length] == input[ip + length])
            {
                length++;
            }

            op = Literals(input[anchor..ip], output, op);
            op = op == 0 ? -1 : Match(output, op, length, distance);
            if (op < 0)
            {
                return 0;
            }

            ip += length;
            anchor = ip;
        }

        return Literals(input[anchor..], output, op);
    }

    private static int Literals(ReadOnlySpan<byte> literals, Span<byte> output, int op)
    {
        while (!literals.IsEmpty)
        {
            var count = Math.Min(MaxCopy, literals.Length);
            if (output.Length - op < count + 1)
            {
                return 0;
            }

            output[op++] = (byte)(count - 1);
            literals[..count].CopyTo(output[op..]);
            op += count;
            literals = literals[count..];
        }

        return op;
    }

    private static int Match(Span<byte> output, int op, int length, int distance)
    {
        var d = distance - 1;
        var far = d >= MaxDistance;
        var needed = 2 + (far ? 2 : 0) + (length >= 9 ? 1 + ((length - 9) / 255) : 0);
        if (output.Length - op < needed)
        {
            return -1;
        }

        var high = far ? 31 : d >> 8;
        if (length < 9)
        {
            output[op++] = (byte)(((length - 2) << 5) | high);
        }
        else
        {
            output[op++] = (byte)((7 << 5) | high);
            var rest = length - 9;
            for (; rest >= 255; rest -= 255)
            {
                output[op++] = 255;
            }

            output[op++] = (byte)rest;
        }

        if (far)
        {
            var ofs = d - MaxDistance;
            output[op++] = 255;
            output[op++] = (byte)(ofs >> 8);
            output[op++] = (byte)ofs;
        }
        else
        {
            output[op++] = (byte)d;
        }

        return op;
    }
}
