using ZarrCache.Tests.TestSupport;
using ZarrCache.Zarr;

namespace ZarrCache.Tests.Zarr;

/// <summary>
/// Differential tests: every numeric array of ../shared/testdata/zarrita-fixtures (v2 and v3, sharded ones too) that
/// does not use Blosc reads to exactly what zarrita (npm, run with Node) reads; non-numeric ones are refused clearly.
/// The Blosc-compressed fixtures are in <see cref="BloscArrayTests"/>.
/// </summary>
public class ZarritaDifferentialTests
{
    public static TheoryData<string, string> NumericCases() => Cases(a => a.IsNumeric && !a.UsesBlosc);

    public static TheoryData<string, string> RefusedCases() => Cases(a => !a.IsNumeric);

    [Fact]
    public void The_fixture_set_has_numeric_sharded_and_refused_arrays()
    {
        var all = ZarritaComparison.All();
        Assert.Contains(all, a => a.Path.Contains("sharded", StringComparison.Ordinal) && a.IsNumeric);
        Assert.True(NumericCases().Count >= 20, $"{NumericCases().Count} numeric non-Blosc arrays");
        Assert.True(RefusedCases().Count >= 8, $"{RefusedCases().Count} refused arrays");
    }

    [Theory]
    [MemberData(nameof(NumericCases))]
    public async Task Numeric_array_reads_the_same_as_zarrita(string version, string path)
    {
        await ZarritaComparison.AssertSameAsZarritaAsync(version, path);
    }

    [Theory]
    [MemberData(nameof(RefusedCases))]
    public async Task Non_numeric_array_is_refused_naming_the_array_and_type(string version, string path)
    {
        var store = new FileSystemStore(ZarritaComparison.Root(version));
        var e = await Assert.ThrowsAsync<ZarrFormatException>(() => ZarrArray.OpenAsync(store, path));
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
        Assert.Contains("data type", e.Message, StringComparison.Ordinal);
        Assert.Contains("not supported", e.Message, StringComparison.Ordinal);
    }

    internal static TheoryData<string, string> Cases(Func<ZarritaComparison.FixtureArray, bool> filter)
    {
        var data = new TheoryData<string, string>();
        foreach (var a in ZarritaComparison.All().Where(filter))
        {
            data.Add(a.Version, a.Path);
        }

        return data;
    }
}
