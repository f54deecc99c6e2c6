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
        var workers = Enumerable.Range(0, Processes).Select(i => new[] { "shared-worker", folder, $"{Budget}", $"{Seconds}", $"{i}", goFile }).ToArray();

        using var group = await ProbeGroup.StartTogetherAsync(goFile, workers);
        var samples = new List<long>();
        var sampler = new Thread(() =>
        {
            while (!group.Finished.IsCompleted)
            {
                samples.Add(FolderSampler.SampleBytes(folder));
                Thread.Sleep(20);
            }
        });
        sampler.Start(); // A thread of its own: the thread pool is shared with the tests running beside this one.
        var figures = (await group.Finished).Select(DiskCacheProbeProcess.Figures).ToList();
        Assert.True(sampler.Join(TimeSpan.FromSeconds(30)), "the sampler did not stop");

        ProbeGroup.AssertOverlapped(figures, TimeSpan.FromSeconds(Seconds / 2));
        Assert.All(figures, f => Assert.True(f["writes"] >= 5 && f["hits"] >= 1, $"a worker did too little: {string.Join(' ', f)}"));
        Assert.True(figures.Sum(f => f["evictions"]) >= 10, "the budget must be under pressure");
        Assert.All(figures, f => Assert.Equal(0, f["wrong"]));
        Assert.All(figures, f => Assert.Equal(0, f["corrupt"]));
        Assert.True(samples.Count >= 30, $"only {samples.Count} samples in {Seconds} s");
        Assert.True(samples.Max() <= Budget, $"the folder held {samples.Max()} bytes, {samples.Max() / (double)Budget:F2}x its budget (mean {samples.Average() / Budget:F2}x)");
    }

    [Fact]
    public async Task Eviction_passes_over_a_file_being_read_so_that_the_space_it_frees_is_freed_at_once()
    {
        var entry = FileLength("r/0", 1000);
        var cache = new DiskCache(_dir.Path, 2 * entry);
        await cache.SetAsync("r/0", Bytes(1000, 0));
        await cache.SetAsync("r/1", Bytes(1000, 1));

        // A reader as DiskCache opens entries (another process's, say): it holds a shared lock on the file meanwhile.
        using (new FileStream(PathOf("r/0"), FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
        {
            await cache.SetAsync("r/2", Bytes(1000, 2)); // r/0 is the least recently used, but deleting it would not free its space yet.

            Assert.True(File.Exists(PathOf("r/0")));
            Assert.False(File.Exists(PathOf("r/1")));
        }

        Assert.Equal(2 * entry, cache.Size);
        Assert.Equal(1, cache.Stats.Evictions);
    }
}
