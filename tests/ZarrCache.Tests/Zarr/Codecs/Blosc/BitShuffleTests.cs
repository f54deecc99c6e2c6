using FsCheck;
using FsCheck.Xunit;
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

    public static TheoryData<int> TypeSizes1To40 => [.. Enumerable.Range(1, 40)];

    [Theory]
    [MemberData(nameof(TypeSizes1To40))]
    public void Unshuffle_equals_the_scalar_reference_for_every_length_shape(int typeSize)
    {
        foreach (var length in ShuffleLengths.For(typeSize))
        {
            var shuffled = ShuffleLengths.RandomBytes(length, (typeSize * 7919) + length);
            var expected = new byte[length];
            var actual = new byte[length];
            actual.AsSpan().Fill(0xA5);

            BitShuffle.UnshuffleReference(typeSize, shuffled, expected);
            BitShuffle.Unshuffle(typeSize, shuffled, actual);

            Assert.True(expected.AsSpan().SequenceEqual(actual), $"type size {typeSize}, length {length}");
        }
    }

    [Theory]
    [MemberData(nameof(TypeSizes1To40))]
    public void Unshuffle_inverts_the_bit_by_bit_definition(int typeSize)
    {
        foreach (var count in new[] { 8, 16, 64, 128, 136, 1024 })
        {
            var length = (count * typeSize) + (typeSize / 2);
            var input = ShuffleLengths.RandomBytes(length, count + typeSize);
            var back = new byte[length];

            BitShuffle.Unshuffle(typeSize, Reference(typeSize, input), back);

            Assert.True(input.AsSpan().SequenceEqual(back), $"type size {typeSize}, {count} elements");
        }
    }

    [Property(MaxTest = 300)]
    public bool Unshuffle_equals_the_reference_and_inverts_shuffle(PositiveInt typeSize, NonNegativeInt elements, int seed)
    {
        var ts = ((typeSize.Get - 1) % 40) + 1;
        var count = elements.Get % 2_000;
        var size = (count * ts) + (int)((uint)seed % (uint)ts);
        var input = ShuffleLengths.RandomBytes(size, seed);
        var shuffled = new byte[size];
        var expected = new byte[size];
        var actual = new byte[size];

        BitShuffle.Shuffle(ts, input, shuffled);
        BitShuffle.UnshuffleReference(ts, shuffled, expected);
        BitShuffle.Unshuffle(ts, shuffled, actual);

        return actual.AsSpan().SequenceEqual(expected) && actual.AsSpan().SequenceEqual(input);
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
