using ZarrCache.Zarr.Codecs.Blosc;

namespace ZarrCache.Tests.Zarr.Codecs.Blosc;

public class BloscLzEncoderTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(100)]
    [InlineData(70_000)]
    public void Encoded_streams_decode_to_the_input(int length)
    {
        var input = BloscTestData.Compressible(length, length);

        Assert.Equal(input, RoundTrip(input));
    }

    [Fact]
    public void Near_far_and_long_matches_round_trip()
    {
        // A random 9000-byte block repeated at distances 9000 (far) and then a long run and a near repeat.
        var block = new byte[9000];
        new Random(3).NextBytes(block);
        var input = block.Concat(block).Concat(Enumerable.Repeat((byte)7, 5000)).Concat(block.AsSpan(0, 300).ToArray()).Concat(block.AsSpan(0, 300).ToArray()).ToArray();

        var output = new byte[input.Length];
        var written = BloscLzEncoder.Compress(input, output);

        Assert.InRange(written, 1, 9000 + 1000);
        var decoded = new byte[input.Length];
        Assert.Equal(input.Length, BloscLzDecoder.Decompress(output.AsSpan(0, written), decoded));
        Assert.Equal(input, decoded);
    }

    [Fact]
    public void Incompressible_input_that_does_not_fit_returns_zero()
    {
        var input = new byte[4096];
        new Random(1).NextBytes(input);

        Assert.Equal(0, BloscLzEncoder.Compress(input, new byte[4096]));
    }

    private static byte[] RoundTrip(byte[] input)
    {
        var compressed = new byte[input.Length + (input.Length / 32) + 16];
        var written = BloscLzEncoder.Compress(input, compressed);
        if (input.Length == 0)
        {
            Assert.Equal(0, written);
            return [];
        }

        Assert.True(written > 0);
        var decoded = new byte[input.Length];
        Assert.Equal(input.Length, BloscLzDecoder.Decompress(compressed.AsSpan(0, written), decoded));
        return decoded;
    }
}
