using ZarrCache.Tests.TestSupport;

namespace ZarrCache.Tests.Caching;

/// <summary>The disk cache across real processes: tests/ZarrCache.DiskCacheProbe runs as a separate <c>dotnet</c> process.</summary>
public partial class DiskCacheTests
{
    [Fact]
    public async Task A_new_process_over_the_same_folder_repeats_the_reads_with_no_origin_request()
    {
        var cold = DiskCacheProbeProcess.Figures(await DiskCacheProbeProcess.RunAsync("read-through", _dir.Path, "200"));
        var warm = DiskCacheProbeProcess.Figures(await DiskCacheProbeProcess.RunAsync("read-through", _dir.Path, "200"));

        Assert.Equal(200, cold["origin_reads"]);
        Assert.Equal(0, warm["origin_reads"]);
        Assert.Equal(200, warm["disk_hits"]);
        Assert.Equal(0, warm["wrong"]);
    }

    [Fact]
    public async Task A_writer_killed_midway_leaves_no_corrupt_entry_for_the_next_process()
    {
        using var writer = DiskCacheProbeProcess.Start("write-loop", _dir.Path, "1000", "0");
        try
        {
            long progress = 0;
            while (progress < 1500 && await writer.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromMinutes(1)) is { } line)
            {
                if (line.StartsWith("progress ", StringComparison.Ordinal))
                {
                    progress = long.Parse(line["progress ".Length..], System.Globalization.CultureInfo.InvariantCulture);
                }
            }

            if (progress < 1500)
            {
                Assert.Fail("the writer stopped before it was killed: " + await writer.StandardError.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(30)));
            }

            writer.Kill(); // SIGKILL on Unix: no finally block, no flush, mid-write.
            await writer.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }
        finally
        {
            DiskCacheProbeProcess.KillIfRunning(writer);
        }

        var next = DiskCacheProbeProcess.Figures(await DiskCacheProbeProcess.RunAsync("verify", _dir.Path, "1000"));

        Assert.Equal(0, next["wrong"]);
        Assert.Equal(0, next["corrupt"]);
        Assert.Equal(1000, next["intact"]); // The first round wrote every key; a rename replaces a file atomically.
        Assert.Equal(0, DiskCache.Inspect(_dir.Path).UnreadableEntries);
    }

    [Fact]
    public async Task Two_processes_reading_and_writing_one_folder_at_the_same_time_never_read_a_corrupt_value()
    {
        var folder = Path.Combine(_dir.Path, "cache");
        var goFile = Path.Combine(_dir.Path, "go");
        using var group = await ProbeGroup.StartTogetherAsync(goFile, ["hammer", folder, "4000", "1", goFile], ["hammer", folder, "4000", "2", goFile]);
        var results = (await group.Finished).Select(DiskCacheProbeProcess.Figures).ToList();

        var overlap = ProbeGroup.AssertOverlapped(results, TimeSpan.Zero);
        var shorter = TimeSpan.FromTicks(results.Min(r => r["end"] - r["start"]));
        Assert.True(overlap >= shorter / 2, $"the processes overlapped for {overlap.TotalMilliseconds:F0} ms of {shorter.TotalMilliseconds:F0} ms");
        Assert.All(results, r => Assert.Equal(0, r["wrong"]));
        Assert.All(results, r => Assert.Equal(0, r["corrupt"]));
        Assert.All(results, r => Assert.True(r["hits"] > 0, "the processes must actually read entries"));
        Assert.Equal(0, DiskCache.Inspect(folder).UnreadableEntries);
    }
}
