using ZarrCache.Zarr.Codecs.Blosc;

namespace ZarrCache.Tests.Zarr.Codecs.Blosc;

public class BitShuffleTests
{
    [Theory]
    [InlineData(1, 64)]
    [InlineData(2, 160)]
    [InlineData(4, 4096)]
    [InlineData(4, 4099)]
    [InlineData(8, 8 * 24)]
    [InlineData(3, 3 * 16 + 2)]
    public void Shuffle_matches_the_bit_by_bit_definition(int typeSize, int length)
    {
        var input = BloscTestData.Compressible(length, length);
        var shuffled = new byte[length];

        BitShuffle.Shuffle(typeSize, input, shuffled);

        Assert.Equal(Reference(typeSize, input), shuffled);
    }

    [Theory]
    [InlineData(4, 4096)]
    [InlineData(8, 8 * 24 + 7)]
    [InlineData(5, 5 * 40)]
    [InlineData(4, 4 * 12)]
    public void Unshuffle_inverts_shuffle(int typeSize, int length)
    {
        var input = BloscTestData.Compressible(length, 3);
        var shuffled = new byte[length];
        var back = new byte[length];

        BitShuffle.Shuffle(typeSize, input, shuffled);
        BitShuffle.Unshuffle(typeSize, shuffled, back);

        Assert.Equal(input, back);
    }

    [Fact]
    public void A_block_whose_element_count_is_not_a_multiple_of_8_is_copied()
    {
        var input = BloscTestData.Compressible(4 * 12, 3);
        var shuffled = new byte[input.Length];

        BitShuffle.Shuffle(4, input, shuffled);

        Assert.Equal(input, shuffled);
    }

    [Fact]
    public void Transpose_moves_bit_k_of_byte_t_to_bit_t_of_byte_k()
    {
        for (var t = 0; t < 8; t++)
        {
            for (var k = 0; k < 8; k++)
            {
                var x = 1UL << ((8 * t) + k);
                Assert.Equal(1UL << ((8 * k) + t), BitShuffle.Transpose8x8(x));
            }
        }
    }

    // Bit k of byte j of element i goes to bit i % 8 of byte (j * 8 + k) * n / 8 + i / 8.
    private static byte[] Reference(int typeSize, byte[] input)
    {
        var n = input.Length / typeSize;
        var output = (byte[])input.Clone();
        if (n % 8 != 0)
        {
            return output;
        }

        Array.Clear(output, 0, n * typeSize);
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < typeSize; j++)
            {
                for (var k = 0; k < 8; k++)
                {
                    if ((input[(i * typeSize) + j] & (1 << k)) != 0)
                    {
                        output[((j * 8) + k) * (n / 8) + (i / 8)] |= (byte)(1 << (i % 8));
                    }
                }
            }
        }

        return output;
    }
}
