using ZarrCache.Tests.TestSupport;
using ZarrCache.Zarr;
using ZarrCache.Zarr.Codecs.Blosc;
using ZarrCache.Zarr.DataTypes;
using ZarrCache.Zarr.Sharding;

namespace ZarrCache.Tests.Zarr;

/// <summary>
/// Arrays compressed with Blosc: these need the managed Blosc frame codec (Codecs/Blosc), which another branch builds;
/// in a branch where <c>Blosc.Decompress</c> is still the stub they FAIL with NotSupportedException, by design.
/// </summary>
public class BloscArrayTests
{
    public static TheoryData<string, string> BloscFixtureCases() => ZarritaDifferentialTests.Cases(a => a.IsNumeric && a.UsesBlosc && a.Path != "1d.contiguous.f2.le");

    [Theory]
    [MemberData(nameof(BloscFixtureCases))]
    public async Task Blosc_fixture_array_reads_the_same_as_zarrita(string version, string path)
    {
        await ZarritaComparison.AssertSameAsZarritaAsync(version, path);
    }

    [Fact]
    public async Task Float16_fixture_reads_the_values_the_fixture_readme_gives()
    {
        // zarrita 0.7.5 cannot open float16; the README gives the values written there.
        var array = await ZarrArray.OpenAsync(new FileSystemStore(ZarritaComparison.Root("v3")), "1d.contiguous.f2.le");
        var data = await array.ReadAsync<Half>();
        Assert.Equal(new[] { (Half)(-1000.5), (Half)0, (Half)1000.5, (Half)0 }, data.Data);
    }

    public static TheoryData<string, int> PythonBloscCases()
    {
        var data = new TheoryData<string, int>();
        foreach (var cname in new[] { "lz4", "zstd", "zlib" })
        {
            foreach (var shuffle in new[] { 0, 1, 2 })
            {
                data.Add(cname, shuffle);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(PythonBloscCases))]
    public async Task Blosc_array_written_by_zarr_python_reads_back_exactly(string cname, int shuffle)
    {
        await ZarrPythonInteropTests.AssertPythonWrittenReadsBackAsync(
            $$$"""{"dtype":"<i4","shape":[40,30],"chunks":[16,16],"compressor":{"id":"blosc","cname":"{{{cname}}}","clevel":5,"shuffle":{{{shuffle}}},"blocksize":0}}""");
    }

    [Theory]
    [MemberData(nameof(PythonBloscCases))]
    public async Task Blosc_v2_array_written_by_ZarrCache_reads_back_exactly_with_zarr_python(string cname, int shuffle)
    {
        await ZarrPythonInteropTests.AssertZarrCacheWrittenReadsBackAsync("<f8", "blosc", ZarrCompressor.Blosc(cname, 5, (BloscShuffle)shuffle));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Blosc_v3_array_written_by_ZarrCache_reads_back_exactly_with_zarrita(bool sharded)
    {
        await ZarritaWriteInteropTests.AssertZarritaReadsAsync(ZarrCompressor.Blosc("zstd", 5, BloscShuffle.Shuffle), checksum: false, sharded, ShardIndexLocation.End, ZarrDataTypeKind.Int32);
    }

    public static TheoryData<string, string> NumcodecsBloscCases()
    {
        var data = new TheoryData<string, string>();
        var dir = Path.Combine(TestPaths.NumcodecsFixture, "blosc");
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
    [MemberData(nameof(NumcodecsBloscCases))]
    public void Numcodecs_blosc_fixture_decodes_exactly_and_round_trips(string configDir, string encodedFile)
    {
        var dir = Path.Combine(TestPaths.NumcodecsFixture, "blosc");
        var array = NpyReader.Read(Path.Combine(dir, "array." + encodedFile["encoded.".Length..^".dat".Length] + ".npy"));
        var configPath = Path.Combine(dir, configDir, "config.json");
        using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(configPath));
        var itemSize = array.Descr.Length > 2 && int.TryParse(array.Descr[2..].Split('[')[0], out var s) ? s : 1;
        var codec = ZarrCache.Zarr.Codecs.BloscCodec.CreateV2(new ZarrCache.Zarr.Codecs.CodecConfig("blosc", doc.RootElement.Clone(), configPath), itemSize);

        Assert.Equal(array.Data, codec.Decode(File.ReadAllBytes(Path.Combine(dir, configDir, encodedFile)), array.Data.Length, encodedFile).ToArray());
        if (codec.Compressor is BloscCompressor.Lz4 or BloscCompressor.Zstd)
        {
            Assert.Equal(array.Data, codec.Decode(codec.Encode(array.Data), array.Data.Length, "re-encoded").ToArray());
        }
    }
}
