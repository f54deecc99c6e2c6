using System.CommandLine;
using System.Text;
using System.Text.Json;
using ZarrCache.Cli;
using ZarrCache.Tests.TestSupport;

namespace ZarrCache.Tests.Cli.Commands;

/// <summary>
/// <c>--trace FILE</c> on <c>read</c>, <c>bench</c> and <c>warm</c>: the file holds every request to the command's
/// cache, is complete when the command ends (also when it is cancelled), and is what <c>zarr-cache mrc</c> reads.
/// </summary>
public sealed class TraceOptionTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly string _trace;

    public TraceOptionTests() => _trace = Path.Combine(_temp.Path, "read.zct");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Read_with_trace_records_the_chunk_misses_and_mrc_analyses_the_file()
    {
        using var fixture = await DiskCacheCliFixture.CreateAsync();

        var read = await CliRunner.RunAsync("read", fixture.Origin, "--trace", _trace);
        Assert.True(read.ExitCode == 0, read.Error);

        var records = TraceRecords.Of(_trace);
        Assert.Equal(
            ["c/0", "c/1", "c/2"],
            records.Where(r => r.Key.StartsWith("c/", StringComparison.Ordinal)).Select(r => r.Key).Order(StringComparer.Ordinal));
        Assert.All(records.Where(r => r.Key.StartsWith("c/", StringComparison.Ordinal)), r => Assert.Equal((AccessOutcome.Miss, AccessTier.Origin), (r.Outcome, r.Tier)));
        Assert.Contains(records, r => r.Key == "zarr.json" && r.Size == new FileInfo(Path.Combine(fixture.Origin, "zarr.json")).Length);

        var mrc = await CliRunner.RunAsync("mrc", _trace, "--json");
        Assert.True(mrc.ExitCode == 0, mrc.Error);
        using var json = JsonDocument.Parse(mrc.Output);
        Assert.Equal(records.Count, json.RootElement.GetProperty("requests").GetInt64());
        Assert.Equal(records.Count(r => r.Outcome == AccessOutcome.Hit), json.RootElement.GetProperty("recorded_hits").GetInt64());
    }

    [Fact]
    public async Task Read_over_a_warm_disk_cache_records_disk_hits()
    {
        using var fixture = await DiskCacheCliFixture.CreateAsync();
        var warm = await CliRunner.RunAsync("warm", fixture.Origin, "--array", "", "--disk-cache", fixture.CacheDir);
        Assert.True(warm.ExitCode == 0, warm.Error);

        var read = await CliRunner.RunAsync("read", fixture.Origin, "--disk-cache", fixture.CacheDir, "--trace", _trace);
        Assert.True(read.ExitCode == 0, read.Error);

        var chunks = TraceRecords.Of(_trace).Where(r => r.Key.StartsWith("c/", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, chunks.Count);
        Assert.All(chunks, r => Assert.Equal((AccessOutcome.Hit, AccessTier.Disk), (r.Outcome, r.Tier)));
    }

    [Fact]
    public async Task Bench_with_trace_records_every_pass_of_the_cached_run_and_not_its_warm_up()
    {
        using var fixture = await DiskCacheCliFixture.CreateAsync();

        var bench = await CliRunner.RunAsync("bench", fixture.Origin, "--pattern", "scan", "--passes", "2", "--decoded-cache", "0", "--json", "--trace", _trace);
        Assert.True(bench.ExitCode == 0, bench.Error);

        var chunks = TraceRecords.Of(_trace).Where(r => r.Key.StartsWith("c/", StringComparison.Ordinal)).ToList();
        Assert.Equal(6, chunks.Count);
        Assert.Equal([AccessOutcome.Miss, AccessOutcome.Miss, AccessOutcome.Miss], chunks.Take(3).Select(r => r.Outcome));
        Assert.All(chunks.Skip(3), r => Assert.Equal((AccessOutcome.Hit, AccessTier.Memory), (r.Outcome, r.Tier)));
    }

    [Fact]
    public async Task A_trace_written_during_a_cancelled_warm_is_complete_and_readable()
    {
        using var fixture = await DiskCacheCliFixture.CreateAsync();
        using var cancel = new CancellationTokenSource();
        using var output = new CancellingWriter(cancel); // Cancels once warm prints its first line, after reading the metadata.
        using var error = new StringWriter();

        var code = await CliApp.RunAsync(
            ["warm", fixture.Origin, "--array", "", "--disk-cache", fixture.CacheDir, "--trace", _trace],
            new InvocationConfiguration { Output = output, Error = error },
            cancel.Token);

        Assert.True(code == CliErrors.Cancelled, error.ToString());
        var records = TraceRecords.Of(_trace);
        Assert.Contains(records, r => r.Key == "zarr.json" && r.Outcome == AccessOutcome.Miss && r.Size > 0);
    }

    [Fact]
    public async Task Trace_with_no_cache_is_refused_naming_the_option()
    {
        using var fixture = await DiskCacheCliFixture.CreateAsync();

        var read = await CliRunner.RunAsync("read", fixture.Origin, "--no-cache", "--trace", _trace);

        Assert.Equal(CliErrors.Usage, read.ExitCode);
        Assert.Equal("error: --trace records the requests to the cache, so it cannot be combined with --no-cache.", read.Error.Trim());
        Assert.False(File.Exists(_trace));
    }

    [Fact]
    public async Task A_trace_file_that_cannot_be_created_is_one_error_naming_the_option_and_file()
    {
        using var fixture = await DiskCacheCliFixture.CreateAsync();
        var path = Path.Combine(_temp.Path, "no-such-folder", "t.zct");

        var read = await CliRunner.RunAsync("read", fixture.Origin, "--trace", path);

        Assert.Equal(CliErrors.Usage, read.ExitCode);
        Assert.StartsWith($"error: --trace: cannot create the trace file '{path}'", read.Error, StringComparison.Ordinal);
    }

    private sealed class CancellingWriter(CancellationTokenSource cancel) : StringWriter
    {
        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value)
        {
            cancel.Cancel();
            base.Write(value);
        }

        public override void Write(string? value)
        {
            cancel.Cancel();
            base.Write(value);
        }

        public override Task WriteLineAsync(string? value)
        {
            cancel.Cancel();
            return base.WriteLineAsync(value);
        }

        public override Task WriteAsync(string? value)
        {
            cancel.Cancel();
            return base.WriteAsync(value);
        }
    }
}
