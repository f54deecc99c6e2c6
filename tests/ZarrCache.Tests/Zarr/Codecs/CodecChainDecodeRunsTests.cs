using ZarrCache.Zarr;
using ZarrCache.Zarr.Codecs;

namespace ZarrCache.Tests.Zarr.Codecs;

/// <summary>
/// <see cref="CodecChain.DecodeRunsInto"/> (fused where the chain allows: Blosc unshuffles each block straight into the
/// region's runs) against the unfused path (the chunk decoded whole, then the region copied), for every chain of
/// <see cref="DecodeIntoCases"/> on random regions and targets; and corrupt data still fails naming the key.
/// </summary>
public class CodecChainDecodeRunsTests
{
    public static TheoryData<string> Chains() => DecodeIntoCases.All();

    [Theory]
    [MemberData(nameof(Chains))]
    public void Decoding_into_the_runs_of_random_regions_equals_decoding_whole_and_copying(string name)
    {
        var (chain, repr, data) = DecodeIntoCases.Create(name);
        var encoded = chain.Encode(data, repr).ToArray();
        var snapshot = (byte[])encoded.Clone();
        var decoded = chain.Decode(encoded, repr, name);
        var elementSize = repr.DataType.Size;
        var chunkShape = repr.Shape.Select(s => (long)s).ToArray();
        var random = new Random(name.Length);
        for (var round = 0; round < 12; round++)
        {
            var rank = chunkShape.Length;
            var start = new long[rank];
            var count = new long[rank];
            var targetShape = new long[rank];
            var targetStart = new long[rank];
            for (var d = 0; d < rank; d++)
            {
                count[d] = round % 3 == 0 ? chunkShape[d] : random.Next(1, (int)chunkShape[d] + 1);
                start[d] = random.Next((int)(chunkShape[d] - count[d] + 1));
                targetShape[d] = count[d] + random.Next(3);
                targetStart[d] = random.Next((int)(targetShape[d] - count[d] + 1));
            }

            var expected = new byte[targetShape.Aggregate(1L, (a, b) => a * b) * elementSize];
            random.NextBytes(expected);
            var actual = (byte[])expected.Clone();
            RegionCopy.Copy(decoded, chunkShape, start, expected, targetShape, targetStart, count, elementSize);

            var runs = RegionCopy.RentRuns(chunkShape, start, targetShape, targetStart, count, elementSize, out var runCount);
            chain.DecodeRunsInto(encoded, repr, runs.AsSpan(0, runCount), actual, name);
            System.Buffers.ArrayPool<ByteRun>.Shared.Return(runs);
            Assert.True(expected.AsSpan().SequenceEqual(actual), $"{name}, region [{string.Join(',', start)}] + [{string.Join(',', count)}]: the runs differ from the copy");
        }

        Assert.Equal(snapshot, encoded);
    }

    [Theory]
    [MemberData(nameof(Chains))]
    public void A_truncated_chunk_decoded_into_runs_is_a_format_error_naming_the_key(string name)
    {
        var (chain, repr, data) = DecodeIntoCases.Create(name);
        var encoded = chain.Encode(data, repr).ToArray();
        var chunkShape = repr.Shape.Select(s => (long)s).ToArray();
        var targetShape = chunkShape.Select((s, d) => d == 0 ? s + 1 : s).ToArray(); // the chunk does not lie as one run there
        var target = new byte[targetShape.Aggregate(1L, (a, b) => a * b) * repr.DataType.Size];
        var error = Assert.ThrowsAny<Exception>(() => ChunkPlacement.DecodeAndPlace(
            chain, encoded.AsMemory(0, encoded.Length / 2), repr, new long[chunkShape.Length], chunkShape,
            new RegionTarget(target, targetShape, new long[chunkShape.Length]), name));
        Assert.IsType<ZarrFormatException>(error);
        Assert.Contains(name, error.Message, StringComparison.Ordinal);
    }
}
