using ZarrCache.Tests.TestSupport;
using ZarrCache.Zarr;

namespace ZarrCache.Tests.Zarr;

/// <summary>
/// Differential tests: every numeric array of ../shared/testdata/zarrita-fixtures (v2 and v3, sharded ones too) that
/// does not use Blosc, and every string array (Blosc or not: v2 &lt;U#, &gt;U#, |S#, |O with vlen-utf8 and json2, v3
/// string), reads to exactly what zarrita (npm, run with Node) reads. The Blosc-compressed numeric fixtures are in
/// <see cref="BloscArrayTests"/>; no fixture is left refused.
/// </summary>
public class ZarritaDifferentialTests
{
    public static TheoryData<string, string> NumericCases() => Cases(a => a.IsNumeric && !a.UsesBlosc);

    public static TheoryData<string, string> StringCases() => Cases(a => a.IsString);

    [Fact]
    public void The_fixture_set_has_numeric_sharded_and_string_arrays_and_every_array_is_one_of_them()
    {
        var all = ZarritaComparison.All();
        Assert.Contains(all, a => a.Path.Contains("sharded", StringComparison.Ordinal) && a.IsNumeric);
        Assert.True(NumericCases().Count >= 20, $"{NumericCases().Count} numeric non-Blosc arrays");
        Assert.True(StringCases().Count >= 12, $"{StringCases().Count} string arrays");
        Assert.Empty(all.Where(a => !a.IsNumeric && !a.IsString).Select(a => $"{a.Version}/{a.Path} ({a.TypeName})"));
    }

    [Theory]
    [MemberData(nameof(NumericCases))]
    public async Task Numeric_array_reads_the_same_as_zarrita(string version, string path)
    {
        await ZarritaComparison.AssertSameAsZarritaAsync(version, path);
    }

    [Theory]
    [MemberData(nameof(StringCases))]
    public async Task String_array_reads_the_same_strings_as_zarrita(string version, string path)
    {
        await ZarritaComparison.AssertSameAsZarritaAsync(version, path);
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
