using System.Xml.Linq;
using SkiaSharp;
using ZarrCache.Tests.TestSupport;
using ZarrCache.Zarr;
using ZarrCache.Zarr.DataTypes;

namespace ZarrCache.Tests.Cli.Commands;

/// <summary>`zarr-cache bench --plot FILE`: each run's per-pass time and origin requests drawn as PNG or SVG.</summary>
public sealed class BenchPlotTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public BenchPlotTests()
    {
        var store = new FileSystemStore(_temp.Path);
        var array = ZarrArray.CreateAsync(store, "a", new ZarrArrayOptions { Shape = [40, 6, 6], ChunkShape = [4, 3, 3], DataType = ZarrDataTypeKind.Int32 }).GetAwaiter().GetResult();
        array.WriteAsync<int>(null, Enumerable.Range(0, 40 * 6 * 6).ToArray()).GetAwaiter().GetResult();
    }

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Plot_svg_draws_time_and_origin_requests_of_every_run_with_labelled_axes()
    {
        var svg = Path.Combine(_temp.Path, "plots", "bench.svg");

        var (code, _, error) = await CliRunner.RunAsync("bench", _temp.Path, "--array", "a", "--pattern", "scan", "--compare-prefetch", "--plot", svg);

        Assert.True(code == 0, error);
        XNamespace ns = "http://www.w3.org/2000/svg";
        var texts = XDocument.Load(svg).Descendants(ns + "text").Select(t => t.Value.Trim()).ToArray();
        Assert.Contains("Pass", texts);
        Assert.Contains("Wall time (ms)", texts);
        Assert.Contains("Origin requests", texts);
        foreach (var run in new[] { "baseline", "prefetch-off", "prefetch-on" })
        {
            Assert.Contains($"{run}: time (ms)", texts);
            Assert.Contains($"{run}: origin requests", texts);
        }
    }

    [Fact]
    public async Task Plot_png_is_a_valid_picture()
    {
        var png = Path.Combine(_temp.Path, "bench.png");

        var (code, _, error) = await CliRunner.RunAsync("bench", _temp.Path, "--array", "a", "--pattern", "tiles", "--plot", png);

        Assert.True(code == 0, error);
        using var bitmap = SKBitmap.Decode(png);
        Assert.Equal((1000, 600), (bitmap.Width, bitmap.Height));
    }

    [Fact]
    public async Task A_plot_file_that_is_not_png_or_svg_is_refused_before_the_bench_runs()
    {
        var (code, output, error) = await CliRunner.RunAsync("bench", _temp.Path, "--array", "a", "--pattern", "scan", "--plot", "bench.jpg");

        Assert.Equal(2, code); // bad usage
        Assert.Empty(output);
        Assert.Contains("--plot must name a .png or .svg file", error, StringComparison.Ordinal);
    }
}
