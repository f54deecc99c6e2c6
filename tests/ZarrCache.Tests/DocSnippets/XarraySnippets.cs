using ZarrCache.Tests.TestSupport;
using ZarrCache.Zarr;
using ZarrCache.Zarr.Conventions;

namespace ZarrCache.Tests.DocSnippets;

/// <summary>The code of docs/xarray.md, run over a small era5.zarr that Debian's python3-xarray writes at test time:
/// t2m over (time, lat, lon) packed as int16 with scale_factor, add_offset and a fill value, a datetime64 time
/// coordinate, consolidated metadata. It captures the console, so it runs alone.</summary>
[Collection(nameof(XarraySnippets))]
public sealed class XarraySnippets : IDisposable
{
    private const string Script = """
        import sys, numpy as np, pandas as pd, xarray as xr
        t2m = 250 + np.arange(24, dtype="f8").reshape(4, 3, 2)
        t2m[1, 1, 1] = np.nan
        ds = xr.Dataset({"t2m": (("time", "lat", "lon"), t2m, {"units": "K", "long_name": "2 metre temperature"})},
                        coords={"time": pd.date_range("2000-01-01", periods=4, freq="6H"), "lat": [10.0, 20.0, 30.0], "lon": [100.0, 110.0]})
        ds.t2m.encoding = {"dtype": "int16", "scale_factor": 0.5, "add_offset": 250.0, "_FillValue": -32767}
        ds.to_zarr(sys.argv[1] + "/era5.zarr", mode="w", consolidated=True)
        """;

    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task A_dataset_xarray_wrote_reads_with_its_dimensions_attributes_raw_and_decoded_values_and_times()
    {
        var (code, output) = ExternalTool.Run(ExternalTool.SystemPython, ["-c", Script, _data.Path], null);
        Assert.True(code == 0, $"xarray could not write the dataset (is python3-xarray installed? scripts/lib/common.sh install_prerequisites installs it): {output}");
        var store = CachedStore.Create(new FileSystemStore(_data.Path));
        var console = new StringWriter();
        var standardOutput = Console.Out;
        Console.SetOut(console);
        try
        {
            // begin-snippet: open-dataset
            var dataset = await ZarrDataset.OpenAsync(store, "era5.zarr");      // metadata only: one request with consolidated metadata
            foreach (var (name, length) in dataset.Dimensions)
            {
                Console.WriteLine($"{name}: {length}");                         // lat: 721, lon: 1440, time: 8760
            }
            var t2m = dataset["t2m"];                                           // a ZarrVariable
            var dims = t2m.Dimensions;                                          // ["time", "lat", "lon"]
            var units = t2m.DecodedAttributes["units"];                         // "K"
            var sel = ArraySelection.Parse("1,1,:");                            // time 1, lat 1, every lon
            var raw = await t2m.Array.ReadAsync<short>(sel);                    // the stored int16 values
            var values = await t2m.ReadDecodedAsync(sel);                       // float32/float64 with NaN, as xarray gives them
            var times = await dataset["time"].ReadDateTimesAsync();             // DateTime? (Gregorian calendars)
            var model = await dataset["time"].ReadCfDatesAsync();               // CfDate? (any calendar: noleap, 360_day, …)
            Console.WriteLine(dataset);                                         // in the layout of xarray's repr (below)
            // end-snippet

            Assert.Equal(["time", "lat", "lon"], dims);
            Assert.Equal("K", units.GetString());
            Assert.Equal(new short[] { 2 * 8, -32767 }, raw.Data); // (258 - 250) / 0.5, then the NaN's fill value
            Assert.Equal("float32", values.DataType.Name); // packed int16 with a fill value, as xarray 2023.01 decodes it
            var decoded = values.ToArray<float>();
            Assert.Equal(258f, decoded[0]);
            Assert.True(float.IsNaN(decoded[1]));
            Assert.Equal(new DateTime(2000, 1, 1, 18, 0, 0), times.Data[3]);
            Assert.Equal((2000L, 1, 1), (model.Data[0]!.Year, model.Data[0]!.Month, model.Data[0]!.Day));
        }
        finally
        {
            Console.SetOut(standardOutput);
        }

        var printed = console.ToString().ReplaceLineEndings("\n");
        Assert.Contains("lat: 3\nlon: 2\ntime: 4\n<ZarrDataset 'era5.zarr'>\nDimensions:", printed, StringComparison.Ordinal);
        Assert.Contains("Data variables:\n    t2m ", printed, StringComparison.Ordinal);
    }
}

/// <summary>XarraySnippets captures <see cref="Console.Out"/>: no other test runs beside it.</summary>
[CollectionDefinition(nameof(XarraySnippets), DisableParallelization = true)]
public sealed class XarraySnippetsGroup;
