using System.Text.Json;
using ZarrCache.Tests.TestSupport;
using ZarrCache.Zarr;
using ZarrCache.Zarr.DataTypes;

namespace ZarrCache.Tests.Cli.Commands;

public sealed class BenchCommandTests : IDisposable
{
    // 40 x 6 x 6 int32 in 4 x 3 x 3 chunks: a grid of 10 x 2 x 2 = 40 chunks.
    private const int ChunkCount = 40;
    private readonly TempDirectory _temp = new();

    public BenchCommandTests()
    {
        var store = new FileSystemStore(_temp.Path);
        var array = ZarrArray.CreateAsync(store, "a", new ZarrArrayOptions { Shape = [40, 6, 6], ChunkShape = [4, 3, 3], DataType = ZarrDataTypeKind.Int32 }).GetAwaiter().GetResult();
        array.WriteAsync<int>(null, Enumerable.Range(0, 40 * 6 * 6).ToArray()).GetAwaiter().GetResult();
    }

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("scan")]
    [InlineData("timeseries")]
    [InlineData("tiles")]
    [InlineData("random")]
    public async Task Each_pattern_reports_every_pass_of_the_baseline_and_the_cached_run(string pattern)
    {
        using var json = await RunJsonAsync("--pattern", pattern, "--passes", "3", "--concurrency", "2");

        var runs = json.RootElement.GetProperty("runs").EnumerateArray().ToArray();
        Assert.Equal(["baseline", "cached"], runs.Select(r => r.GetProperty("name").GetString()));
        Assert.All(runs, r =>
        {
            var passes = r.GetProperty("passes").EnumerateArray().ToArray();
            Assert.Equal([1, 2, 3], passes.Select(p => p.GetProperty("pass").GetInt32()));
            Assert.All(passes, p => Assert.True(p.GetProperty("reads").GetInt64() > 0 && p.GetProperty("bytes_read").GetInt64() > 0));
        });
        Assert.All(runs[0].GetProperty("passes").EnumerateArray(), p => Assert.True(p.GetProperty("origin_requests").GetInt64() > 0));
        Assert.Equal(pattern, json.RootElement.GetProperty("pattern").GetString());
    }

    [Fact]
    public async Task A_warm_scan_pass_makes_no_origin_request_while_the_baseline_reads_every_chunk_again()
    {
        using var json = await RunJsonAsync("--pattern", "scan");

        var runs = json.RootElement.GetProperty("runs");
        var baseline = runs[0].GetProperty("passes");
        var cached = runs[1].GetProperty("passes");
        // The probe for v2 consolidated metadata (.zmetadata, missing: a v3 array), zarr.json and every chunk.
        Assert.Equal(ChunkCount + 2, baseline[1].GetProperty("origin_requests").GetInt64());
        Assert.Equal(ChunkCount + 2, cached[0].GetProperty("origin_requests").GetInt64());
        Assert.Equal(0, cached[1].GetProperty("origin_requests").GetInt64());
        Assert.Equal(0, cached[1].GetProperty("origin_bytes").GetInt64());
        Assert.Equal(1.0, cached[1].GetProperty("hit_ratio").GetDouble());
        Assert.Equal(ChunkCount + 2, cached[1].GetProperty("origin_requests_saved").GetInt64());
        Assert.Equal(JsonValueKind.Null, baseline[1].GetProperty("hit_ratio").ValueKind);
    }

    [Fact]
    public async Task The_json_document_holds_every_figure()
    {
        using var json = await RunJsonAsync("--pattern", "timeseries", "--seed", "5");

        var root = json.RootElement;
        Assert.Equal("a", root.GetProperty("array").GetString());
        Assert.Equal(5, root.GetProperty("seed").GetInt32());
        Assert.Equal([40L, 6, 6], root.GetProperty("shape").EnumerateArray().Select(x => x.GetInt64()));
        Assert.Equal([4L, 3, 3], root.GetProperty("chunk_shape").EnumerateArray().Select(x => x.GetInt64()));
        Assert.Equal(ChunkCount, root.GetProperty("chunk_count").GetInt64());
        Assert.Equal(10, root.GetProperty("reads_per_pass").GetInt64());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("prefetch_comparison").ValueKind);
        var pass = root.GetProperty("runs")[1].GetProperty("passes")[0];
        foreach (var field in new[] { "elapsed_ms", "origin_requests", "origin_bytes", "hit_ratio", "prefetches_issued", "prefetches_used", "prefetches_wasted", "prefetch_bytes_wasted", "prefetches_dropped", "speedup_vs_baseline", "origin_requests_saved", "bytes_read" })
        {
            Assert.True(pass.TryGetProperty(field, out _), field);
        }

        Assert.Equal(10 * 4, pass.GetProperty("bytes_read").GetInt64());
    }

    [Fact]
    public async Task The_table_shows_the_baseline_the_cached_passes_and_the_ratios()
    {
        var (code, output, error) = await CliRunner.RunAsync("bench", _temp.Path, "--array", "a", "--pattern", "tiles");

        Assert.True(code == 0, error);
        Assert.Contains("zarr-cache bench: tiles", output, StringComparison.Ordinal);
        Assert.Contains("│ baseline", output, StringComparison.Ordinal);
        Assert.Contains("│ cached", output, StringComparison.Ordinal);
        Assert.Contains("vs baseline", output, StringComparison.Ordinal);
        Assert.Matches(@"x\d+\.\d\d", output);
    }

    [Fact]
    public async Task Output_writes_the_json_document_beside_the_table()
    {
        var file = Path.Combine(_temp.Path, "bench.json");

        var (code, output, error) = await CliRunner.RunAsync("bench", _temp.Path, "--array", "a", "--pattern", "scan", "--output", file);

        Assert.True(code == 0, error);
        Assert.Contains("│ cached", output, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(File.ReadAllText(file));
        Assert.Equal(2, json.RootElement.GetProperty("runs").GetArrayLength());
    }

    [Fact]
    public async Task Compare_prefetch_runs_the_cache_with_prefetching_off_and_on_and_prints_the_ratio()
    {
        using var json = await RunJsonAsync("--pattern", "timeseries", "--compare-prefetch", "--prefetch", "3", "--prefetch-strategy", "neighbors");

        var runs = json.RootElement.GetProperty("runs");
        Assert.Equal(["baseline", "prefetch-off", "prefetch-on"], runs.EnumerateArray().Select(r => r.GetProperty("name").GetString()));
        Assert.Equal(JsonValueKind.Null, runs[1].GetProperty("prefetch").ValueKind);
        Assert.Equal(3, runs[2].GetProperty("prefetch").GetProperty("neighbor_chunks").GetInt32());
        Assert.Equal("neighbors", runs[2].GetProperty("prefetch").GetProperty("strategy").GetString());
        var comparison = json.RootElement.GetProperty("prefetch_comparison");
        Assert.Equal(2, comparison.GetProperty("passes").GetArrayLength());
        Assert.True(comparison.GetProperty("off_over_on").GetDouble() > 0);

        var (code, output, error) = await CliRunner.RunAsync("bench", _temp.Path, "--array", "a", "--pattern", "timeseries", "--compare-prefetch");
        Assert.True(code == 0, error);
        Assert.Contains("prefetch on/off (", output, StringComparison.Ordinal);
        Assert.Contains("prefetch waste over 1 run(s):", output, StringComparison.Ordinal);
        Assert.Contains("prefetch-on (walk 4)", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cold_time_series_pass_with_prefetch_on_uses_prefetched_chunks_and_reads_each_chunk_once()
    {
        using var json = await RunJsonAsync("--pattern", "timeseries", "--compare-prefetch", "--prefetch", "2", "--passes", "1", "--latency", "5");

        var runs = json.RootElement.GetProperty("runs");
        var off = runs[1].GetProperty("passes")[0];
        var on = runs[2].GetProperty("passes")[0];
        Assert.Equal(0, off.GetProperty("prefetches_issued").GetInt64());
        Assert.True(on.GetProperty("prefetches_issued").GetInt64() > 0);
        Assert.InRange(on.GetProperty("prefetches_used").GetInt64(), 1, on.GetProperty("prefetches_issued").GetInt64());
        Assert.Equal(0, on.GetProperty("prefetches_wasted").GetInt64());
        Assert.Equal(off.GetProperty("origin_requests").GetInt64(), on.GetProperty("origin_requests").GetInt64());
    }

    [Fact]
    public async Task Compare_prefetch_gives_each_run_its_own_disk_folder()
    {
        var disk = Path.Combine(_temp.Path, "disk");

        using var json = await RunJsonAsync("--pattern", "scan", "--compare-prefetch", "--disk-cache", disk);

        Assert.True(Directory.Exists(Path.Combine(disk, "prefetch-off")));
        Assert.True(Directory.Exists(Path.Combine(disk, "prefetch-on")));
        var runs = json.RootElement.GetProperty("runs");
        Assert.Equal(ChunkCount + 2, runs[2].GetProperty("passes")[0].GetProperty("origin_requests").GetInt64());
    }

    [Fact]
    public async Task Repeat_alternates_prefetch_off_and_on_each_with_a_fresh_cache()
    {
        var disk = Path.Combine(_temp.Path, "disk");

        using var json = await RunJsonAsync("--pattern", "scan", "--compare-prefetch", "--repeat", "2", "--disk-cache", disk);

        var runs = json.RootElement.GetProperty("runs").EnumerateArray().ToArray();
        Assert.Equal(
            ["baseline/1", "prefetch-off/1", "prefetch-on/1", "prefetch-on/2", "prefetch-off/2"],
            runs.Select(r => r.GetProperty("name").GetString() + "/" + r.GetProperty("repeat").GetInt32()));
        Assert.All(runs, r => Assert.Equal(ChunkCount + 2, r.GetProperty("passes")[0].GetProperty("origin_requests").GetInt64()));
        Assert.True(Directory.Exists(Path.Combine(disk, "prefetch-on-2")));
        Assert.Equal(2, json.RootElement.GetProperty("prefetch_comparison").GetProperty("runs_each").GetInt32());
    }

    [Fact]
    public async Task No_cache_runs_the_baseline_only()
    {
        using var json = await RunJsonAsync("--pattern", "random", "--no-cache");

        Assert.Equal(["baseline"], json.RootElement.GetProperty("runs").EnumerateArray().Select(r => r.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task The_same_seed_reads_the_same_regions()
    {
        using var a = await RunJsonAsync("--pattern", "random", "--seed", "3", "--reads", "25", "--no-cache");
        using var b = await RunJsonAsync("--pattern", "random", "--seed", "3", "--reads", "25", "--no-cache");
        using var c = await RunJsonAsync("--pattern", "random", "--seed", "4", "--reads", "25", "--no-cache");

        Assert.Equal(25, a.RootElement.GetProperty("reads_per_pass").GetInt64());
        Assert.Equal(OriginBytes(a), OriginBytes(b));
        Assert.Equal(Requests(a), Requests(b));
        Assert.NotEqual(Requests(a) + "/" + OriginBytes(a), Requests(c) + "/" + OriginBytes(c));
    }

    [Theory]
    [InlineData("--pattern", "--pattern", "zigzag")]
    [InlineData("--passes", "--pattern", "scan", "--passes", "0")]
    [InlineData("--concurrency", "--pattern", "scan", "--concurrency", "0")]
    [InlineData("--reads", "--pattern", "random", "--reads", "0")]
    [InlineData("--repeat", "--pattern", "random", "--repeat", "0")]
    [InlineData("--array", "--pattern", "scan", "--array", "missing")]
    [InlineData("--prefetch", "--pattern", "scan", "--prefetch", "-2")]
    [InlineData("--prefetch-strategy", "--pattern", "scan", "--prefetch", "2", "--prefetch-strategy", "sideways")]
    [InlineData("--compare-prefetch", "--pattern", "scan", "--compare-prefetch", "--no-cache")]
    [InlineData("--prefetch", "--pattern", "scan", "--prefetch", "2", "--no-cache")]
    [InlineData("--memory", "--pattern", "scan", "--memory", "lots")]
    [InlineData("--latency", "--pattern", "scan", "--latency", "-1")]
    public async Task Bad_options_are_refused_naming_the_option(string option, params string[] args)
    {
        var (code, output, error) = await CliRunner.RunAsync(["bench", _temp.Path, "--array", "a", .. args]);

        Assert.NotEqual(0, code);
        Assert.Contains(option, error, StringComparison.Ordinal);
        Assert.DoesNotContain("baseline", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_pattern_or_store_is_an_error()
    {
        var (code, _, error) = await CliRunner.RunAsync("bench", _temp.Path, "--array", "a");
        Assert.NotEqual(0, code);
        Assert.Contains("--pattern", error, StringComparison.Ordinal);

        var missing = Path.Combine(_temp.Path, "nowhere");
        (code, _, error) = await CliRunner.RunAsync("bench", missing, "--pattern", "scan");
        Assert.Equal(2, code);
        Assert.Contains(missing, error, StringComparison.Ordinal);
    }

    private async Task<JsonDocument> RunJsonAsync(params string[] args)
    {
        var (code, output, error) = await CliRunner.RunAsync(["bench", _temp.Path, "--array", "a", "--json", .. args]);
        Assert.True(code == 0, error);
        return JsonDocument.Parse(output);
    }

    private static long Requests(JsonDocument json) => json.RootElement.GetProperty("runs")[0].GetProperty("passes")[0].GetProperty("origin_requests").GetInt64();

    private static long OriginBytes(JsonDocument json) => json.RootElement.GetProperty("runs")[0].GetProperty("passes")[0].GetProperty("origin_bytes").GetInt64();
}
