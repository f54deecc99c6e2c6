using System.Text.Json;
using ZarrCache.Zarr.Codecs;
using ZarrCache.Zarr.DataTypes;

namespace ZarrCache.Tests.Zarr.Codecs;

/// <summary>
/// The codec chains <see cref="CodecChainDecodeIntoTests"/> decodes both ways: Blosc (lz4, zstd, blosclz, zlib with
/// no, byte and bit shuffle, type sizes 1, 2, 4, 8; large frames), zstd, lz4, gzip,
/// zlib, bz2, crc32c, adler32, fletcher32, the shuffle filter, stacks of them, big endian, transpose and sharding.
/// </summary>
internal static class DecodeIntoCases
{
    private static readonly Dictionary<string, (string DataType, int[] Shape, string Codecs)> Cases = Build();

    public static IEnumerable<string> Names => Cases.Keys;

    public static TheoryData<string> All() => [.. Cases.Keys];

    /// <summary>The chain, its chunk representation and a chunk of data for it (deterministic per <paramref name="seed"/>).</summary>
    public static (CodecChain Chain, ChunkRepresentation Repr, byte[] Data) Create(string name, int seed = 1)
    {
        var (dataType, shape, codecs) = Cases[name];
        var type = ZarrDataType.ParseV3(dataType, name);
        var repr = new ChunkRepresentation(shape, type, new byte[type.Size]);
        using var doc = JsonDocument.Parse(codecs);
        var chain = CodecFactory.BuildV3(doc.RootElement.Clone(), repr, name);
        return (chain, repr, Data(checked((int)repr.ByteSize), type.Size, seed));
    }

    /// <summary>Smooth values in the low bytes of each element with some noise, so every compressor has something to find.</summary>
    private static byte[] Data(int length, int typeSize, int seed)
    {
        var random = new Random(seed);
        var data = new byte[length];
        for (var i = 0; i < length; i++)
        {
            var element = i / typeSize;
            data[i] = (i % typeSize) switch
            {
                0 => (byte)(random.Next(4) + element),
                1 => (byte)(element >> 8),
                _ => (byte)((element >> 12) + seed),
            };
        }

        return data;
    }

