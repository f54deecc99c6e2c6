using System.Globalization;
using System.Text.Json;
using ZarrCache.Tests.Zarr.Conventions;

namespace ZarrCache.Tests.Cli.Commands;

/// <summary>`read --cf` and `info --dataset` on the datasets xarray writes at test time (tests/tools/xarray/dataset.py).</summary>
public class CfCommandTests(XarrayDatasets datasets) : IClassFixture<XarrayDatasets>
{
    [Fact]
    public async Task Read_cf_decodes_a_packed_variable_to_xarrays_values_and_read_alone_leaves_it_packed()
    {
        using var doc = await ReadAsync("climate", "precip", "--cf");
        Assert.Equal("float32", doc.RootElement.GetProperty("dtype").GetString());
        var ours = doc.RootElement.GetProperty("data").EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? double.Parse(e.GetString()!, CultureInfo.InvariantCulture) : e.GetDouble()).ToArray();
        var theirs = datasets.Expected.RootElement.GetProperty("climate").GetProperty("variables").GetProperty("precip").GetProperty("decoded")
            .EnumerateArray().Select(e => e.ValueKind == JsonValueKind.Null ? double.NaN : e.GetDouble()).ToArray();
        Assert.Equal(theirs.Length, ours.Length);
        Assert.All(theirs.Zip(ours), p => Assert.True(double.IsNaN(p.First) ? double.IsNaN(p.Second) : Math.Abs(p.First - p.Second) <= 0.01, $"{p.First} vs {p.Second}"));

        using var raw = await ReadAsync("climate", "precip");
        Assert.Equal("int16", raw.RootElement.GetProperty("dtype").GetString());
    }

    [Fact]
    public async Task Read_cf_prints_gregorian_times_as_datetime64_and_other_calendars_as_iso_text_in_their_calendar()
    {
        using var climate = await ReadAsync("climate", "time", "--cf");
        Assert.Equal("<M8[ns]", climate.RootElement.GetProperty("dtype").GetString());
        Assert.Equal("2000-01-01T06:00:00.000000000", climate.RootElement.GetProperty("data")[1].GetString());

        using var days360 = await ReadAsync("360_day", "time", "--cf");
        Assert.Equal(["2001-02-28T00:00:00", "2001-02-28T12:00:00", "2001-02-29T00:00:00", "2001-02-29T12:00:00", "2001-02-30T00:00:00"],
            days360.RootElement.GetProperty("data").EnumerateArray().Select(e => e.GetString()!));
    }

    [Fact]
    public async Task Read_cf_of_an_unknown_calendar_is_one_line_naming_the_array_and_the_attribute()
    {
        var (code, _, error) = await CliRunner.RunAsync("read", Path.Combine(datasets.Root, "bad_calendar"), "--array", "time", "--cf", "--no-cache");
        Assert.NotEqual(0, code);
        Assert.Contains("variable 'time' (array 'time'): attribute 'calendar' is 'martian'", error, StringComparison.Ordinal);
        Assert.Single(error.Trim().Split('\n'));
    }

    [Fact]
    public async Task Info_dataset_shows_the_group_as_xarrays_repr()
    {
        var (code, output, error) = await CliRunner.RunAsync("info", Path.Combine(datasets.Root, "climate"), "--dataset", "--no-cache");
        Assert.True(code == 0, error);
        var lines = output.Split('\n');
        Assert.Contains("Dimensions:      (lon: 2, lat: 3, time: 4)", lines);
        Assert.Contains("  * time         (time) datetime64[ns] ...", lines);
        Assert.Contains("    station      (lat) <U6 ...", lines);
        Assert.Contains("    city         (lon) object ...", lines);
        Assert.Contains("    precip       (time, lat, lon) float32 ...", lines);
        Assert.Contains("        (encoded: int16, fill -9999, scale_factor 0.01, add_offset 1.5)", lines);
        Assert.Contains("    title:    test dataset", lines);
        Assert.True(Array.IndexOf(lines, "Data variables:") > Array.IndexOf(lines, "  * time         (time) datetime64[ns] ..."));
    }

    /// <summary>`read DATASET --array ARRAY --no-cache` with more options; its JSON output (the command must succeed).</summary>
    private async Task<JsonDocument> ReadAsync(string dataset, string array, params string[] options)
    {
        var (code, output, error) = await CliRunner.RunAsync(["read", Path.Combine(datasets.Root, dataset), "--array", array, "--no-cache", .. options]);
        Assert.True(code == 0, error);
        return JsonDocument.Parse(output);
    }
}
