using FsCheck;
using FsCheck.Xunit;
using ZarrCache.Zarr.Codecs.Blosc;

namespace ZarrCache.Tests.Zarr.Codecs.Blosc;

public class ByteShuffleTests
{
    [Fact]
    public void Shuffle_groups_the_nth_bytes_and_keeps_the_tail()
    {
        byte[] input = [1, 2, 3, 4, 5, 6, 7];
        var shuffled = new byte[7];

        ByteShuffle.Shuffle(2, input, shuffled);

        Assert.Equal([1, 3, 5, 2, 4, 6, 7], shuffled);
    }

    [Theory]
    [InlineData(2, 1001)]
    [InlineData(3, 999)]
    [InlineData(4, 4096)]
    [InlineData(4, 4099)]
    [InlineData(8, 8000)]
    [InlineData(8, 8005)]
    [InlineData(16, 1600)]
    public void Unshuffle_inverts_shuffle(int typeSize, int length)
    {
        var input = BloscTestData.Compressible(length, length);
        var shuffled = new byte[length];
        var back = new byte[length];

        ByteShuffle.Shuffle(typeSize, input, shuffled);
        ByteShuffle.Unshuffle(typeSize, shuffled, back);

        Assert.Equal(input, back);
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
            actual.AsSpan().Fill(0xA5); // Every byte must be written, not left from before.

            ByteShuffle.UnshuffleReference(typeSize, shuffled, expected);
            ByteShuffle.Unshuffle(typeSize, shuffled, actual);

            Assert.True(expected.AsSpan().SequenceEqual(actual), $"type size {typeSize}, length {length}");
        }
    }

    [Fact]
    public void Unshuffle_writes_nothing_past_the_source_length()
    {
        for (var typeSize = 1; typeSize <= 40; typeSize++)
        {
            var length = (48 * typeSize) + (typeSize / 2);
            var shuffled = ShuffleLengths.RandomBytes(length, typeSize);
            var destination = new byte[length + 64];
            destination.AsSpan().Fill(0x5A);

            ByteShuffle.Unshuffle(typeSize, shuffled, destination);

            Assert.All(destination.AsSpan(length).ToArray(), b => Assert.Equal(0x5A, b));
        }
    }

    [Property(MaxTest = 300)]
    public bool Unshuffle_equals_the_reference_and_inverts_shuffle(PositiveInt typeSize, NonNegativeInt length, int seed)
    {
        var ts = ((typeSize.Get - 1) % 40) + 1;
        var size = length.Get % 20_000;
        var input = ShuffleLengths.RandomBytes(size, seed);
        var shuffled = new byte[size];
        var expected = new byte[size];
        var actual = new byte[size];

        ByteShuffle.Shuffle(ts, input, shuffled);
        ByteShuffle.UnshuffleReference(ts, shuffled, expected);
        ByteShuffle.Unshuffle(ts, shuffled, actual);

        return actual.AsSpan().SequenceEqual(expected) && actual.AsSpan().SequenceEqual(input);
    }

    [Theory]
    [InlineData(17)]
    [InlineData(100)]
    [InlineData(1000)]
    [InlineData(65536)]
    public void Unshuffle_handles_type_sizes_beyond_blosc_as_the_shuffle_codec_allows(int typeSize)
    {
        var length = (20 * typeSize) + 3;
        var shuffled = ShuffleLengths.RandomBytes(length, typeSize);
        var expected = new byte[length];
        var actual = new byte[length];

        ByteShuffle.UnshuffleReference(typeSize, shuffled, expected);
        ByteShuffle.Unshuffle(typeSize, shuffled, actual);

        Assert.Equal(expected, actual);
    }
}

/// <summary>Lengths that exercise the vector code's edges for one type size, and random contents.</summary>
internal static class ShuffleLengths
{
    public static IEnumerable<int> For(int typeSize)
    {
        int[] counts = [0, 1, 2, 7, 8, 9, 15, 16, 17, 31, 32, 33, 47, 48, 64, 100, 127, 128, 129, 255, 256, 1000, 1024];
        foreach (var count in counts)
        {
            yield return count * typeSize;
            yield return (count * typeSize) + (typeSize / 2);
            if (typeSize > 1)
            {
                yield return (count * typeSize) + typeSize - 1;
            }
        }

        yield return 200_000;
        yield return 200_000 + 13;
        yield return (8 * 4096 * typeSize) + 5;
    }

    public static byte[] RandomBytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
