using System.Text.Json;
using ZarrCache.Tests.TestSupport;
using ZarrCache.Zarr.Codecs.Blosc;
using BloscCodec = ZarrCache.Zarr.Codecs.Blosc.Blosc;

namespace ZarrCache.Tests.Zarr.Codecs.Blosc;

/// <summary>Frames that numcodecs (c-blosc) wrote decode to exactly the arrays they were made from.</summary>
public class BloscGoldenTests
{
    public static TheoryData<string, string> Frames()
    {
        var data = new TheoryData<string, string>();
        var root = BloscTestData.FixtureFolder;
        foreach (var codec in Directory.GetDirectories(root, "codec.*").Order(StringComparer.Ordinal))
        {
            foreach (var encoded in Directory.GetFiles(codec, "encoded.*.dat").Order(StringComparer.Ordinal))
            {
                data.Add(Path.GetFileName(codec), Path.GetFileName(encoded));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Frames))]
    public void Numcodecs_frame_decodes_to_its_array(string codec, string encoded)
    {
        var folder = Path.Combine(BloscTestData.FixtureFolder, codec);
        var frame = File.ReadAllBytes(Path.Combine(folder, encoded));
        var index = encoded.Split('.')[1];
        var expected = NpyTestFile.Read(Path.Combine(BloscTestData.FixtureFolder, $"array.{index}.npy")).Data;

        var decoded = BloscCodec.Decompress(frame, expected.Length);

        Assert.Equal(expected.Length, decoded.Length);
        Assert.True(expected.AsSpan().SequenceEqual(decoded), $"{codec}/{encoded} decodes to different bytes.");
    }

    [Theory]
    [MemberData(nameof(Frames))]
    public void Numcodecs_frame_header_matches_its_config(string codec, string encoded)
    {
        var folder = Path.Combine(BloscTestData.FixtureFolder, codec);
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "config.json")));
        var frame = File.ReadAllBytes(Path.Combine(folder, encoded));

        var header = BloscCodec.ReadHeader(frame, int.MaxValue);

        var cname = config.RootElement.GetProperty("cname").GetString();
        var expectedFormat = cname switch
        {
            "blosclz" => 0,
            "lz4" or "lz4hc" => 1,
            "snappy" => 2,
            "zlib" => 3,
            "zstd" => 4,
            _ => -1,
        };
        Assert.Equal(expectedFormat, header.CompressorFormat);
        Assert.Equal(frame.Length, header.CompressedSize);
        var forced = config.RootElement.GetProperty("blocksize").GetInt32();
        if (forced > 0 && header.UncompressedSize > forced)
        {
            Assert.Equal(forced / header.TypeSize * header.TypeSize, header.BlockSize);
        }
    }

    [Fact]
    public void Every_fixture_config_is_covered()
    {
        var frames = Frames();
        Assert.Equal(13, frames.Select(row => (string)row[0]).Distinct().Count());
        Assert.Equal(13 * 13, frames.Count);
    }
}
