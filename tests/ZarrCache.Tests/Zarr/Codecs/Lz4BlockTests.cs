using FsCheck;
using FsCheck.Xunit;
using K4os.Compression.LZ4;
using ZarrCache.Zarr.Codecs;

namespace ZarrCache.Tests.Zarr.Codecs;

/// <summary>Our LZ4 block decoder against K4os' encoder (the reference), and on hostile input.</summary>
public class Lz4BlockTests
{
    /// <summary>Data of a given kind: random bytes, a repeating pattern of a given period, or runs of both.</summary>
    private static byte[] Data(int length, int kind, int period, int seed)
    {
        var random = new Random(seed);
        var data = new byte[length];
        switch (kind)
        {
            case 0:
                random.NextBytes(data);
                break;
            case 1:
                var pattern = new byte[Math.Max(1, period)];
                random.NextBytes(pattern);
                for (var i = 0; i < length; i++)
                {
                    data[i] = pattern[i % pattern.Length];
                }

                break;
            default:
                // Stretches of noise, of zeros and of short patterns, as shuffled floats look.
                for (var i = 0; i < length;)
                {
                    var n = Math.Min(length - i, random.Next(1, 600));
                    var what = random.Next(3);
                    for (var k = 0; k < n; k++)
                    {
                        data[i + k] = what switch
                        {
                            0 => (byte)random.Next(256),
                            1 => 0,
                            _ => (byte)(k % Math.Max(1, period)),
                        };
                    }

                    i += n;
                }

                break;
        }

        return data;
    }

    private static byte[] Encode(byte[] data, LZ4Level level)
    {
        var encoded = new byte[LZ4Codec.MaximumOutputSize(data.Length)];
        var n = LZ4Codec.Encode(data, encoded, level);
        return encoded.AsSpan(0, n).ToArray();
    }

    [Property(MaxTest = 400)]
    public bool Decodes_what_the_reference_encoder_wrote_byte_for_byte(NonNegativeInt length, byte kind, byte period, int seed, bool highCompression)
    {
        var data = Data(length.Get % 70_000, kind % 3, (period % 40) + 1, seed);
        var encoded = Encode(data, highCompression ? LZ4Level.L09_HC : LZ4Level.L00_FAST);
        var decoded = new byte[data.Length];

        var written = Lz4Block.Decode(encoded, decoded);

        return written == data.Length && decoded.AsSpan().SequenceEqual(data);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(33)]
    public void Overlapping_matches_repeat_their_pattern_for_every_period(int period)
    {
        var data = Data(5_000, 1, period, period);
        var encoded = Encode(data, LZ4Level.L00_FAST);
        var decoded = new byte[data.Length];

        Assert.Equal(data.Length, Lz4Block.Decode(encoded, decoded));
        Assert.Equal(data, decoded);
    }

    [Fact]
    public void An_empty_block_decodes_to_nothing()
    {
        Assert.Equal(0, Lz4Block.Decode(Encode([], LZ4Level.L00_FAST), Span<byte>.Empty));
        Assert.Equal(0, Lz4Block.Decode([0x00], Span<byte>.Empty)); // the one token c-lz4 writes for empty input
        Assert.Equal(0, Lz4Block.Decode(ReadOnlySpan<byte>.Empty, new byte[4])); // nothing written: the caller's length check refuses it
    }

    [Fact]
    public void A_block_that_needs_more_room_than_the_destination_is_refused()
    {
        var data = Data(4_096, 2, 5, 1);
        var encoded = Encode(data, LZ4Level.L00_FAST);

        Assert.Equal(-1, Lz4Block.Decode(encoded, new byte[data.Length - 1]));
    }

    [Fact]
    public void A_match_reaching_before_the_start_of_the_output_is_refused()
    {
        // One literal 'a', then a match of 4 at offset 2: one byte before the output's start.
        byte[] block = [0x10, (byte)'a', 0x02, 0x00, 0x10, (byte)'z'];

        Assert.Equal(-1, Lz4Block.Decode(block, new byte[16]));
    }

    [Fact]
    public void A_zero_offset_is_refused()
    {
        byte[] block = [0x10, (byte)'a', 0x00, 0x00, 0x10, (byte)'z'];

        Assert.Equal(-1, Lz4Block.Decode(block, new byte[16]));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void A_destination_cut_short_anywhere_is_refused_and_nothing_is_written_past_its_end(int kind)
    {
        // Every cut point of the output: the wide copies near the end must stay inside the destination.
        var data = Data(3_000, kind, 7, 3);
        var encoded = Encode(data, LZ4Level.L00_FAST);
        const int Guard = 64;
        var buffer = new byte[Guard + data.Length + Guard];
        for (var length = 0; length < data.Length; length++)
        {
            buffer.AsSpan().Fill(0xA5);

            var written = Lz4Block.Decode(encoded, buffer.AsSpan(Guard, length));

            Assert.Equal(-1, written);
            Assert.True(buffer.AsSpan(Guard + length).IndexOfAnyExcept((byte)0xA5) < 0, $"bytes written past a destination of {length}");
            Assert.True(buffer.AsSpan(0, Guard).IndexOfAnyExcept((byte)0xA5) < 0, $"bytes written before a destination of {length}");
        }
    }

    [Property(MaxTest = 300)]
    public bool Damaged_blocks_never_write_outside_the_destination_nor_throw(NonNegativeInt length, int seed, byte cuts)
    {
        var random = new Random(seed);
        var data = Data(length.Get % 20_000, 2, (seed & 31) + 1, seed);
        var encoded = Encode(data, LZ4Level.L00_FAST);
        if (encoded.Length > 0)
        {
            // Flip a few bytes, then maybe cut the block short.
            for (var i = 0; i < 1 + (cuts % 4); i++)
            {
                encoded[random.Next(encoded.Length)] ^= (byte)random.Next(1, 256);
            }

            encoded = encoded.AsSpan(0, (cuts & 1) == 0 ? encoded.Length : random.Next(encoded.Length + 1)).ToArray();
        }

        // The destination sits between guard bytes, which must survive whatever the decoder does.
        const int Guard = 64;
        var buffer = new byte[Guard + data.Length + Guard];
        buffer.AsSpan().Fill(0xA5);
        var written = Lz4Block.Decode(encoded, buffer.AsSpan(Guard, data.Length));

        var guardsIntact = buffer.AsSpan(0, Guard).IndexOfAnyExcept((byte)0xA5) < 0
            && buffer.AsSpan(Guard + data.Length).IndexOfAnyExcept((byte)0xA5) < 0;
        return guardsIntact && written >= -1 && written <= data.Length;
    }
}
