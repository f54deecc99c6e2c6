using System.Buffers.Binary;
using BenchmarkDotNet.Attributes;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using ZarrCache.Zarr.Codecs.Blosc;

namespace ZarrCache.Benchmarks;

/// <summary>
/// Unshuffling one 200 KiB (204,800-byte) Blosc block of random bytes, per type size: the byte-by-byte reference
/// (<c>ByteShuffle.UnshuffleReference</c>), the unshuffle as it was before the vector code (SSE2 for type size 4, a
/// per-element loop for 8, the byte loop otherwise; copied here as <see cref="PreviousByteUnshuffle"/>), and the vector
/// unshuffle; the same for the bit unshuffle (scalar reference against the SSE2 movemask path).
/// GB/s = 204,800 / ns per block.
/// </summary>
public class UnshuffleBenchmarks
{
    private const int BlockBytes = 200 * 1024;

    private byte[] _shuffled = null!;
    private byte[] _output = null!;

    [Params(2, 3, 4, 6, 8, 12, 16)]
    public int TypeSize { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _shuffled = new byte[BlockBytes];
        new Random(42).NextBytes(_shuffled);
        _output = new byte[BlockBytes];
    }

    [Benchmark(Baseline = true)]
    public byte ByteScalar()
    {
        ByteShuffle.UnshuffleReference(TypeSize, _shuffled, _output);
        return _output[^1];
    }

    [Benchmark]
    public byte BytePrevious()
    {
        PreviousByteUnshuffle(TypeSize, _shuffled, _output);
        return _output[^1];
    }

    [Benchmark]
    public byte ByteVector()
    {
        ByteShuffle.Unshuffle(TypeSize, _shuffled, _output);
        return _output[^1];
    }

    [Benchmark]
    public byte BitScalar()
    {
        BitShuffle.UnshuffleReference(TypeSize, _shuffled, _output);
        return _output[^1];
    }

    [Benchmark]
    public byte BitVector()
    {
        BitShuffle.Unshuffle(TypeSize, _shuffled, _output);
        return _output[^1];
    }

    // ByteShuffle.Unshuffle as of 85f53d9, before the vector code.
    private static void PreviousByteUnshuffle(int typeSize, ReadOnlySpan<byte> source, Span<byte> destination)
    {
        var count = source.Length / typeSize;
        if (typeSize == 4)
        {
            PreviousUnshuffle4(count, source, destination);
        }
        else if (typeSize == 8)
        {
            var output = destination[..(8 * count)];
            for (var i = 0; i < count; i++)
            {
                ulong value = 0;
                for (var j = 7; j >= 0; j--)
                {
                    value = (value << 8) | source[(j * count) + i];
                }

                BinaryPrimitives.WriteUInt64LittleEndian(output[(8 * i)..], value);
            }
        }
        else
        {
            for (var j = 0; j < typeSize; j++)
            {
                var row = source.Slice(j * count, count);
                for (var i = 0; i < row.Length; i++)
                {
                    destination[(i * typeSize) + j] = row[i];
                }
            }
        }

        var whole = count * typeSize;
        source[whole..].CopyTo(destination[whole..]);
    }

    private static void PreviousUnshuffle4(int count, ReadOnlySpan<byte> source, Span<byte> destination)
    {
        var r0 = source[..count];
        var r1 = source.Slice(count, count);
        var r2 = source.Slice(2 * count, count);
        var r3 = source.Slice(3 * count, count);
        var output = destination[..(4 * count)];
        var start = 0;
        if (Sse2.IsSupported)
        {
            for (; start + 16 <= count; start += 16)
            {
                var a = Vector128.Create(r0.Slice(start, 16));
                var b = Vector128.Create(r1.Slice(start, 16));
                var c = Vector128.Create(r2.Slice(start, 16));
                var d = Vector128.Create(r3.Slice(start, 16));
                var abLow = Sse2.UnpackLow(a, b).AsUInt16();
                var abHigh = Sse2.UnpackHigh(a, b).AsUInt16();
                var cdLow = Sse2.UnpackLow(c, d).AsUInt16();
                var cdHigh = Sse2.UnpackHigh(c, d).AsUInt16();
                var at = output[(4 * start)..];
                Sse2.UnpackLow(abLow, cdLow).AsByte().CopyTo(at);
                Sse2.UnpackHigh(abLow, cdLow).AsByte().CopyTo(at[16..]);
                Sse2.UnpackLow(abHigh, cdHigh).AsByte().CopyTo(at[32..]);
                Sse2.UnpackHigh(abHigh, cdHigh).AsByte().CopyTo(at[48..]);
            }
        }

        for (var i = start; i < count; i++)
        {
            var value = (uint)r0[i] | ((uint)r1[i] << 8) | ((uint)r2[i] << 16) | ((uint)r3[i] << 24);
            BinaryPrimitives.WriteUInt32LittleEndian(output[(4 * i)..], value);
        }
    }
}