    private static Dictionary<string, (string, int[], string)> Build()
    {
        const string Bytes = """{"name":"bytes","configuration":{"endian":"little"}}""";
        var cases = new Dictionary<string, (string, int[], string)>(StringComparer.Ordinal);
        var types = new[] { (1, "uint8"), (2, "int16"), (4, "float32"), (8, "float64") };
        foreach (var cname in new[] { "lz4", "zstd", "blosclz", "zlib" })
        {
            foreach (var shuffle in new[] { "noshuffle", "shuffle", "bitshuffle" })
            {
                foreach (var (size, dtype) in types)
                {
                    cases[$"blosc-{cname}-{shuffle}-{dtype}"] = (dtype, [7, 30, 41], $$$"""[{{{Bytes}}},{"name":"blosc","configuration":{"cname":"{{{cname}}}","clevel":5,"shuffle":"{{{shuffle}}}","typesize":{{{size}}},"blocksize":0}}]""");
                }
            }
        }

        // Large frames, many blocks (in parallel on 4 cores or more; BloscParallelDecoderTests calls that path directly); a forced block size adds a short last block.
        cases["blosc-lz4-shuffle-float32-4MiB"] = ("float32", [16, 256, 256], Blosc("lz4", "shuffle", 4, 0));
        cases["blosc-zstd-shuffle-float32-4MiB"] = ("float32", [16, 256, 256], Blosc("zstd", "shuffle", 4, 0));
        cases["blosc-lz4-bitshuffle-float64-blocks-of-100000"] = ("float64", [3, 200, 251], Blosc("lz4", "bitshuffle", 8, 100_000));
        cases["blosc-blosclz-noshuffle-int16-blocks-of-65536"] = ("int16", [5, 300, 401], Blosc("blosclz", "noshuffle", 2, 65_536));

        cases["zstd"] = ("float32", [10, 50, 100], $$$"""[{{{Bytes}}},{"name":"zstd","configuration":{"level":3,"checksum":false}}]""");
        cases["zstd-checksum"] = ("int16", [10, 50, 100], $$$"""[{{{Bytes}}},{"name":"zstd","configuration":{"level":1,"checksum":true}}]""");
        cases["lz4"] = ("float32", [10, 50, 100], $$$"""[{{{Bytes}}},{"name":"numcodecs.lz4","configuration":{"acceleration":1}}]""");
        cases["gzip"] = ("float64", [10, 50, 100], $$$"""[{{{Bytes}}},{"name":"gzip","configuration":{"level":5}}]""");
        cases["zlib"] = ("float32", [10, 50, 100], $$$"""[{{{Bytes}}},{"name":"numcodecs.zlib","configuration":{"level":1}}]""");
        cases["bz2"] = ("int16", [10, 50, 100], $$$"""[{{{Bytes}}},{"name":"numcodecs.bz2","configuration":{"level":1}}]""");
        cases["crc32c"] = ("float32", [10, 50, 100], $$$"""[{{{Bytes}}},{"name":"crc32c"}]""");
        cases["adler32"] = ("float32", [10, 50, 100], $$$"""[{{{Bytes}}},{"name":"numcodecs.adler32"}]""");
        cases["adler32-at-end"] = ("int16", [10, 50, 101], $$$"""[{{{Bytes}}},{"name":"numcodecs.adler32","configuration":{"location":"end"}}]""");
        cases["fletcher32"] = ("float32", [10, 50, 100], $$$"""[{{{Bytes}}},{"name":"numcodecs.fletcher32"}]""");
        cases["zstd-then-fletcher32-odd"] = ("uint8", [7, 9, 11], $$$"""[{{{Bytes}}},{"name":"zstd","configuration":{"level":1,"checksum":false}},{"name":"numcodecs.fletcher32"}]""");
        cases["shuffle"] = ("float64", [10, 50, 101], $$$"""[{{{Bytes}}},{"name":"numcodecs.shuffle","configuration":{"elementsize":8}}]""");
        cases["shuffle-then-zstd"] = ("float32", [10, 50, 100], $$$"""[{{{Bytes}}},{"name":"numcodecs.shuffle","configuration":{"elementsize":4}},{"name":"zstd","configuration":{"level":3,"checksum":false}}]""");
        cases["shuffle-then-gzip"] = ("int16", [10, 50, 100], $$$"""[{{{Bytes}}},{"name":"numcodecs.shuffle","configuration":{"elementsize":2}},{"name":"gzip","configuration":{"level":1}}]""");
        cases["blosc-then-crc32c"] = ("float32", [10, 50, 100], $$$"""[{{{Bytes}}},{"name":"blosc","configuration":{"cname":"lz4","clevel":5,"shuffle":"shuffle","typesize":4,"blocksize":0}},{"name":"crc32c"}]""");
        cases["shuffle-lz4-crc32c"] = ("float64", [10, 50, 100], $$$"""[{{{Bytes}}},{"name":"numcodecs.shuffle","configuration":{"elementsize":8}},{"name":"numcodecs.lz4","configuration":{"acceleration":1}},{"name":"crc32c"}]""");
        cases["bytes-only"] = ("float32", [10, 50, 100], $"[{Bytes}]");
        cases["big-endian-zstd"] = ("float32", [10, 50, 100], """[{"name":"bytes","configuration":{"endian":"big"}},{"name":"zstd","configuration":{"level":3,"checksum":false}}]""");
        cases["big-endian-uint8-gzip"] = ("uint8", [10, 50, 100], """[{"name":"bytes","configuration":{"endian":"big"}},{"name":"gzip","configuration":{"level":1}}]""");
        cases["big-endian-float64-blosc-then-crc32c"] = ("float64", [10, 50, 100], """[{"name":"bytes","configuration":{"endian":"big"}},{"name":"blosc","configuration":{"cname":"lz4","clevel":5,"shuffle":"shuffle","typesize":8,"blocksize":0}},{"name":"crc32c"}]""");
        cases["big-endian-complex128-zstd"] = ("complex128", [10, 50, 10], """[{"name":"bytes","configuration":{"endian":"big"}},{"name":"zstd","configuration":{"level":1,"checksum":false}}]""");
        cases["big-endian-complex64"] = ("complex64", [10, 50, 10], """[{"name":"bytes","configuration":{"endian":"big"}}]""");
        cases["transpose-blosc"] = ("float32", [10, 50, 100], $$$"""[{"name":"transpose","configuration":{"order":[2,0,1]}},{{{Bytes}}},{"name":"blosc","configuration":{"cname":"zstd","clevel":3,"shuffle":"shuffle","typesize":4,"blocksize":0}}]""");
        cases["sharding-zstd"] = ("int16", [10, 50, 100], $$$"""[{"name":"sharding_indexed","configuration":{"chunk_shape":[5,25,50],"codecs":[{{{Bytes}}},{"name":"zstd","configuration":{"level":1,"checksum":false}}],"index_codecs":[{{{Bytes}}},{"name":"crc32c"}]}}]""");
        return cases;

        static string Blosc(string cname, string shuffle, int typeSize, int blockSize) =>
            $$$"""[{{{Bytes}}},{"name":"blosc","configuration":{"cname":"{{{cname}}}","clevel":5,"shuffle":"{{{shuffle}}}","typesize":{{{typeSize}}},"blocksize":{{{blockSize}}}}}]""";
    }
}
