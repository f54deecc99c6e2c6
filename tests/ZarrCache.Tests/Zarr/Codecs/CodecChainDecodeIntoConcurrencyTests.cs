using ZarrCache.Zarr.Codecs;

namespace ZarrCache.Tests.Zarr.Codecs;

/// <summary>
/// <see cref="CodecChain.DecodeInto"/> rents and returns pooled buffers (outer codecs, Blosc scratch and staging):
/// decoding different chunks on 8 threads at once must give each thread its own chunk (a double return would hand one
/// buffer to two decodes), and a small Blosc chunk decodes without allocating anything chunk-sized.
/// </summary>
public class CodecChainDecodeIntoConcurrencyTests
{
    private static readonly string[] PooledChains =
    [
        "blosc-lz4-shuffle-float32",
        "blosc-zstd-bitshuffle-int16",
        "blosc-lz4-shuffle-float32-4MiB",
        "blosc-lz4-bitshuffle-float64-blocks-of-100000",
        "shuffle-then-zstd",
        "shuffle-then-gzip",
        "blosc-then-crc32c",
        "shuffle-lz4-crc32c",
        "lz4",
        "big-endian-float64-blosc-then-crc32c",
    ];

    [Fact]
    public void Eight_threads_decoding_different_chunks_at_once_each_get_their_own_bytes()
    {
        var cases = new List<(CodecChain Chain, ChunkRepresentation Repr, byte[] Data, byte[] Encoded)>();
        foreach (var name in PooledChains)
        {
            for (var seed = 1; seed <= 8; seed++)
            {
                var (chain, repr, data) = DecodeIntoCases.Create(name, seed);
                cases.Add((chain, repr, data, chain.Encode(data, repr).ToArray()));
            }
        }

        var failures = 0;
        var start = new Barrier(8);
        var threads = Enumerable.Range(0, 8).Select(t => new Thread(() =>
        {
            start.SignalAndWait();
            for (var round = 0; round < 6; round++)
            {
                for (var i = t; i < cases.Count; i += 8)
                {
                    var (chain, repr, data, encoded) = cases[(i + round) % cases.Count];
                    var destination = new byte[data.Length];
                    chain.DecodeInto(encoded, repr, destination, "concurrent");
                    if (!destination.AsSpan().SequenceEqual(data))
                    {
                        Interlocked.Increment(ref failures);
                    }
                }
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        start.Dispose();

        Assert.Equal(0, failures);
    }

    [Theory]
    [InlineData("blosc-lz4-shuffle-float32")]
    [InlineData("blosc-then-crc32c")]
    [InlineData("lz4")]
    [InlineData("zstd")]
    [InlineData("big-endian-zstd")]
    public void Decoding_a_chunk_into_a_span_allocates_nothing_chunk_sized(string name)
    {
        var (chain, repr, data) = DecodeIntoCases.Create(name);
        var encoded = chain.Encode(data, repr).ToArray();
        var destination = new byte[data.Length];
        chain.DecodeInto(encoded, repr, destination, "warm");

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10; i++)
        {
            chain.DecodeInto(encoded, repr, destination, "warm");
        }

        var perDecode = (GC.GetAllocatedBytesForCurrentThread() - before) / 10;
        Assert.True(perDecode < data.Length / 20, $"{name}: {perDecode} bytes allocated per decode of a {data.Length}-byte chunk");
        Assert.Equal(data, destination);
    }
}
