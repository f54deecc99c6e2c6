using System.Globalization;
using System.Text.Json;
using ZarrCache.Zarr;
using ZarrCache.Zarr.Conventions;
using ZarrCache.Zarr.DataTypes;

namespace ZarrCache.Tests.Zarr.Conventions;

/// <summary>
/// Datasets written at test time by Debian's python3-xarray (a data variable over time/lat/lon, a datetime64 time
/// coordinate, string coordinates, packed int16 variables with scale_factor/add_offset and a fill value, NaN fill,
/// consolidated metadata; CF times of the noleap, all_leap, 360_day, julian and standard calendars) read with the
/// dimension names, coordinates, attributes, raw values and CF-decoded values xarray shows.
/// </summary>
public class ZarrDatasetXarrayTests(XarrayDatasets datasets) : IClassFixture<XarrayDatasets>
{
    [Fact]
    public async Task Dimensions_coordinates_and_attributes_are_those_xarray_shows()
    {
        foreach (var name in datasets.Names)
        {
            var expected = datasets.Expected.RootElement.GetProperty(name);
            var dataset = await OpenAsync(name);
            Assert.True(dataset.Group.IsConsolidated, name);
            Assert.Equal(expected.GetProperty("dims").EnumerateArray().Select(d => $"{d[0].GetString()}={d[1].GetInt64()}"), dataset.Dimensions.Select(d => $"{d.Key}={d.Value}"));
            Assert.Equal(Strings(expected.GetProperty("coords")), dataset.Coordinates.Select(v => v.Name));
            Assert.Equal(Strings(expected.GetProperty("data_vars")), dataset.DataVariables.Select(v => v.Name));
            Assert.Equal(Normalize(expected.GetProperty("attrs")), Normalize(dataset.Attributes));
            foreach (var item in expected.GetProperty("variables").EnumerateObject())
            {
                var variable = dataset[item.Name];
                var what = $"{name}/{item.Name}";
                Assert.True(Strings(item.Value.GetProperty("dims")).SequenceEqual(variable.Dimensions), what);
                Assert.True(Normalize(item.Value.GetProperty("raw_attrs")) == Normalize(variable.Attributes.Where(a => a.Key != "_FillValue")), what + " raw attributes");
                Assert.True(Normalize(item.Value.GetProperty("attrs")) == Normalize(variable.DecodedAttributes), what + " decoded attributes");
            }
        }
    }

    [Fact]
    public async Task Raw_values_are_those_xarray_reads_without_decoding()
    {
        var checkedCount = 0;
        foreach (var name in datasets.Names)
        {
            var dataset = await OpenAsync(name);
            foreach (var item in datasets.Expected.RootElement.GetProperty(name).GetProperty("variables").EnumerateObject())
            {
                var variable = dataset[item.Name];
                var raw = item.Value.GetProperty("raw").EnumerateArray();
                string[] theirs, ours;
                if (variable.Array.DataType.IsString)
                {
                    theirs = raw.Select(e => e.GetString() ?? "null").ToArray();
                    ours = (await variable.Array.ReadStringsAsync()).Data.Select(s => s ?? "null").ToArray();
                }
                else
                {
                    theirs = raw.Select(e => Text(e.ValueKind == JsonValueKind.Null ? double.NaN : e.GetDouble())).ToArray();
                    ours = Numbers(await variable.Array.ReadAsync()).Select(Text).ToArray();
                }

                Assert.True(theirs.SequenceEqual(ours), $"{name}/{item.Name}: xarray [{string.Join(", ", theirs)}], ZarrCache [{string.Join(", ", ours)}]");
                Assert.Equal(item.Value.GetProperty("raw_dtype").GetString(), variable.Array.DataType.IsVariableLength ? "object" : NumpyName(variable.Array.DataType));
                checkedCount++;
            }
        }

        Assert.Equal(18, checkedCount); // climate: 8, each calendar: 2
    }

    [Fact]
    public async Task Decoded_numbers_have_xarrays_dtype_and_values_within_one_unit_of_the_packed_scale()
    {
        var dataset = await OpenAsync("climate");
        var packed = 0;
        foreach (var item in datasets.Expected.RootElement.GetProperty("climate").GetProperty("variables").EnumerateObject())
        {
            var variable = dataset[item.Name];
            if (variable.IsTime || variable.Array.DataType.IsString)
            {
                continue;
            }

            var decoded = await variable.ReadDecodedAsync();
            Assert.Equal(item.Value.GetProperty("dtype").GetString(), decoded.DataType.Name);
            Assert.Equal(item.Value.GetProperty("dtype").GetString(), variable.DecodedDataType);
            var tolerance = variable.Packing?.ScaleFactor ?? 0;
            packed += tolerance > 0 ? 1 : 0;
            var ours = Numbers(decoded);
            var theirs = item.Value.GetProperty("decoded").EnumerateArray().Select(e => e.ValueKind == JsonValueKind.Null ? double.NaN : e.GetDouble()).ToArray();
            Assert.Equal(theirs.Length, ours.Length);
            for (var i = 0; i < ours.Length; i++)
            {
                Assert.True(double.IsNaN(theirs[i]) == double.IsNaN(ours[i]) && (double.IsNaN(ours[i]) || Math.Abs(ours[i] - theirs[i]) <= tolerance),
                    $"{item.Name}[{i}]: xarray {theirs[i]:R}, ZarrCache {ours[i]:R} (tolerance {tolerance})");
            }
        }

        Assert.Equal(2, packed); // precip (scale and offset) and wind (scale only)
        Assert.Contains(double.NaN, Numbers(await dataset["precip"].ReadDecodedAsync())); // the -9999 fill
        Assert.Contains(double.NaN, Numbers(await dataset["temperature"].ReadDecodedAsync())); // NaN fill, kept as NaN
    }

