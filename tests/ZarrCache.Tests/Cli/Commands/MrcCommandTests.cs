using System.Buffers.Binary;
using System.Text.Json;
using System.Xml.Linq;
using SkiaSharp;
using ZarrCache.HitRatio;
using ZarrCache.Tests.TestSupport;

namespace ZarrCache.Tests.Cli.Commands;

/// <summary>`zarr-cache mrc TRACE`: the table, the recommendation, the JSON document and the PNG and SVG plots of a
/// recorded trace; one-line errors naming the option or the trace's byte offset.</summary>
public sealed class MrcCommandTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly string _trace;

    public MrcCommandTests()
    {
        _trace = Path.Combine(_temp.Path, "trace.zct");
        var generated = new TraceGenerator(20_000, seed: 7).HotTiles();
        var keys = generated.Keys.Select(k => new StoreKey(k)).ToArray();
        using var writer = TraceWriter.Create(_trace);
        var seen = new HashSet<int>();
        foreach (var id in generated.Requests)
        {
            var hit = !seen.Add(id);
            writer.OnAccess(keys[id], generated.Sizes[id], hit ? AccessOutcome.Hit : AccessOutcome.Miss, hit ? AccessTier.Memory : AccessTier.Origin);
        }
    }

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task It_prints_the_miss_ratio_of_each_policy_and_opt_and_a_recommended_size()
    {
        var (code, output, error) = await CliRunner.RunAsync("mrc", _trace);

        Assert.True(code == 0, error);
        Assert.Contains("20,000 requests", output, StringComparison.Ordinal);
        Assert.Contains("Simulated exactly", output, StringComparison.Ordinal);
        Assert.Contains("S3-FIFO", output, StringComparison.Ordinal);
        Assert.Contains("OPT (floor)", output, StringComparison.Ordinal);
        Assert.Contains("Recommended for S3-FIFO:", output, StringComparison.Ordinal);
        Assert.Contains("origin requests", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_gives_every_curve_and_the_recommendation_matching_the_library()
    {
        var (code, output, error) = await CliRunner.RunAsync("mrc", _trace, "--json", "--policy", "lru,clock", "--sizes", "64MiB,256MiB,1GiB");

        Assert.True(code == 0, error);
        using var json = JsonDocument.Parse(output);
        var curves = json.RootElement.GetProperty("curves").EnumerateArray().ToArray();
        Assert.Equal(["lru", "clock", "opt"], curves.Select(c => c.GetProperty("policy").GetString()));
        Assert.All(curves, c => Assert.Equal([64L << 20, 256L << 20, 1L << 30], c.GetProperty("points").EnumerateArray().Select(p => p.GetProperty("cache_bytes").GetInt64())));
        var expected = CacheSimulator.Replay(AccessTrace.Load(_trace), SimulatedPolicy.Lru, 256L << 20);
        Assert.Equal(expected.ByRequest, curves[0].GetProperty("points")[1].GetProperty("miss_ratio").GetDouble(), 5);
        Assert.Equal("lru", json.RootElement.GetProperty("recommendations")[0].GetProperty("policy").GetString());
        Assert.Equal(1.0, json.RootElement.GetProperty("sampling_rate").GetDouble());
        Assert.True(json.RootElement.GetProperty("recorded_hits").GetInt64() > 0);
    }

    [Fact]
    public async Task Output_png_is_a_valid_picture_of_the_plot_size()
    {
        var png = Path.Combine(_temp.Path, "curve.png");

        var (code, _, error) = await CliRunner.RunAsync("mrc", _trace, "--output", png);

        Assert.True(code == 0, error);
        var bytes = File.ReadAllBytes(png);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A], bytes[..8]);
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(bytes, 12, 4));
        Assert.Equal(1000, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)));
        Assert.Equal(600, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20)));
        using var bitmap = SKBitmap.Decode(bytes);
        Assert.NotNull(bitmap);
        var colors = Enumerable.Range(0, bitmap.Height / 4).SelectMany(y => Enumerable.Range(0, bitmap.Width / 4).Select(x => bitmap.GetPixel(x * 4, y * 4))).Distinct().Count();
        Assert.True(colors > 8, $"the picture has {colors} colours: blank?");
    }

    [Fact]
    public async Task Output_svg_is_valid_xml_with_both_axes_labelled_in_bytes_and_percent()
    {
        var svg = Path.Combine(_temp.Path, "curve.svg");

        var (code, _, error) = await CliRunner.RunAsync("mrc", _trace, "--output", svg);

        Assert.True(code == 0, error);
        var document = XDocument.Load(svg);
        XNamespace ns = "http://www.w3.org/2000/svg";
        Assert.Equal(ns + "svg", document.Root!.Name);
        var texts = document.Descendants(ns + "text").Select(t => t.Value.Trim()).ToArray();
        Assert.Contains("Cache size (bytes, log scale)", texts);
        Assert.Contains("Miss ratio (% of requests)", texts);
        Assert.Contains(texts, t => t.EndsWith("MiB", StringComparison.Ordinal) || t.EndsWith("GiB", StringComparison.Ordinal));
        Assert.Contains("S3-FIFO", texts);
        Assert.Contains("OPT (floor)", texts);
    }

    [Fact]
    public async Task A_truncated_trace_is_a_one_line_error_naming_the_byte_offset()
    {
        var bytes = File.ReadAllBytes(_trace);
        File.WriteAllBytes(_trace, bytes[..^1]);

        var (code, output, error) = await CliRunner.RunAsync("mrc", _trace);

        Assert.Equal(1, code);
        Assert.Empty(output);
        Assert.StartsWith("error: ", error, StringComparison.Ordinal);
        Assert.Matches("corrupt access trace at byte offset [0-9]+: truncated record", error);
        Assert.Single(error.Trim().Split('\n'));
    }

    [Theory]
    [InlineData("--policy", "fifo", "--policy: unknown policy 'fifo'")]
    [InlineData("--policy", "opt", "--policy: name at least one policy besides opt")]
    [InlineData("--sizes", "lots", "--sizes: 'lots' is not a size")]
    [InlineData("--sampling-rate", "1.5", "--sampling-rate must be in (0, 1]")]
    [InlineData("--output", "curve.gif", "--output must name a .png or .svg file")]
    public async Task A_bad_option_is_a_one_line_error_naming_it(string option, string value, string message)
    {
        var (code, _, error) = await CliRunner.RunAsync("mrc", _trace, option, value);

        Assert.Equal(2, code); // bad usage
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_trace_is_a_one_line_error()
    {
        var (code, _, error) = await CliRunner.RunAsync("mrc", Path.Combine(_temp.Path, "none.zct"));

        Assert.Equal(2, code); // bad usage: the path given does not exist
        Assert.StartsWith("error: ", error, StringComparison.Ordinal);
        Assert.Contains("none.zct: no such trace file", error, StringComparison.Ordinal);
    }
}
