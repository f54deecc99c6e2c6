using System.Text.Json;
using ZarrCache.Tests.TestSupport;
using ZarrCache.Zarr;
using ZarrCache.Zarr.Codecs;
using ZarrCache.Zarr.DataTypes;

namespace ZarrCache.Tests.Zarr.Codecs;

/// <summary>
/// Golden tests against numcodecs' own fixture (../shared/testdata/numcodecs-fixture): every non-Blosc codec
/// configuration decodes every encoded file to its array exactly, and what ZarrCache encodes decodes back.
/// Blosc configurations are in <see cref="BloscArrayTests"/>.
/// </summary>
public class NumcodecsFixtureTests
{
    private static readonly string[] BytesCodecs = ["bz2", "crc32c", "gzip", "lz4", "shuffle", "zlib", "zstd"];

    public static TheoryData<string, string, string> BytesCases()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var codec in BytesCodecs)
        {
            var dir = Path.Combine(TestPaths.NumcodecsFixture, codec);
            foreach (var config in Directory.GetDirectories(dir, "codec.*").Order(StringComparer.Ordinal))
            {
                foreach (var encoded in Directory.GetFiles(config, "encoded.*.dat").Order(StringComparer.Ordinal))
                {
                    data.Add(codec, Path.GetFileName(config), Path.GetFileName(encoded));
                }
            }
        }

        return data;
    }

    [Fact]
    public void The_fixture_holds_every_expected_codec()
    {
        var cases = BytesCases().Count;
        Assert.True(cases > 100, $"only {cases} cases found under {TestPaths.NumcodecsFixture}");
    }

    [Theory]
    [MemberData(nameof(BytesCases))]
    public void Bytes_codec_decodes_the_fixture_exactly_and_round_trips(string codec, string configDir, string encodedFile)
    {
        var dir = Path.Combine(TestPaths.NumcodecsFixture, codec);
        var array = NpyReader.Read(Path.Combine(dir, "array." + encodedFile["encoded.".Length..^".dat".Length] + ".npy"));
        var codecImpl = CreateCodec(Path.Combine(dir, configDir, "config.json"), array);
        var encoded = File.ReadAllBytes(Path.Combine(dir, configDir, encodedFile));

        var decoded = codecImpl.Decode(encoded, array.Data.Length, encodedFile);
        Assert.Equal(array.Data, decoded.ToArray());

        var reencoded = codecImpl.Encode(array.Data);
        Assert.Equal(array.Data, codecImpl.Decode(reencoded, array.Data.Length, "re-encoded").ToArray());
    }

    [Theory]
    [InlineData("bool")]
    [InlineData("float32")]
    [InlineData("float64")]
    [InlineData("int32")]
    [InlineData("uint16")]
    public void Delta_decodes_the_fixture_exactly_and_round_trips(string kind)
    {
        var dir = Path.Combine(TestPaths.NumcodecsFixture, "delta", kind);
        var array = NpyReader.Read(Path.Combine(dir, "array.00.npy"));
        var (codec, repr) = CreateArrayCodec(Path.Combine(dir, "codec.00", "config.json"), array);
        var encoded = File.ReadAllBytes(Path.Combine(dir, "codec.00", "encoded.00.dat"));

        Assert.Equal(array.Data, codec.Decode(encoded, repr, "delta"));
        Assert.Equal(encoded, codec.Encode(array.Data, repr));
    }

    public static TheoryData<string, string> FixedScaleOffsetCases()
    {
        var data = new TheoryData<string, string>();
        var dir = Path.Combine(TestPaths.NumcodecsFixture, "fixedscaleoffset");
        foreach (var config in Directory.GetDirectories(dir, "codec.*").Order(StringComparer.Ordinal))
        {
            foreach (var encoded in Directory.GetFiles(config, "encoded.*.dat").Order(StringComparer.Ordinal))
            {
                data.Add(Path.GetFileName(config), Path.GetFileName(encoded));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(FixedScaleOffsetCases))]
    public void Fixedscaleoffset_decodes_within_its_precision_and_reencodes_to_the_same_bytes(string configDir, string encodedFile)
    {
        var dir = Path.Combine(TestPaths.NumcodecsFixture, "fixedscaleoffset");
        var array = NpyReader.Read(Path.Combine(dir, "array." + encodedFile["encoded.".Length..^".dat".Length] + ".npy"));
        var (codec, repr) = CreateArrayCodec(Path.Combine(dir, configDir, "config.json"), array);
        var fso = Assert.IsType<FixedScaleOffsetCodec>(codec);
        var encoded = File.ReadAllBytes(Path.Combine(dir, configDir, encodedFile));

        var decoded = codec.Decode(encoded, repr, "fixedscaleoffset");
        var expected = ToDoubles(array.Data);
        var actual = ToDoubles(decoded);
        Assert.Equal(expected.Length, actual.Length);
        var tolerance = (0.5 / fso.Scale) + 1e-9;
        var inRange = 0;
        for (var i = 0; i < expected.Length; i++)
        {
            // Values that do not fit astype wrap in numcodecs too; only the ones that fit must come back close.
            var stored = Math.Round((expected[i] - fso.Offset) * fso.Scale);
            if (Fits(stored, fso.StoredType.Kind))
            {
                inRange++;
                Assert.True(Math.Abs(actual[i] - expected[i]) <= tolerance, $"element {i}: {actual[i]} vs {expected[i]}");
            }
        }

        Assert.True(inRange > 0);
        Assert.Equal(encoded, codec.Encode(decoded, repr));
    }

    private static bool Fits(double v, ZarrDataTypeKind kind) => kind switch
    {
        ZarrDataTypeKind.Int8 => v is >= sbyte.MinValue and <= sbyte.MaxValue,
        ZarrDataTypeKind.Int16 => v is >= short.MinValue and <= short.MaxValue,
        ZarrDataTypeKind.Int32 => v is >= int.MinValue and <= int.MaxValue,
        _ => Math.Abs(v) < 9e15,
    };

    private static double[] ToDoubles(byte[] data) => System.Runtime.InteropServices.MemoryMarshal.Cast<byte, double>(data).ToArray();

    private static IBytesToBytesCodec CreateCodec(string configPath, NpyArray array)
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(configPath));
        var id = doc.RootElement.GetProperty("id").GetString()!;
        var size = array.Descr.Length > 2 && int.TryParse(array.Descr[2..].Split('[')[0], out var s) ? s : 1;
        return CodecFactory.CreateBytesToBytes(id, new CodecConfig(id, doc.RootElement.Clone(), configPath), size, v2: true);
    }

    private static (IArrayToArrayCodec Codec, ChunkRepresentation Repr) CreateArrayCodec(string configPath, NpyArray array)
    {
        var type = ZarrDataType.ParseV2(array.Descr, configPath);
        var repr = new ChunkRepresentation([checked((int)array.Shape.Aggregate(1L, (a, b) => a * b))], type, new byte[type.Size]);
        using var doc = JsonDocument.Parse(File.ReadAllBytes(configPath));
        var zarray = $$"""{"zarr_format":2,"shape":[{{repr.Shape[0]}}],"chunks":[{{repr.Shape[0]}}],"dtype":"{{array.Descr}}","compressor":null,"fill_value":0,"order":"C","filters":[{{doc.RootElement.GetRawText()}}]}""";
        using var meta = JsonDocument.Parse(zarray);
        var chain = CodecFactory.BuildV2(null, meta.RootElement.GetProperty("filters").Clone(), repr, false, configPath);
        return (Assert.Single(chain.ArrayToArray), repr);
    }
}
