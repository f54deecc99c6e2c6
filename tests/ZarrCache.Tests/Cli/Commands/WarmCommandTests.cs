using System.CommandLine;
using System.Text.Json;
using ZarrCache.Cli;
using ZarrCache.Tests.TestSupport;
using ZarrCache.Zarr;
using ZarrCache.Zarr.DataTypes;

namespace ZarrCache.Tests.Cli.Commands;

public class WarmCommandTests
{
    private const string Whole = """{"shape":[6],"dtype":"int32","data":[1,2,3,4,5,6]}""";

    [Fact]
    public async Task A_warmed_region_reads_the_same_from_the_disk_cache_after_the_origin_is_emptied()
    {
        using var fixture = await DiskCacheCliFixture.CreateAsync();
        var intact = await CliRunner.RunAsync("read", fixture.Origin, "--region", "2:6", "--no-cache");
        Assert.True(intact.ExitCode == 0, intact.Error);
        Assert.Equal("""{"shape":[4],"dtype":"int32","data":[3,4,5,6]}""", intact.Output.Trim());

        var warm = await CliRunner.RunAsync("warm", fixture.Origin, "--region", "2:6", "--disk-cache", fixture.CacheDir);
        Assert.True(warm.ExitCode == 0, warm.Error);
        Assert.Contains("chunks         2\n", warm.Output, StringComparison.Ordinal);
        Assert.Contains("warmed         2\n", warm.Output, StringComparison.Ordinal);

        // Each CLI run is a new cache instance: only the disk cache can answer now.
        fixture.EmptyOrigin();
        var cached = await CliRunner.RunAsync("read", fixture.Origin, "--region", "2:6", "--disk-cache", fixture.CacheDir);
        Assert.True(cached.ExitCode == 0, cached.Error);
        Assert.Equal(intact.Output, cached.Output);

        // The chunk outside the region was not warmed, so reading it needs the (now empty) origin: it reads as the fill value.
        var outside = await CliRunner.RunAsync("read", fixture.Origin, "--region", "0:2", "--disk-cache", fixture.CacheDir);
        Assert.True(outside.ExitCode == 0, outside.Error);
        Assert.Equal("""{"shape":[2],"dtype":"int32","data":[0,0]}""", outside.Output.Trim());
    }

