using System.Diagnostics;

namespace ZarrCache.Tests.TestSupport;

/// <summary>
/// Several probe processes started together: each opens its cache and prints <c>ready</c>, then waits for a go file,
/// so their work overlaps in time; each ends by printing a figures line with its <c>start</c> and <c>end</c> (UTC
/// ticks). Disposing kills those still running.
/// </summary>
internal sealed class ProbeGroup : IDisposable
{
    private readonly List<Process> _processes = [];
    private readonly List<Task<string>> _outputs = [];

    /// <summary>All processes have ended: their last lines (at most two minutes after the go).</summary>
    public Task<string[]> Finished { get; private set; } = Task.FromResult(Array.Empty<string>());

    /// <summary>Starts one probe per argument list, waits (at most a minute) until each is ready, then creates <paramref name="goFile"/>.</summary>
    public static async Task<ProbeGroup> StartTogetherAsync(string goFile, params string[][] argumentLists)
    {
        var group = new ProbeGroup();
        try
        {
            foreach (var arguments in argumentLists)
            {
                group._processes.Add(DiskCacheProbeProcess.Start(arguments));
            }

            foreach (var process in group._processes)
            {
                var ready = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromMinutes(1));
                if (ready != "ready")
                {
                    Assert.Fail($"a probe did not start: {ready} {await process.StandardError.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(10))}");
                }
            }

            group._outputs.AddRange(group._processes.Select(p => p.StandardOutput.ReadToEndAsync()));
            await File.WriteAllTextAsync(goFile, "go");
            group.Finished = group.WaitAsync();
            return group;
        }
        catch
        {
            group.Dispose();
            throw;
        }
    }

    /// <summary>Asserts that the processes' [start, end] intervals share a stretch of at least <paramref name="minimum"/>, and returns it.</summary>
    public static TimeSpan AssertOverlapped(IReadOnlyList<Dictionary<string, long>> figures, TimeSpan minimum)
    {
        var overlap = TimeSpan.FromTicks(figures.Min(f => f["end"]) - figures.Max(f => f["start"]));
        Assert.True(overlap >= minimum, $"the processes overlapped for {overlap.TotalMilliseconds:F0} ms, less than {minimum.TotalMilliseconds:F0} ms");
        return overlap;
    }

    public void Dispose()
    {
        foreach (var process in _processes)
        {
            DiskCacheProbeProcess.KillIfRunning(process);
            process.Dispose();
        }
    }

    private async Task<string[]> WaitAsync()
    {
        await Task.WhenAll(_processes.Select(p => p.WaitForExitAsync())).WaitAsync(TimeSpan.FromMinutes(2));
        var outputs = await Task.WhenAll(_outputs).WaitAsync(TimeSpan.FromSeconds(30));
        for (var i = 0; i < _processes.Count; i++)
        {
            Assert.True(_processes[i].ExitCode == 0, $"a probe failed with exit code {_processes[i].ExitCode}: {outputs[i]}");
        }

        return outputs.Select(o => o.Trim().Split('\n')[^1].Trim()).ToArray();
    }
}
