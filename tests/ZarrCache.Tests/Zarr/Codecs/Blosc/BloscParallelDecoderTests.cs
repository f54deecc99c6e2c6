using ZarrCache.Tests.Zarr.Codecs;
using ZarrCache.Zarr;
using ZarrCache.Zarr.Codecs.Blosc;
using BloscCodec = ZarrCache.Zarr.Codecs.Blosc.Blosc;

namespace ZarrCache.Tests.Zarr.Codecs.Blosc;

/// <summary>
/// <see cref="BloscParallelDecoder"/> called directly (the chain uses it only on 4 cores or more): the same bytes as the
/// serial decoder, errors from any block surface on the caller, nothing past the destination is written, and
/// concurrent large decodes (each renting staging and scratch buffers) do not share buffers.
/// </summary>
public class BloscParallelDecoderTests
{
    public static TheoryData<BloscCompressor, BloscShuffle, int, int, int> Frames() => new()
    {
        { BloscCompressor.Lz4, BloscShuffle.Shuffle, 4, 0, 4 << 20 },
        { BloscCompressor.Zstd, BloscShuffle.Shuffle, 4, 0, 4 << 20 },
        { BloscCompressor.Lz4, BloscShuffle.BitShuffle, 8, 100_000, 1_204_800 },
        { BloscCompressor.BloscLz, BloscShuffle.NoShuffle, 2, 65_536, 1_203_000 },
        { BloscCompressor.Zlib, BloscShuffle.Shuffle, 4, 131_072, 1_000_000 },
    };

    [Theory]
    [MemberData(nameof(Frames))]
    public void Blocks_decoded_in_parallel_give_the_same_bytes_as_the_serial_decoder(BloscCompressor compressor, BloscShuffle shuffle, int typeSize, int blockSize, int length)
    {
        var data = Data(length, 1);
        var frame = BloscCodec.Compress(data, typeSize, compressor, 5, shuffle, blockSize);
        var header = BloscDecoder.ValidateExact(frame, length);
        Assert.True(header.BlockCount >= 4);

        for (var round = 0; round < 5; round++)
        {
            var buffer = CodecChainDecodeIntoTests.Guarded(length);
            BloscParallelDecoder.Decode(header, frame, buffer.AsSpan(0, length));
            Assert.True(data.AsSpan().SequenceEqual(buffer.AsSpan(0, length)));
            CodecChainDecodeIntoTests.AssertGuardIntact(buffer, length);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(15)]
    public void A_corrupt_block_decoded_in_parallel_is_a_format_error_on_the_caller(int corruptBlock)
    {
        var data = Data(4 << 20, 2);
        var frame = BloscCodec.Compress(data, 4, BloscCompressor.Zstd, 5, BloscShuffle.Shuffle);
        var header = BloscDecoder.ValidateExact(frame, data.Length);
        Assert.True(header.BlockCount > corruptBlock);
        BitConverter.TryWriteBytes(frame.AsSpan(16 + (4 * corruptBlock)), frame.Length + 10);

        var buffer = CodecChainDecodeIntoTests.Guarded(data.Length);
        var e = Assert.Throws<ZarrFormatException>(() => BloscParallelDecoder.Decode(header, frame, buffer.AsSpan(0, data.Length)));
        Assert.Contains($"block {corruptBlock}", e.Message, StringComparison.Ordinal);
        CodecChainDecodeIntoTests.AssertGuardIntact(buffer, data.Length);
    }

    [Fact]
    public void Eight_threads_decoding_large_frames_in_parallel_each_get_their_own_bytes()
    {
        var inputs = Enumerable.Range(1, 8).Select(seed =>
        {
            var data = Data(1 << 21, seed);
            var frame = BloscCodec.Compress(data, 4, seed % 2 == 0 ? BloscCompressor.Lz4 : BloscCompressor.Zstd, 5, BloscShuffle.Shuffle, 131_072);
            return (Data: data, Frame: frame, Header: BloscDecoder.ValidateExact(frame, data.Length));
        }).ToArray();

        var failures = 0;
        using var start = new Barrier(8);
        var threads = inputs.Select(input => new Thread(() =>
        {
            start.SignalAndWait();
            var output = new byte[input.Data.Length];
            for (var round = 0; round < 5; round++)
            {
                output.AsSpan().Clear();
                BloscParallelDecoder.Decode(input.Header, input.Frame, output);
                if (!output.AsSpan().SequenceEqual(input.Data))
                {
                    Interlocked.Increment(ref failures);
                }
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        Assert.Equal(0, failures);
    }

    private static byte[] Data(int length, int seed)
    {
        var random = new Random(seed);
        var data = new byte[length];
        for (var i = 0; i < length; i++)
        {
            data[i] = (i & 3) == 0 ? (byte)random.Next(8) : (byte)((i >> 10) + seed);
        }

        return data;
    }
}
