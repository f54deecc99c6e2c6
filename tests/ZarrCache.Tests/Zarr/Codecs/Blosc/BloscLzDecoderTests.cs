using System.Text;
using ZarrCache.Zarr.Codecs.Blosc;

namespace ZarrCache.Tests.Zarr.Codecs.Blosc;

public class BloscLzDecoderTests
{
    [Fact]
    public void Literal_then_overlapping_match_repeats_the_literal()
    {
        // Literal of 3 ("abc"; the first control byte's top bits are a level marker), then a match of 6 at distance 3.
        byte[] stream = [0x22, (byte)'a', (byte)'b', (byte)'c', 0x80, 0x02];

        Assert.Equal("abcabcabc", Decode(stream, 9));
    }

    [Fact]
    public void Long_run_uses_length_extension_bytes()
    {
        // 'x', then a match at distance 1 whose length is 6 + 1 (extension) + 3 = 10.
        byte[] stream = [0x00, (byte)'x', 0xE0, 0x01, 0x00];

        Assert.Equal(new string('x', 11), Decode(stream, 11));
    }

    [Fact]
    public void Length_extension_continues_while_bytes_are_255()
    {
        byte[] stream = [0x00, (byte)'y', 0xE0, 0xFF, 0x02, 0x00];

        Assert.Equal(new string('y', 1 + 6 + 255 + 2 + 3), Decode(stream, 267));
    }

    [Fact]
    public void Far_match_reads_a_16_bit_distance_past_8191()
    {
        var literal = new byte[9000];
        new Random(1).NextBytes(literal);
        var stream = new List<byte>();
        for (var i = 0; i < literal.Length; i += 32)
        {
            var n = Math.Min(32, literal.Length - i);
            stream.Add((byte)(n - 1));
            stream.AddRange(literal.AsSpan(i, n).ToArray());
        }

        // Match of 3 at distance 9000 = 808 + 8191 + 1: control 0x3F, low byte 255, then 808 big-endian.
        stream.AddRange([0x3F, 0xFF, 0x03, 0x28]);
        var output = new byte[9003];

        var written = BloscLzDecoder.Decompress(stream.ToArray(), output);

        Assert.Equal(9003, written);
        Assert.Equal(literal, output[..9000]);
        Assert.Equal(literal[..3], output[9000..]);
    }

    [Theory]
    [InlineData(new byte[] { 0x00, 0x41, 0x20, 0x05 })] // distance 6 before the start of the output
    [InlineData(new byte[] { 0x05, 0x41 })] // literal longer than the input
    [InlineData(new byte[] { 0x00, 0x41, 0xE0 })] // truncated inside a match
    [InlineData(new byte[] { 0x00, 0x41, 0xE0, 0xFF })] // truncated inside a length extension
    [InlineData(new byte[] { 0x00, 0x41, 0x3F, 0xFF, 0x00 })] // truncated far distance
    [InlineData(new byte[] { })] // empty
    public void Malformed_streams_are_refused(byte[] stream)
    {
        Assert.Equal(-1, BloscLzDecoder.Decompress(stream, new byte[100]));
    }

    [Fact]
    public void Output_overflow_is_refused()
    {
        byte[] stream = [0x00, (byte)'x', 0xE0, 0x01, 0x00];

        Assert.Equal(-1, BloscLzDecoder.Decompress(stream, new byte[10]));
    }

    private static string Decode(byte[] stream, int size)
    {
        var output = new byte[size];
        var written = BloscLzDecoder.Decompress(stream, output);
        Assert.Equal(size, written);
        return Encoding.ASCII.GetString(output);
    }
}
