using System.Text.Json;
using BenchmarkDotNet.Attributes;
using ZarrCache.Zarr.Codecs;
using ZarrCache.Zarr.DataTypes;

namespace ZarrCache.Benchmarks;

/// <summary>
/// One warm chunk read's decode: a 200,000-byte float32 chunk (10x50x100, smooth data as in <see cref="DecodeBenchmarks"/>)
/// in Blosc lz4 + byte shuffle, through <see cref="CodecChain.Decode"/> (a new chunk-sized array per step) against
/// <see cref="CodecChain.DecodeInto"/> into a caller's buffer (no chunk-sized intermediate). The *Crc32c pair adds a
/// crc32c codec over the Blosc frame (the outer codec's payload is a slice of the input: nothing rented or copied).
/// </summary>
[MemoryDiagnoser]
public class DecodeIntoBenchmarks
{
    private CodecChain _chain = null!;
    private CodecChain _chainCrc = null!;
    private ChunkRepresentation _repr = null!;
    private byte[] _encoded = null!;
    private byte[] _encodedCrc = null!;
    private byte[] _destination = null!;

    [GlobalSetup]
    public void Setup()
    {
        var type = ZarrDataType.ParseV3("float32", "bench");
        _repr = new ChunkRepresentation([10, 50, 100], type, new byte[4]);
        const string Blosc = """{"name":"blosc","configuration":{"cname":"lz4","clevel":5,"shuffle":"shuffle","typesize":4,"blocksize":0}}""";
        const string Bytes = """{"name":"bytes","configuration":{"endian":"little"}}""";
        _chain = Build("[" + Bytes + "," + Blosc + "]");
        _chainCrc = Build("[" + Bytes + "," + Blosc + """,{"name":"crc32c"}]""");

        var random = new Random(42);
        var raw = new byte[_repr.ByteSize];
        for (var i = 0; i < raw.Length / 4; i++)
        {
            var value = (float)((Math.Sin(i / 500.0) * Math.Cos(i / 7919.0) * 100) + (random.NextDouble() * 0.01));
            BitConverter.TryWriteBytes(raw.AsSpan(i * 4), value);
        }

        _encoded = _chain.Encode(raw, _repr).ToArray();
        _encodedCrc = _chainCrc.Encode(raw, _repr).ToArray();
        _destination = new byte[raw.Length];
        Console.WriteLine($"// raw {raw.Length} bytes, blosc lz4+shuffle {_encoded.Length} bytes");
    }

    [Benchmark(Baseline = true)]
    public int Decode() => _chain.Decode(_encoded, _repr, "bench/0.0.0").Length;

    [Benchmark]
    public int DecodeInto()
    {
        _chain.DecodeInto(_encoded, _repr, _destination, "bench/0.0.0");
        return _destination[^1];
    }

    [Benchmark]
    public int DecodeCrc32c() => _chainCrc.Decode(_encodedCrc, _repr, "bench/0.0.0").Length;

    [Benchmark]
    public int DecodeIntoCrc32c()
    {
        _chainCrc.DecodeInto(_encodedCrc, _repr, _destination, "bench/0.0.0");
        return _destination[^1];
    }

    private CodecChain Build(string codecs)
    {
        using var doc = JsonDocument.Parse(codecs);
        return CodecFactory.BuildV3(doc.RootElement.Clone(), _repr, "bench");
    }
}
