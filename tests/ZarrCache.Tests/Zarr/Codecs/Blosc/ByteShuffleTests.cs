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
}
