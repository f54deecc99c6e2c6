namespace ZarrCache.Zarr.Codecs.Blosc;

/// <summary>
/// Blosc's bit shuffle of one block (the bitshuffle library's <c>bshuf_trans_bit_elem</c>): for n elements, n a
/// multiple of 8, bit k of byte j of element i goes to bit <c>i % 8</c> of byte <c>(j * 8 + k) * n / 8 + i / 8</c>.
/// As in c-blosc 1.x, a block whose element count is not a multiple of 8 is stored unshuffled, and the bytes after
/// the last whole element are copied as they are.
/// </summary>
internal static class BitShuffle
{
    public static void Shuffle(int typeSize, ReadOnlySpan<byte> source, Span<byte> destination)
    {
        var count = source.Length / typeSize;
        if (count % 8 != 0)
        {
            source.CopyTo(destination);
            return;
        }

        var rowBytes = count / 8;
        for (var j = 0; j < typeSize; j++)
        {
            for (var b = 0; b < rowBytes; b++)
            {
                ulong x = 0;
                var first = (b * 8 * typeSize) + j;
                for (var t = 7; t >= 0; t--)
                {
                    x = (x << 8) | source[first + (t * typeSize)];
                }

                x = Transpose8x8(x);
                var row = j * 8 * rowBytes;
                for (var k = 0; k < 8; k++)
                {
                    destination[row + (k * rowBytes) + b] = (byte)(x >> (8 * k));
                }
            }
        }

        var whole = count * typeSize;
        source[whole..].CopyTo(destination[whole..]);
    }

    public static void Unshuffle(int typeSize, ReadOnlySpan<byte> source, Span<byte> destination)
    {
        var count = source.Length / typeSize;
        if (count % 8 != 0)
        {
            source.CopyTo(destination);
            return;
        }

        var rowBytes = count / 8;
        for (var j = 0; j < typeSize; j++)
        {
            var row = j * 8 * rowBytes;
            for (var b = 0; b < rowBytes; b++)
            {
                ulong x = 0;
                for (var k = 7; k >= 0; k--)
                {
                    x = (x << 8) | source[row + (k * rowBytes) + b];
                }

                x = Transpose8x8(x);
                var first = (b * 8 * typeSize) + j;
                for (var t = 0; t < 8; t++)
                {
                    destination[first + (t * typeSize)] = (byte)(x >> (8 * t));
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
