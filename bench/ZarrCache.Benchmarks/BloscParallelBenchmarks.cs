using BenchmarkDotNet.Attributes;
using ZarrCache.Zarr.Codecs.Blosc;

namespace ZarrCache.Benchmarks;

/// <summary>
/// A Blosc frame's blocks decoded on the calling thread (<c>BloscDecoder.DecodeBody</c>) against on the caller plus
/// thread-pool workers (<c>BloscParallelDecoder.Decode</c>, used whatever the size), into a preallocated buffer:
/// float32 chunks of smooth data, lz4 and zstd with byte shuffle at level 5 (c-blosc's block sizes: 512 KiB for lz4,
/// 256 KiB for zstd). Sets <c>BloscParallelDecoder.MinBytes</c> and <c>MinBlocks</c> (docs/benchmarks.md).
/// </summary>
public class BloscParallelBenchmarks
{
    private byte[] _frame = null!;
    private byte[] _output = null!;
    private BloscHeader _header;

    [Params(200_000, 1 << 20, 4 << 20, 32 << 20)]
    public int Bytes { get; set; }

    [Params(BloscCompressor.Lz4, BloscCompressor.Zstd)]
    public BloscCompressor Compressor { get; set; }

    /// <summary>Gets the frame's block count (after <see cref="Setup"/>).</summary>
    public int BlockCount => _header.BlockCount;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        var raw = new byte[Bytes];
        for (var i = 0; i < raw.Length / 4; i++)
        {
            var value = (float)((Math.Sin(i / 500.0) * Math.Cos(i / 7919.0) * 100) + (random.NextDouble() * 0.01));
            BitConverter.TryWriteBytes(raw.AsSpan(i * 4), value);
        }

        _frame = Blosc.Compress(raw, 4, Compressor, 5, BloscShuffle.Shuffle);
        _header = BloscDecoder.ValidateExact(_frame, raw.Length);
        _output = new byte[raw.Length];
        Console.WriteLine($"// {Compressor} {Bytes}: {_header.BlockCount} blocks of {_header.BlockSize}, frame {_frame.Length} bytes");
    }

    [Benchmark(Baseline = true)]
    public byte Serial()
    {
        BloscDecoder.DecodeBody(_header, _frame, _output);
        return _output[^1];
    }

    [Benchmark]
    public byte Parallel()
    {
        BloscParallelDecoder.Decode(_header, _frame, _output);
        return _output[^1];
    }
}
