using System.Security.Cryptography;
using System.Text.Json;
using ZarrCache.Cli.Commands;
using ZarrCache.Tests.TestSupport;
using ZarrCache.Zarr;
using ZarrCache.Zarr.DataTypes;

namespace ZarrCache.Tests.Cli.Commands;

/// <summary>
/// `--decoded-cache SIZE` on `read`, `bench` and `demo`: reads give the same bytes with it on (the default), off (`0`)
/// or tiny; a bad size is a one-line error naming the option; bench reports per cached pass what it served (none cold,
/// some warm, nothing at all when off); demo says what it served on the warm read.
/// </summary>
public sealed class DecodedCacheOptionTests : IDisposable
{
    // 40 x 6 x 6 int32 in 4 x 3 x 3 zstd chunks (10 x 2 x 2 = 40), the last band of chunks never written (fill).
    private const string Region = "2:37,1:6,0:5";
    private const int ChunkCount = 40;
    private static readonly int[] Values = Enumerable.Range(0, 36 * 6 * 6).ToArray();
    private readonly TempDirectory _temp = new();

    public DecodedCacheOptionTests()
    {
        var store = new FileSystemStore(_temp.Path);
        var array = ZarrArray.CreateAsync(store, "a", new ZarrArrayOptions
        {
            Shape = [40, 6, 6],
            ChunkShape = [4, 3, 3],
            DataType = ZarrDataTypeKind.Int32,
            Compressor = ZarrCompressor.Zstd(1),
            FillValue = -1,
        }).GetAwaiter().GetResult();
        array.WriteAsync<int>(ArraySelection.Parse("0:36"), Values).GetAwaiter().GetResult();
    }

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData]
    [InlineData("--decoded-cache", "0")]
    [InlineData("--decoded-cache", "256MiB")]
    [InlineData("--decoded-cache", "100")]
    [InlineData("--decoded-cache", "1GiB", "--no-cache")]
    public async Task Read_gives_the_same_sha256_with_the_decoded_cache_on_by_default_off_or_tiny(params string[] options)
    {
        var plain = await (await ZarrArray.OpenAsync(new FileSystemStore(_temp.Path), "a")).ReadAsync(ArraySelection.Parse(Region));
        var expected = Convert.ToHexStringLower(SHA256.HashData(plain.Bytes));

        var (code, output, error) = await CliRunner.RunAsync(["read", _temp.Path, "--array", "a", "--region", Region, "--format", "sha256", .. options]);

        Assert.True(code == 0, error);
        Assert.Equal(expected, output.Trim());
    }

    [Theory]
    [InlineData("read", "lots")]
    [InlineData("read", "-1")]
    [InlineData("read", "-5MiB")]
    [InlineData("bench", "lots")]
    [InlineData("bench", "-1")]
    [InlineData("demo", "lots")]
    [InlineData("demo", "-1")]
    public async Task A_bad_or_negative_size_is_a_one_line_error_naming_the_option(string command, string value)
    {
        string[] args = command switch
        {
            "read" => ["read", _temp.Path, "--array", "a"],
            "bench" => ["bench", _temp.Path, "--array", "a", "--pattern", "scan"],
            _ => ["demo", "--size", "1MiB", "--latency", "0"],
        };

        var (code, output, error) = await CliRunner.RunAsync([.. args, "--decoded-cache", value]);

        Assert.Equal(2, code);
        Assert.Equal(string.Empty, output);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.StartsWith("error: --decoded-cache: ", line, StringComparison.Ordinal);
        Assert.Contains(value, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bench_by_default_serves_no_decoded_chunk_on_the_cold_pass_and_every_chunk_on_the_warm_pass()
    {
        using var json = await BenchJsonAsync("--pattern", "scan", "--concurrency", "2");

        var root = json.RootElement;
        Assert.Equal(256L << 20, root.GetProperty("decoded_cache_bytes").GetInt64());
        var (baseline, cached) = (root.GetProperty("runs")[0], root.GetProperty("runs")[1]);
        Assert.Equal(0, baseline.GetProperty("decoded_cache_bytes").GetInt64());
        Assert.All(baseline.GetProperty("passes").EnumerateArray(), p => Assert.Equal(JsonValueKind.Null, p.GetProperty("decoded_hits").ValueKind));
        Assert.Equal(256L << 20, cached.GetProperty("decoded_cache_bytes").GetInt64());
        var (cold, warm) = (cached.GetProperty("passes")[0], cached.GetProperty("passes")[1]);
        Assert.Equal(0, cold.GetProperty("decoded_hits").GetInt64());
        Assert.Equal(ChunkCount, cold.GetProperty("decoded_misses").GetInt64());
        Assert.Equal(ChunkCount, warm.GetProperty("decoded_hits").GetInt64());
        Assert.Equal(0, warm.GetProperty("decoded_misses").GetInt64());
        Assert.Equal(0, warm.GetProperty("origin_requests").GetInt64());
    }

    [Fact]
    public async Task Bench_gives_each_cached_run_a_fresh_decoded_cache_so_each_starts_cold()
    {
        using var json = await BenchJsonAsync("--pattern", "scan", "--compare-prefetch", "--repeat", "2");

        var cachedRuns = json.RootElement.GetProperty("runs").EnumerateArray().Skip(1).ToArray();
        Assert.Equal(4, cachedRuns.Length);
        Assert.All(cachedRuns, r => Assert.Equal(0, r.GetProperty("passes")[0].GetProperty("decoded_hits").GetInt64()));
        Assert.All(cachedRuns, r => Assert.Equal(ChunkCount, r.GetProperty("passes")[1].GetProperty("decoded_hits").GetInt64()));
    }

    [Fact]
    public async Task Bench_with_the_decoded_cache_off_reports_no_decoded_hits_and_still_reads_warm_from_the_cache()
    {
        using var json = await BenchJsonAsync("--pattern", "tiles", "--decoded-cache", "0");

        Assert.Equal(0, json.RootElement.GetProperty("decoded_cache_bytes").GetInt64());
        foreach (var run in json.RootElement.GetProperty("runs").EnumerateArray())
        {
            Assert.Equal(0, run.GetProperty("decoded_cache_bytes").GetInt64());
            Assert.All(run.GetProperty("passes").EnumerateArray(), p =>
            {
                Assert.Equal(JsonValueKind.Null, p.GetProperty("decoded_hits").ValueKind);
                Assert.Equal(JsonValueKind.Null, p.GetProperty("decoded_misses").ValueKind);
            });
        }

        Assert.Equal(1.0, json.RootElement.GetProperty("runs")[1].GetProperty("passes")[1].GetProperty("hit_ratio").GetDouble());
    }

    [Fact]
    public async Task Bench_table_shows_the_decoded_cache_size_and_its_hits_per_pass()
    {
        var on = await CliRunner.RunAsync("bench", _temp.Path, "--array", "a", "--pattern", "scan", "--decoded-cache", "64MiB");
        var off = await CliRunner.RunAsync("bench", _temp.Path, "--array", "a", "--pattern", "scan", "--decoded-cache", "0");

        Assert.True(on.ExitCode == 0, on.Error);
        Assert.Contains("decoded cache 64.0 MiB", on.Output, StringComparison.Ordinal);
        Assert.Contains("decoded hits", on.Output, StringComparison.Ordinal);
        Assert.Contains($"{ChunkCount} of {ChunkCount}", on.Output, StringComparison.Ordinal);
        Assert.True(off.ExitCode == 0, off.Error);
        Assert.Contains("decoded cache off", off.Output, StringComparison.Ordinal);
        Assert.DoesNotContain($"{ChunkCount} of {ChunkCount}", off.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_says_how_many_chunks_the_decoded_cache_served_on_the_warm_read_or_that_it_is_off()
    {
        var on = await CliRunner.RunAsync("demo", "--size", "2MiB", "--latency", "0");
        var off = await CliRunner.RunAsync("demo", "--size", "2MiB", "--latency", "0", "--decoded-cache", "0");

        Assert.True(on.ExitCode == 0, on.Error);
        Assert.Matches(@"decoded-chunk cache \(256\.0 MiB\): the warm read served [1-9][0-9]* chunks decoded from memory \(0 misses\)\.", on.Output);
        Assert.True(off.ExitCode == 0, off.Error);
        Assert.Contains("decoded-chunk cache: off", off.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_warm_pass_takes_every_chunk_from_the_decoded_cache_and_none_from_the_store()
    {
        var passes = await DemoCommand.RunAsync(2L << 20, null, CancellationToken.None, chunkCache: new DecodedChunkCache(64L << 20));

        var (cold, warm) = (passes[0], passes[1]);
        Assert.True(cold.DecodedMisses > 0);
        Assert.True(warm.DecodedHits > 0);
        Assert.Equal(0, warm.DecodedMisses);
        Assert.Equal(0, warm.OriginReads);
        Assert.Equal(cold.BytesRead, warm.BytesRead);
        Assert.Null(warm.HitRatio);
    }

    private async Task<JsonDocument> BenchJsonAsync(params string[] args)
    {
        var (code, output, error) = await CliRunner.RunAsync(["bench", _temp.Path, "--array", "a", "--json", .. args]);
        Assert.True(code == 0, error);
        return JsonDocument.Parse(output);
    }
}
