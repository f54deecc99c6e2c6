using BenchmarkDotNet.Attributes;
using K4os.Compression.LZ4;
using ZarrCache.Zarr.Codecs;
using ZarrCache.Zarr.Codecs.Blosc;

namespace ZarrCache.Benchmarks;

/// <summary>
/// Decoding one LZ4 block at steady state (after BenchmarkDotNet's warm-up, so both decoders run fully optimized):
/// K4os' <c>LZ4Codec.Decode</c> against ZarrCache's <c>Lz4Block.Decode</c>, which replaced it on the read path for its
/// speed in a process's first reads (it is compiled fully optimized from its first call). Data: 200 KiB of a smooth float32
/// field with noise, byte-shuffled as Blosc does (the high bytes repeat, the low byte is noise), or random bytes
/// (literals only). MB/s = 204.8 / µs per block.
/// </summary>
[MemoryDiagnoser]
public class Lz4BlockBenchmarks
{
    private const int Bytes = 200 * 1024;

    private byte[] _encoded = null!;
    private byte[] _output = null!;

    [Params("shuffled-floats", "random")]
    public string Data { get; set; } = "shuffled-floats";

    [GlobalSetup]
    public void Setup()
    {
        var raw = new byte[Bytes];
        var random = new Random(42);
        if (Data == "random")
        {
            random.NextBytes(raw);
        }
        else
        {
            var floats = new float[Bytes / 4];
            for (var i = 0; i < floats.Length; i++)
            {
                floats[i] = (float)(15 + (10 * Math.Sin(i / 1600.0)) + (5 * Math.Sin(i % 100 / 37.0)) + (random.NextDouble() * 0.1));
            }

            var plain = new byte[Bytes];
            Buffer.BlockCopy(floats, 0, plain, 0, Bytes);
            ByteShuffle.Shuffle(4, plain, raw);
        }

        var encoded = new byte[LZ4Codec.MaximumOutputSize(Bytes)];
        _encoded = encoded.AsSpan(0, LZ4Codec.Encode(raw, encoded, LZ4Level.L00_FAST)).ToArray();
        _output = new byte[Bytes];
    }

    [Benchmark(Baseline = true)]
    public int K4os() => LZ4Codec.Decode(_encoded, _output);

    [Benchmark]
    public int ZarrCache() => Lz4Block.Decode(_encoded, _output);
}