    [Fact]
    public async Task A_datetime64_coordinate_decodes_to_the_times_xarray_shows()
    {
        var time = (await OpenAsync("climate"))["time"];
        var theirs = datasets.Expected.RootElement.GetProperty("climate").GetProperty("variables").GetProperty("time").GetProperty("decoded")
            .EnumerateArray().Select(e => (DateTime?)DateTime.UnixEpoch.AddTicks(e.GetInt64() / 100)).ToArray();
        Assert.Equal(4, theirs.Length);
        Assert.Equal(theirs, (await time.ReadDateTimesAsync()).Data);
        Assert.Equal("datetime64[ns]", time.DecodedDataType);
        var decoded = await time.ReadDecodedAsync();
        Assert.Equal("<M8[ns]", decoded.DataType.ToString());
        Assert.Equal(theirs, decoded.ToArray<long>().Select(ns => ZarrTime.ToDateTime(ns, decoded.DataType)));
    }

    [Theory]
    [InlineData("noleap")]
    [InlineData("all_leap")]
    [InlineData("360_day")]
    [InlineData("julian")]
    [InlineData("standard_1582")]
    public async Task Times_of_other_calendars_decode_to_the_dates_xarray_shows_in_their_calendar(string name)
    {
        var time = (await OpenAsync(name))["time"];
        var theirs = datasets.Expected.RootElement.GetProperty(name).GetProperty("variables").GetProperty("time").GetProperty("decoded")
            .EnumerateArray().Select(e => string.Join(' ', e.EnumerateArray().Select(p => p.GetInt64()))).ToArray();
        var ours = (await time.ReadCfDatesAsync()).Data.Select(d => $"{d!.Year} {d.Month} {d.Day} {d.Hour} {d.Minute} {d.Second} {d.Nanosecond / 1000}").ToArray();
        Assert.Equal(theirs, ours);

        // Never a silently wrong DateTime: the calendar's dates are refused, naming the variable and the attribute.
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => time.ReadDateTimesAsync());
        Assert.Contains("'time'", refused.Message, StringComparison.Ordinal);
        Assert.Contains(name == "standard_1582" ? "1582-10-03" : "'calendar'", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_calendar_is_an_error_naming_the_variable_and_the_attribute()
    {
        Assert.Contains("martian", datasets.Expected.RootElement.GetProperty("bad_calendar").GetProperty("error").GetString(), StringComparison.Ordinal); // xarray refuses it too
        var e = await Assert.ThrowsAsync<ZarrFormatException>(() => ZarrDataset.OpenAsync(new FileSystemStore(Path.Combine(datasets.Root, "bad_calendar"))));
        Assert.Equal("variable 'time' (array 'time'): attribute 'calendar' is 'martian', not a CF calendar (standard, gregorian, proleptic_gregorian, noleap, 365_day, all_leap, 366_day, 360_day, julian).", e.Message);
    }

    private Task<ZarrDataset> OpenAsync(string name) => ZarrDataset.OpenAsync(new FileSystemStore(Path.Combine(datasets.Root, name)));

    private static string[] Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString()!).ToArray();

    private static double[] Numbers(ZarrArrayData data)
    {
        var size = data.DataType.Size;
        return Enumerable.Range(0, (int)data.Length).Select(i => data.DataType.Kind switch
        {
            ZarrDataTypeKind.Int16 => BitConverter.ToInt16(data.Bytes, i * size),
            ZarrDataTypeKind.Int64 => BitConverter.ToInt64(data.Bytes, i * size),
            ZarrDataTypeKind.Float32 => BitConverter.ToSingle(data.Bytes, i * size),
            ZarrDataTypeKind.Float64 => BitConverter.ToDouble(data.Bytes, i * size),
            _ => throw new NotSupportedException(data.DataType.ToString()),
        }).ToArray();
    }

    private static string Text(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    private static string NumpyName(ZarrDataType type) => type.Kind is ZarrDataTypeKind.FixedString or ZarrDataTypeKind.FixedBytes ? type.ToString() : type.Name;

    private static string Normalize(JsonElement obj) => Normalize(obj.EnumerateObject().Select(p => new KeyValuePair<string, JsonElement>(p.Name, p.Value)));

    /// <summary>Attributes as sorted "key=value" text, numbers by value (1.5 and 1.50 alike).</summary>
    private static string Normalize(IEnumerable<KeyValuePair<string, JsonElement>> attributes) =>
        string.Join("; ", attributes.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => a.Key + "=" + (a.Value.ValueKind == JsonValueKind.Number
            ? a.Value.GetDouble().ToString("R", CultureInfo.InvariantCulture)
            : a.Value.GetRawText())));
}
