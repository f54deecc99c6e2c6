using System.Text.Json;

namespace ZarrCache.Tests.Cli.Commands;

public class StatsCommandTests
{
    [Fact]
    public async Task Stats_of_a_folder_filled_by_a_read_count_its_chunks_and_metadata()
    {
        using var fixture = await DiskCacheCliFixture.CreateAsync();
        var read = await CliRunner.RunAsync("read", fixture.Origin, "--disk-cache", fixture.CacheDir);
        Assert.True(read.ExitCode == 0, read.Error);

        var (code, output, error) = await CliRunner.RunAsync("stats", "--disk-cache", fixture.CacheDir, "--json");

        Assert.True(code == 0, error);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        var byKind = root.GetProperty("by_kind");
        Assert.Equal(3, byKind.GetProperty("chunk").GetProperty("entries").GetInt64());
        Assert.Equal(1, byKind.GetProperty("node_metadata").GetProperty("entries").GetInt64());
        // The chunks, zarr.json, and the mark that .zmetadata (v2 consolidated metadata, probed first) is missing.
        Assert.Equal(5, root.GetProperty("entries").GetInt64());
        Assert.Equal(DiskCache.Inspect(fixture.CacheDir).Bytes, root.GetProperty("bytes").GetInt64());
        Assert.Equal(JsonValueKind.String, root.GetProperty("oldest_access").ValueKind);
    }

    [Fact]
    public async Task Text_stats_show_entries_bytes_oldest_and_kinds()
    {
        using var fixture = await DiskCacheCliFixture.CreateAsync();
        await CliRunner.RunAsync("read", fixture.Origin, "--disk-cache", fixture.CacheDir);

        var (code, output, error) = await CliRunner.RunAsync("stats", "--disk-cache", fixture.CacheDir);

        Assert.True(code == 0, error);
        Assert.Matches(@"entries\s+5", output);
        Assert.Contains("oldest", output, StringComparison.Ordinal);
        Assert.Matches(@"chunk\s+3 entries", output);
    }

    [Fact]
    public async Task Stats_of_a_missing_folder_is_an_error_naming_it()
    {
        var (code, _, error) = await CliRunner.RunAsync("stats", "--disk-cache", "/nonexistent/zc-cache");

        Assert.Equal(2, code);
        Assert.Contains("--disk-cache", error, StringComparison.Ordinal);
        Assert.Contains("/nonexistent/zc-cache", error, StringComparison.Ordinal);
    }
}
