using ZarrCache.Cli.Commands;

namespace ZarrCache.Tests.Cli.Commands;

public class DemoCommandTests
{
    [Fact]
    public async Task Warm_pass_reads_the_same_regions_without_touching_the_origin()
    {
        var passes = await DemoCommand.RunAsync(2L << 20, null, CancellationToken.None);

        Assert.Equal(2, passes.Count);
        var (cold, warm) = (passes[0], passes[1]);
        Assert.True(cold.OriginReads > 0);
        Assert.Equal(0, warm.OriginReads);
        Assert.Equal(cold.BytesRead, warm.BytesRead);
        Assert.Equal(1.0, warm.HitRatio);
    }

    [Fact]
    public async Task Demo_prints_the_pass_table()
    {
        var (code, output, error) = await CliRunner.RunAsync("demo", "--size", "2MiB");

        Assert.True(code == 0, error);
        Assert.Contains("origin reads", output, StringComparison.Ordinal);
        Assert.Contains("warm", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_says_when_latency_is_simulated_and_can_run_without_it()
    {
        var simulated = await CliRunner.RunAsync("demo", "--size", "1MiB", "--latency", "5");
        var plain = await CliRunner.RunAsync("demo", "--size", "1MiB", "--latency", "0");
        var negative = await CliRunner.RunAsync("demo", "--size", "1MiB", "--latency", "-1");

        Assert.True(simulated.ExitCode == 0, simulated.Error);
        var heading = System.Text.RegularExpressions.Regex.Replace(simulated.Output, @"\s+", " ");
        Assert.Contains("5 ms simulated object-storage latency", heading, StringComparison.Ordinal);
        Assert.True(plain.ExitCode == 0, plain.Error);
        Assert.DoesNotContain("simulated", plain.Output, StringComparison.Ordinal);
        Assert.Equal(2, negative.ExitCode);
        Assert.Contains("--latency", negative.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_with_a_disk_cache_fills_the_folder()
    {
        using var cache = new ZarrCache.Tests.TestSupport.TempDirectory();
        var (code, _, error) = await CliRunner.RunAsync("demo", "--size", "2MiB", "--disk-cache", cache.Path, "--ttl", "1h", "--compress", "lz4");

        Assert.True(code == 0, error);
        Assert.True(DiskCache.Inspect(cache.Path).ByKind.GetValueOrDefault(KeyKind.Chunk).Entries > 0);
    }

    [Fact]
    public async Task Demo_with_a_bad_ttl_names_the_option()
    {
        var (code, _, error) = await CliRunner.RunAsync("demo", "--size", "2MiB", "--ttl", "forever");

        Assert.Equal(2, code);
        Assert.Contains("--ttl", error, StringComparison.Ordinal);
    }
}
