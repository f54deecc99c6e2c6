using System.Buffers.Binary;
using FsCheck;
using FsCheck.Xunit;
using ZarrCache.Zarr;
using ZarrCache.Zarr.Codecs.Blosc;
using BloscCodec = ZarrCache.Zarr.Codecs.Blosc.Blosc;

namespace ZarrCache.Tests.Zarr.Codecs.Blosc;

public class BloscTests
{
    private static readonly BloscCompressor[] Encoders =
        [BloscCompressor.Lz4, BloscCompressor.Lz4Hc, BloscCompressor.Zstd, BloscCompressor.Zlib, BloscCompressor.Snappy, BloscCompressor.BloscLz];

    public static TheoryData<BloscCompressor, BloscShuffle, int, int> RoundTripCases()
    {
        var data = new TheoryData<BloscCompressor, BloscShuffle, int, int>();
        int[] typeSizes = [1, 2, 4, 8, 3, 17];
        int[] lengths = [0, 1, 127, 128, 1000, 4099, 70_001, 300_000];
        foreach (var compressor in Encoders)
        {
            foreach (var shuffle in Enum.GetValues<BloscShuffle>())
            {
                foreach (var typeSize in typeSizes)
                {
                    foreach (var length in lengths)
                    {
                        data.Add(compressor, shuffle, typeSize, length);
                    }
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RoundTripCases))]
    public void Compress_then_decompress_gives_back_the_input(BloscCompressor compressor, BloscShuffle shuffle, int typeSize, int length)
    {
        var input = BloscTestData.Compressible(length, seed: length + typeSize);

        var frame = BloscCodec.Compress(input, typeSize, compressor, 5, shuffle);
        var output = BloscCodec.Decompress(frame, length);

        Assert.Equal(input, output);
        var header = BloscCodec.ReadHeader(frame, length);
        Assert.Equal(length, header.UncompressedSize);
        Assert.Equal(frame.Length, header.CompressedSize);
        Assert.True(frame.Length <= length + BloscHeader.Length, "A frame is never longer than its input plus the header.");
    }

    [Theory]
    [InlineData(BloscCompressor.Lz4, 4, 0)]
    [InlineData(BloscCompressor.Lz4, 4, 256)]
    [InlineData(BloscCompressor.Lz4, 8, 1000)]
    [InlineData(BloscCompressor.Zstd, 4, 4096)]
    [InlineData(BloscCompressor.Zlib, 2, 777)]
    [InlineData(BloscCompressor.Lz4, 3, 128)]
    [InlineData(BloscCompressor.BloscLz, 4, 0)]
    [InlineData(BloscCompressor.BloscLz, 8, 3000)]
    public void Multi_block_frames_round_trip_at_every_level(BloscCompressor compressor, int typeSize, int blockSize)
    {
        var input = BloscTestData.SmoothFloats(50_003, seed: 7).AsSpan(0, 200_011).ToArray();
        for (var level = 0; level <= 9; level++)
        {
            foreach (var shuffle in Enum.GetValues<BloscShuffle>())
            {
                var frame = BloscCodec.Compress(input, typeSize, compressor, level, shuffle, blockSize);
                Assert.Equal(input, BloscCodec.Decompress(frame, input.Length));
            }
        }
    }

    [Fact]
    public void Smooth_data_with_byte_shuffle_compresses_into_split_blocks()
    {
        var input = BloscTestData.SmoothFloats(262_144, seed: 1);

        var frame = BloscCodec.Compress(input, 4, BloscCompressor.Lz4, 5, BloscShuffle.Shuffle);
        var header = BloscCodec.ReadHeader(frame, input.Length);

        Assert.False(header.IsMemcpyed);
        Assert.False(header.DontSplit);
        Assert.True(header.BlockCount > 1);
        Assert.True(frame.Length < input.Length * 3 / 4, $"frame is {frame.Length} bytes for {input.Length}");
        Assert.Equal(input, BloscCodec.Decompress(frame, input.Length));
    }

    [Fact]
    public void Level_zero_and_tiny_inputs_are_memcpyed()
    {
        var input = BloscTestData.Compressible(5000, 3);

        Assert.True(BloscCodec.ReadHeader(BloscCodec.Compress(input, 4, BloscCompressor.Lz4, 0, BloscShuffle.Shuffle), 5000).IsMemcpyed);
        Assert.True(BloscCodec.ReadHeader(BloscCodec.Compress(input.AsSpan(0, 100), 4, BloscCompressor.Zstd, 5, BloscShuffle.NoShuffle), 100).IsMemcpyed);
    }

    [Fact]
    public void Incompressible_input_falls_back_to_a_memcpyed_frame()
    {
        var input = new byte[100_000];
        new Random(5).NextBytes(input);

        var frame = BloscCodec.Compress(input, 1, BloscCompressor.Lz4, 9, BloscShuffle.NoShuffle);

        Assert.True(BloscCodec.ReadHeader(frame, input.Length).IsMemcpyed);
        Assert.Equal(input.Length + 16, frame.Length);
        Assert.Equal(input, BloscCodec.Decompress(frame, input.Length));
    }

    [Property(MaxTest = 150)]
    public bool Random_data_round_trips(int seed, byte typeSize, NonNegativeInt length, bool compressible)
    {
        var size = length.Get % 200_000;
        var ts = Math.Max(1, (int)typeSize);
        var input = compressible ? BloscTestData.Compressible(size, seed) : RandomBytes(size, seed);
        var compressor = Encoders[Math.Abs(seed % Encoders.Length)];
        var shuffle = (BloscShuffle)Math.Abs(seed % 3);
        var level = Math.Abs(seed / 3 % 10);

        var frame = BloscCodec.Compress(input, ts, compressor, level, shuffle);

        return BloscCodec.Decompress(frame, size).AsSpan().SequenceEqual(input);
    }

    [Fact]
    public void A_frame_declaring_more_than_the_limit_is_refused_before_allocating()
    {
        var frame = BloscCodec.Compress(BloscTestData.Compressible(1 << 20, 9), 4, BloscCompressor.Lz4, 5, BloscShuffle.Shuffle);
        BinaryPrimitives.WriteInt32LittleEndian(frame.AsSpan(4), int.MaxValue);
        _ = Assert.Throws<ZarrFormatException>(() => BloscCodec.Decompress(frame, 1 << 20)); // Warm up the throw path.

        var before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<ZarrFormatException>(() => BloscCodec.Decompress(frame, 1 << 20));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Contains("2147483647", error.Message, StringComparison.Ordinal);
        Assert.True(allocated < 64 * 1024, $"{allocated} bytes were allocated to refuse the frame.");
    }

    [Fact]
    public void A_header_claiming_4_GiB_is_refused()
    {
        var frame = BloscCodec.Compress(BloscTestData.Compressible(4096, 9), 4, BloscCompressor.Lz4, 5, BloscShuffle.Shuffle);
        BinaryPrimitives.WriteUInt32LittleEndian(frame.AsSpan(4), uint.MaxValue);

        var error = Assert.Throws<ZarrFormatException>(() => BloscCodec.Decompress(frame, 1 << 20));

        Assert.Contains("negative", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(15)]
    public void A_frame_shorter_than_its_header_is_refused(int length)
    {
        var error = Assert.Throws<ZarrFormatException>(() => BloscCodec.Decompress(new byte[length], 100));
        Assert.Contains("16-byte header", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_truncated_frame_is_refused()
    {
        var frame = BloscCodec.Compress(BloscTestData.Compressible(100_000, 2), 4, BloscCompressor.Zstd, 5, BloscShuffle.Shuffle);

        var error = Assert.Throws<ZarrFormatException>(() => BloscCodec.Decompress(frame.AsSpan(0, frame.Length - 1), 100_000));

        Assert.Contains("compressed bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_block_start_outside_the_frame_is_refused()
    {
        var frame = BloscCodec.Compress(BloscTestData.Compressible(100_000, 2), 4, BloscCompressor.Lz4, 5, BloscShuffle.Shuffle);
        BinaryPrimitives.WriteInt32LittleEndian(frame.AsSpan(16), frame.Length + 10);

        var error = Assert.Throws<ZarrFormatException>(() => BloscCodec.Decompress(frame, 100_000));

        Assert.Contains("block 0 starts", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_stream_size_past_the_frame_is_refused()
    {
        var frame = BloscCodec.Compress(BloscTestData.Compressible(100_000, 2), 4, BloscCompressor.Lz4, 5, BloscShuffle.NoShuffle);
        var start = BinaryPrimitives.ReadInt32LittleEndian(frame.AsSpan(16));
        BinaryPrimitives.WriteInt32LittleEndian(frame.AsSpan(start), int.MaxValue);

        var error = Assert.Throws<ZarrFormatException>(() => BloscCodec.Decompress(frame, 100_000));

        Assert.Contains("stream 0 declares 2147483647 compressed bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_block_that_decodes_short_is_refused()
    {
        var frame = BloscCodec.Compress(BloscTestData.Compressible(20_000, 2), 1, BloscCompressor.Zstd, 5, BloscShuffle.NoShuffle);
        var header = BloscCodec.ReadHeader(frame, 20_000);
        Assert.Equal(1, header.BlockCount);
        BinaryPrimitives.WriteInt32LittleEndian(frame.AsSpan(4), 20_001);
        BinaryPrimitives.WriteInt32LittleEndian(frame.AsSpan(8), 20_001);

        var error = Assert.Throws<ZarrFormatException>(() => BloscCodec.Decompress(frame, 200_000));

        Assert.Contains("zstd stream", error.Message, StringComparison.Ordinal);
        Assert.Contains("20001", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(0)]
    public void An_unsupported_format_version_is_refused(byte version)
    {
        var frame = BloscCodec.Compress(new byte[1000], 4, BloscCompressor.Lz4, 5, BloscShuffle.Shuffle);
        frame[0] = version;

        var error = Assert.Throws<ZarrFormatException>(() => BloscCodec.Decompress(frame, 1000));

        Assert.Contains("format version", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_compressor_is_refused_naming_it()
    {
        var frame = BloscCodec.Compress(BloscTestData.Compressible(10_000, 2), 1, BloscCompressor.Lz4, 5, BloscShuffle.NoShuffle);
        frame[2] = (byte)((frame[2] & 0x1F) | (6 << 5));

        var error = Assert.Throws<ZarrFormatException>(() => BloscCodec.Decompress(frame, 10_000));

        Assert.Contains("compressor format 6", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_input_gives_a_header_only_frame()
    {
        var frame = BloscCodec.Compress([], 4, BloscCompressor.Lz4, 5, BloscShuffle.Shuffle);

        Assert.Equal(16, frame.Length);
        Assert.Empty(BloscCodec.Decompress(frame, 0));
    }

    [Fact]
    public void Bad_arguments_throw()
    {
        _ = Assert.Throws<ArgumentOutOfRangeException>(() => BloscCodec.Compress(new byte[10], 0, BloscCompressor.Lz4, 5, BloscShuffle.NoShuffle));
        _ = Assert.Throws<ArgumentOutOfRangeException>(() => BloscCodec.Compress(new byte[10], 1, BloscCompressor.Lz4, 10, BloscShuffle.NoShuffle));
    }

    private static byte[] RandomBytes(int length, int seed)
    {
        var data = new byte[length];
        new Random(seed).NextBytes(data);
        return data;
    }
}