    [Fact]
    public async Task A_warmed_sharded_array_is_read_from_the_disk_cache_alone()
    {
        const string name = "2d.chunked.compressed.sharded.i2";
        using var origin = new TempDirectory();
        using var cache = new TempDirectory();
        var source = Path.Combine(ZarritaComparison.Root("v3"), name);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(origin.Path, name, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        var intact = await CliRunner.RunAsync("read", origin.Path, "--array", name, "--region", "1:3,1:4", "--no-cache");
        var warm = await CliRunner.RunAsync("warm", origin.Path, "--array", name, "--region", "1:3,1:4", "--disk-cache", cache.Path);
        Directory.Delete(Path.Combine(origin.Path, name), recursive: true);
        var cached = await CliRunner.RunAsync("read", origin.Path, "--array", name, "--region", "1:3,1:4", "--disk-cache", cache.Path);

        Assert.True(intact.ExitCode == 0, intact.Error);
        Assert.True(warm.ExitCode == 0, warm.Error);
        Assert.Contains("already cached 0\n", warm.Output, StringComparison.Ordinal);
        Assert.True(cached.ExitCode == 0, cached.Error);
        Assert.Equal(intact.Output, cached.Output);
    }

    [Fact]
    public async Task Warming_a_whole_array_fills_the_disk_cache_with_every_chunk_and_its_metadata()
    {
        using var fixture = await DiskCacheCliFixture.CreateAsync();

        var warm = await CliRunner.RunAsync("warm", fixture.Origin, "--array", "/", "--disk-cache", fixture.CacheDir);
        Assert.True(warm.ExitCode == 0, warm.Error);

        var (code, output, error) = await CliRunner.RunAsync("stats", "--disk-cache", fixture.CacheDir, "--json");
        Assert.True(code == 0, error);
        using var json = JsonDocument.Parse(output);
        var byKind = json.RootElement.GetProperty("by_kind");
        Assert.Equal(3, byKind.GetProperty("chunk").GetProperty("entries").GetInt64());
        Assert.Equal(1, byKind.GetProperty("node_metadata").GetProperty("entries").GetInt64());

        fixture.EmptyOrigin();
        var read = await CliRunner.RunAsync("read", fixture.Origin, "--disk-cache", fixture.CacheDir);
        Assert.True(read.ExitCode == 0, read.Error);
        Assert.Equal(Whole, read.Output.Trim());
    }

    [Fact]
    public async Task The_summary_counts_chunks_and_the_origin_bytes_and_a_second_run_finds_them_cached()
    {
        using var fixture = await DiskCacheCliFixture.CreateAsync();
        var chunkBytes = Directory.EnumerateFiles(Path.Combine(fixture.Origin, "c")).Sum(f => new FileInfo(f).Length);

        var first = await CliRunner.RunAsync("warm", fixture.Origin, "--array", "", "--disk-cache", fixture.CacheDir, "--concurrency", "2");
        var second = await CliRunner.RunAsync("warm", fixture.Origin, "--array", "", "--disk-cache", fixture.CacheDir);

        Assert.True(first.ExitCode == 0, first.Error);
        Assert.StartsWith($"warming 3 chunks of the root array of {fixture.Origin} into {fixture.CacheDir}", first.Output, StringComparison.Ordinal);
        Assert.Contains("chunks         3\n", first.Output, StringComparison.Ordinal);
        Assert.Contains("warmed         3\n", first.Output, StringComparison.Ordinal);
        Assert.Contains("already cached 0\n", first.Output, StringComparison.Ordinal);
        Assert.Contains("missing        0\n", first.Output, StringComparison.Ordinal);
        Assert.Contains($"bytes          {chunkBytes} (", first.Output, StringComparison.Ordinal);
        Assert.Matches(@"time           \d+\.\d{3} s \(", first.Output);
        Assert.Contains($"disk cache     {fixture.CacheDir}\n", first.Output, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', first.Output); // Not a terminal: no ANSI progress bar.

        Assert.True(second.ExitCode == 0, second.Error);
        Assert.Contains("warmed         0\n", second.Output, StringComparison.Ordinal);
        Assert.Contains("already cached 3\n", second.Output, StringComparison.Ordinal);
        Assert.Contains("bytes          0 (", second.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chunks_missing_at_the_origin_are_counted_not_failed()
    {
        using var origin = new TempDirectory();
        using var cache = new TempDirectory();
        var array = await ZarrArray.CreateAsync(new FileSystemStore(origin.Path), "sparse", new ZarrArrayOptions { Shape = [8], ChunkShape = [2], DataType = ZarrDataTypeKind.Int32 });
        await array.WriteAsync<int>(ArraySelection.Parse("0:2"), new[] { 7, 8 });

        var (code, output, error) = await CliRunner.RunAsync("warm", origin.Path, "--array", "sparse", "--disk-cache", cache.Path);

        Assert.True(code == 0, error);
        Assert.Contains("chunks         4\n", output, StringComparison.Ordinal);
        Assert.Contains("warmed         1\n", output, StringComparison.Ordinal);
        Assert.Contains("missing        3\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Prefix_mode_warms_only_the_keys_under_the_prefix()
    {
        using var origin = new TempDirectory();
        using var cache = new TempDirectory();
        var store = new FileSystemStore(origin.Path);
        foreach (var name in new[] { "a", "b" })
        {
            var array = await ZarrArray.CreateAsync(store, name, new ZarrArrayOptions { Shape = [4], ChunkShape = [2], DataType = ZarrDataTypeKind.Int32 });
            await array.WriteAsync<int>(ArraySelection.Parse(":"), new[] { 1, 2, 3, 4 });
        }

        var warm = await CliRunner.RunAsync("warm", origin.Path, "--prefix", "a", "--disk-cache", cache.Path);
        Assert.True(warm.ExitCode == 0, warm.Error);
        Assert.StartsWith($"warming the keys under 'a/' of {origin.Path}", warm.Output, StringComparison.Ordinal);
        Assert.Contains("keys           3\n", warm.Output, StringComparison.Ordinal); // a/zarr.json and two chunks
        Assert.Contains("warmed         3\n", warm.Output, StringComparison.Ordinal);

        foreach (var file in Directory.EnumerateFiles(origin.Path, "*", SearchOption.AllDirectories))
        {
            File.Delete(file);
        }

        var a = await CliRunner.RunAsync("read", origin.Path, "--array", "a", "--disk-cache", cache.Path);
        var b = await CliRunner.RunAsync("read", origin.Path, "--array", "b", "--disk-cache", cache.Path);
        Assert.True(a.ExitCode == 0, a.Error);
        Assert.Equal("""{"shape":[4],"dtype":"int32","data":[1,2,3,4]}""", a.Output.Trim());
        Assert.Equal(2, b.ExitCode);
        Assert.Contains("'b'", b.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_array_or_prefix_the_whole_listable_store_is_warmed()
    {
        using var fixture = await DiskCacheCliFixture.CreateAsync();

        var (code, output, error) = await CliRunner.RunAsync("warm", fixture.Origin, "--disk-cache", fixture.CacheDir);

        Assert.True(code == 0, error);
        Assert.StartsWith($"warming every key of {fixture.Origin}", output, StringComparison.Ordinal);
        Assert.Contains("keys           4\n", output, StringComparison.Ordinal);
        Assert.Equal(4, DiskCache.Inspect(fixture.CacheDir).Entries);
    }

    [Theory]
    [InlineData("--region", "0:x")]
    [InlineData("--region", "9")]
    [InlineData("--region", "0,0")]
    [InlineData("--array", "no-such-array")]
    [InlineData("--prefix", "../up/")]
    [InlineData("--concurrency", "0")]
    public async Task A_bad_option_is_an_error_naming_the_option_and_value(string option, string value)
    {
        using var fixture = await DiskCacheCliFixture.CreateAsync();

        var (code, output, error) = await CliRunner.RunAsync("warm", fixture.Origin, option, value, "--disk-cache", fixture.CacheDir);

        Assert.Equal(2, code);
        Assert.Contains(option, error, StringComparison.Ordinal);
        Assert.Contains(value, error, StringComparison.Ordinal);
        Assert.DoesNotContain("(Parameter", error, StringComparison.Ordinal);
        Assert.DoesNotContain("warmed", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--disk-cache")]
    [InlineData("--no-cache")]
    public async Task Warming_without_a_disk_cache_is_refused_naming_what_is_needed(string given)
    {
        using var fixture = await DiskCacheCliFixture.CreateAsync();
        string[] args = given == "--no-cache" ? ["warm", fixture.Origin, "--no-cache"] : ["warm", fixture.Origin];

        var (code, _, error) = await CliRunner.RunAsync(args);

        Assert.Equal(2, code);
        Assert.Contains(given, error, StringComparison.Ordinal);
        Assert.Contains("--disk-cache DIR", error, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(fixture.CacheDir));
    }

    [Fact]
    public async Task Prefix_with_array_is_refused()
    {
        using var fixture = await DiskCacheCliFixture.CreateAsync();

        var (code, _, error) = await CliRunner.RunAsync("warm", fixture.Origin, "--prefix", "c/", "--array", "/", "--disk-cache", fixture.CacheDir);

        Assert.Equal(2, code);
        Assert.Contains("--prefix", error, StringComparison.Ordinal);
        Assert.Contains("--array", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_store_that_cannot_list_is_refused_in_prefix_mode_and_pointed_to_array()
    {
        using var cache = new TempDirectory();

        var (code, _, error) = await CliRunner.RunAsync("warm", "http://127.0.0.1:9/data.zarr/", "--disk-cache", cache.Path);

        Assert.Equal(2, code);
        Assert.Contains("http://127.0.0.1:9/data.zarr/", error, StringComparison.Ordinal);
        Assert.Contains("cannot list", error, StringComparison.Ordinal);
        Assert.Contains("--array", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_chunk_the_origin_fails_to_read_is_an_error_naming_the_store_and_key()
    {
        using var fixture = await DiskCacheCliFixture.CreateAsync();
        var chunk = Path.Combine(fixture.Origin, "c", "1");
        File.Delete(chunk);
        Directory.CreateDirectory(chunk); // Reading a folder as a file fails.

        var (code, _, error) = await CliRunner.RunAsync("warm", fixture.Origin, "--array", "/", "--disk-cache", fixture.CacheDir);

        Assert.Equal(1, code);
        Assert.Contains(fixture.Origin, error, StringComparison.Ordinal);
        Assert.Contains("'c/1'", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cancelled_warm_up_exits_130_and_says_so()
    {
        using var fixture = await DiskCacheCliFixture.CreateAsync();
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        var code = await CliApp.Build().Parse(["warm", fixture.Origin, "--array", "/", "--disk-cache", fixture.CacheDir])
            .InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, cancelled.Token);

        Assert.Equal(130, code);
        Assert.Contains("cancelled", error.ToString(), StringComparison.Ordinal);
        Assert.Contains(fixture.Origin, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("warmed", output.ToString(), StringComparison.Ordinal);
    }
}
