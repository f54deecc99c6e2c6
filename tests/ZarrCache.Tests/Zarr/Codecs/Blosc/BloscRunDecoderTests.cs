using FsCheck;
using FsCheck.Xunit;
using ZarrCache.Zarr;
using ZarrCache.Zarr.Codecs;
using ZarrCache.Zarr.Codecs.Blosc;

namespace ZarrCache.Tests.Zarr.Codecs.Blosc;

/// <summary>
/// The fused decode path (a Blosc frame decoded block by block straight into a region's runs, unshuffled there) against
/// the unfused one (the whole frame decoded, then the region copied), on random chunk shapes, regions, targets, type
/// sizes, shuffles, compressors and block sizes; and the range unshuffle it uses against the whole-block unshuffle.
/// </summary>
public class BloscRunDecoderTests
{
    private static readonly BloscCompressor[] Compressors = [BloscCompressor.Lz4, BloscCompressor.BloscLz, BloscCompressor.Zstd, BloscCompressor.Snappy];
    private static readonly BloscShuffle[] Shuffles = [BloscShuffle.Shuffle, BloscShuffle.Shuffle, BloscShuffle.NoShuffle, BloscShuffle.BitShuffle];

    [Property(MaxTest = 400)]
    public bool UnshuffleRange_equals_the_same_elements_of_a_whole_block_unshuffle(int seed)
    {
        var random = new Random(seed);
        var typeSize = random.Next(3) == 0 ? random.Next(1, 33) : new[] { 2, 4, 8 }[random.Next(3)];
        var elements = random.Next(1, 300);
        var first = random.Next(elements);
        var count = random.Next(elements - first + 1);
        var block = new byte[elements * typeSize];
        random.NextBytes(block);
        var whole = new byte[block.Length];
        ByteShuffle.Unshuffle(typeSize, block, whole);

        // The destination sits inside a larger buffer: nothing around it may change.
        var buffer = new byte[(count * typeSize) + 64];
        random.NextBytes(buffer);
        var expected = (byte[])buffer.Clone();
        whole.AsSpan(first * typeSize, count * typeSize).CopyTo(expected.AsSpan(32));

        ByteShuffle.UnshuffleRange(typeSize, block, elements, first, count, buffer.AsSpan(32, count * typeSize));
        return buffer.AsSpan().SequenceEqual(expected);
    }

    [Property(MaxTest = 300)]
    public bool Decoding_into_runs_equals_decoding_whole_then_copying_the_region(int seed)
    {
        var random = new Random(seed);
        var rank = random.Next(1, 4);
        var elementSize = new[] { 1, 2, 4, 8 }[random.Next(4)];
        var chunkShape = new long[rank];
        var regionStart = new long[rank];
        var count = new long[rank];
        var targetShape = new long[rank];
        var targetStart = new long[rank];
        for (var d = 0; d < rank; d++)
        {
            chunkShape[d] = random.Next(1, rank == 1 ? 3000 : 40);
            var wholeDim = random.Next(3) == 0;
            count[d] = wholeDim ? chunkShape[d] : random.Next(1, (int)chunkShape[d] + 1);
            regionStart[d] = random.Next((int)(chunkShape[d] - count[d] + 1));
            targetShape[d] = count[d] + (random.Next(2) == 0 ? 0 : random.Next(1, 5));
            targetStart[d] = random.Next((int)(targetShape[d] - count[d] + 1));
        }

        var size = (int)(Product(chunkShape) * elementSize);
        var chunk = SmoothBytes(random, size, elementSize);
        var typeSize = random.Next(5) == 0 ? new[] { 1, 2, 3, 4, 8 }[random.Next(5)] : elementSize;
        var blockSize = random.Next(3) switch
        {
            0 => 0,
            1 => typeSize * random.Next(1, 200),
            _ => random.Next(1, 4096),
        };
        var frame = ZarrCache.Zarr.Codecs.Blosc.Blosc.Compress(
            chunk, typeSize, Compressors[random.Next(Compressors.Length)], random.Next(10), Shuffles[random.Next(Shuffles.Length)], blockSize);

        var actual = new byte[Product(targetShape) * elementSize];
        random.NextBytes(actual);
        var expected = (byte[])actual.Clone();
        RegionCopy.Copy(ZarrCache.Zarr.Codecs.Blosc.Blosc.Decompress(frame, size), chunkShape, regionStart, expected, targetShape, targetStart, count, elementSize);

        var runs = RegionCopy.RentRuns(chunkShape, regionStart, targetShape, targetStart, count, elementSize, out var runCount);
        var codec = new BloscCodec("lz4", 5, BloscShuffle.Shuffle, typeSize, blockSize, v2: true, 1);
        ((IBytesToBytesCodec)codec).DecodeRunsInto(frame, size, runs.AsSpan(0, runCount), actual, "c/0");
        return actual.AsSpan().SequenceEqual(expected);
    }

    [Fact]
    public void A_region_in_one_block_decodes_only_that_block()
    {
        // 4 blocks of 1,000 floats; the region is 10 elements of the third block; the first block's start is corrupt.
        var chunk = SmoothBytes(new Random(3), 16_000, 4);
        var frame = ZarrCache.Zarr.Codecs.Blosc.Blosc.Compress(chunk, 4, BloscCompressor.Lz4, 5, BloscShuffle.Shuffle, 4000);
        var header = BloscHeader.Read(frame);
        Assert.Equal(4, header.BlockCount);
        BitConverter.GetBytes(int.MaxValue).CopyTo(frame, BloscHeader.Length); // the first block's start: outside the frame

        var target = new byte[40];
        var runs = new[] { new ByteRun(2_100 * 4, 0, 40) };
        var codec = new BloscCodec("lz4", 5, BloscShuffle.Shuffle, 4, 4000, v2: true, 1);
        ((IBytesToBytesCodec)codec).DecodeRunsInto(frame, chunk.Length, runs, target, "c/0");

        Assert.Equal(chunk.AsSpan(2_100 * 4, 40).ToArray(), target);
        Assert.Throws<ZarrFormatException>(() => ((IBytesToBytesCodec)codec).DecodeRunsInto(frame, chunk.Length, [new ByteRun(0, 0, 40)], target, "c/0"));
    }

    /// <summary>Elements that change slowly (so they compress and their high bytes repeat), with noisy low bytes.</summary>
    private static byte[] SmoothBytes(Random random, int size, int elementSize)
    {
        var bytes = new byte[size];
        for (var i = 0; i < size; i++)
        {
            var b = i % elementSize;
            bytes[i] = b == 0 ? (byte)random.Next(256) : (byte)((i / elementSize / (50 * b)) & 0xFF);
        }

        return bytes;
    }

    private static long Product(long[] shape) => shape.Aggregate(1L, (a, b) => a * b);
}
