using System.Diagnostics;
using ZarrCache.DiskCacheProbe;
using ZarrCache.Tests.TestSupport;

namespace ZarrCache.Tests.Caching;

/// <summary>One byte budget for a folder shared by processes (tests/ZarrCache.DiskCacheProbe as separate processes).</summary>
public partial class DiskCacheTests
{
    [Fact]
    public async Task Processes_sharing_a_folder_never_hold_more_than_its_budget_and_read_only_whole_values()
    {
        const int Processes = 4;
        const long Budget = 8L << 20;
        const double Seconds = 4;
        var folder = Path.Combine(_dir.Path, "cache");
        Directory.CreateDirectory(folder);
        var goFile = Path.Combine(_dir.Path, "go");
        var workers = new List<Process>();
        try
        {
            for (var i = 0; i < Processes; i++)
            {
                workers.Add(DiskCacheProbeProcess.Start("shared-worker", folder, $"{Budget}", $"{Seconds}", $"{i}", goFile));
            }

            foreach (var worker in workers)
            {
                var ready = await worker.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
                Assert.True(ready == "ready", $"a worker did not start: {ready}");
            }

            var outputs = workers.Select(w => w.StandardOutput.ReadToEndAsync()).ToList();
            await File.WriteAllTextAsync(goFile, "go");
            var all = Task.WhenAll(workers.Select(w => w.WaitForExitAsync())).WaitAsync(TimeSpan.FromSeconds(Seconds + 60));
            var samples = new List<long>();
            var sampler = new Thread(() =>
            {
                while (!all.IsCompleted)
                {
                    samples.Add(FolderSampler.SampleBytes(folder));
                    Thread.Sleep(20);
                }
            });
            sampler.Start(); // A thread of its own: the thread pool is shared with the tests running beside this one.
            await all;
            Assert.True(sampler.Join(TimeSpan.FromSeconds(30)), "the sampler did not stop");
            var lines = await Task.WhenAll(outputs).WaitAsync(TimeSpan.FromSeconds(30));
            Assert.All(workers, w => Assert.Equal(0, w.ExitCode));
            var figures = lines.Select(o => DiskCacheProbeProcess.Figures(o.Trim().Split('\n')[^1])).ToList();

            // The processes ran at the same time: every interval contains the latest start and the earliest end.
            var overlap = TimeSpan.FromTicks(figures.Min(f => f["end"]) - figures.Max(f => f["start"]));
            Assert.True(overlap > TimeSpan.FromSeconds(Seconds / 2), $"the processes overlapped for {overlap.TotalSeconds:F2} s only");
            Assert.All(figures, f => Assert.True(f["writes"] >= 5 && f["hits"] >= 1, $"a worker did too little: {string.Join(' ', f)}"));
            Assert.True(figures.Sum(f => f["evictions"]) >= 10, "the budget must be under pressure");
            Assert.All(figures, f => Assert.Equal(0, f["wrong"]));
            Assert.All(figures, f => Assert.Equal(0, f["corrupt"]));
            Assert.True(samples.Count >= 30, $"only {samples.Count} samples in {Seconds} s");
            Assert.True(samples.Max() <= Budget, $"the folder held {samples.Max()} bytes, {samples.Max() / (double)Budget:F2}x its budget (mean {samples.Average() / Budget:F2}x)");
        }
        finally
        {
            foreach (var worker in workers)
            {
                if (!worker.HasExited)
                {
                    worker.Kill();
                }

                worker.Dispose();
            }
        }
    }
}
