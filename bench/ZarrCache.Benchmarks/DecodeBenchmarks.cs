using System.IO.Compression;
using BenchmarkDotNet.Attributes;
using ZarrCache.Zarr.Codecs.Blosc;
using ZstdSharp;

namespace ZarrCache.Benchmarks;

/// <summary>
/// Decoding one 1 MiB float32 chunk of smooth data (a sine field with a little noise): the managed Blosc (lz4 with
/// byte shuffle, as zarr-python writes by default) against plain zstd (ZstdSharp) and gzip (System.IO.Compression)
/// of the same bytes. Each decode allocates its 1 MiB result, as a chunk read does. MB/s = 1.048576 / mean in ms * 1000.
/// </summary>
[MemoryDiagnoser]
public class DecodeBenchmarks
{
    private const int Floats = 262_144;

    private byte[] _raw = null!;
    private byte[] _bloscLz4 = null!;
    private byte[] _bloscZstd = null!;
    private byte[] _zstd = null!;
    private byte[] _gzip = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        _raw = new byte[Floats * 4];
        for (var i = 0; i < Floats; i++)
        {
            var value = (float)((Math.Sin(i / 500.0) * Math.Cos(i / 7919.0) * 100) + (random.NextDouble() * 0.01));
            BitConverter.TryWriteBytes(_raw.AsSpan(i * 4), value);
        }

        _bloscLz4 = Blosc.Compress(_raw, 4, BloscCompressor.Lz4, 5, BloscShuffle.Shuffle);
        _bloscZstd = Blosc.Compress(_raw, 4, BloscCompressor.Zstd, 5, BloscShuffle.Shuffle);
        using (var compressor = new Compressor(5))
        {
            _zstd = compressor.Wrap(_raw).ToArray();
        }

        using (var output = new MemoryStream())
        {
            using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
            {
                gzip.Write(_raw);
            }

            _gzip = output.ToArray();
        }

        Console.WriteLine($"// sizes: raw {_raw.Length}, blosc-lz4+shuffle {_bloscLz4.Length}, blosc-zstd+shuffle {_bloscZstd.Length}, zstd {_zstd.Length}, gzip {_gzip.Length}");
    }

    [Benchmark(Baseline = true)]
    public int BloscLz4Shuffle() => Blosc.Decompress(_bloscLz4, _raw.Length).Length;

    [Benchmark]
    public int BloscZstdShuffle() => Blosc.Decompress(_bloscZstd, _raw.Length).Length;

    [Benchmark]
    public int Zstd()
    {
        using var decompressor = new Decompressor();
        var output = new byte[_raw.Length];
        return decompressor.Unwrap(_zstd, output);
    }

    [Benchmark]
    public int Gzip()
    {
        var output = new byte[_raw.Length];
        using var gzip = new GZipStream(new MemoryStream(_gzip, writable: false), CompressionMode.Decompress);
        return gzip.ReadAtLeast(output, output.Length, throwOnEndOfStream: true);
    }
}
