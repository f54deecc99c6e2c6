using ZarrCache.Tests.TestSupport;
using ZarrCache.Zarr;

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
}
