using System.Diagnostics;
using System.Globalization;
using ZarrCache.Benchmarks.Adapters;

namespace ZarrCache.Benchmarks;

/// <summary>
/// A noise-tolerant check of hit throughput on a shared machine: the caches take turns (round-robin, many rounds), each
/// turn running a fixed number of hits on N threads, timed by the process's CPU time (not wall time, which counts the
/// time other processes held the cores), and the median per cache is compared. Complements the
/// BenchmarkDotNet run, whose few iterations per case cannot average out neighbours' load.
/// Run: dotnet run -c Release --project bench/ZarrCache.Benchmarks -- throughput [rounds]
/// </summary>
public static class HitThroughputHarness
{
    private const long Budget = 64L * 1024 * 1024;
    private const int HitsPerThread = 1 << 20;

    public static void Run(TextWriter output, int rounds)
    {
        ArgumentNullException.ThrowIfNull(output);
        foreach (var valueSize in new[] { 4 * 1024, 64 * 1024 })
        {
            foreach (var threads in new[] { 1, 2 })
            {
                RunOne(output, valueSize, threads, rounds);
            }
        }
    }

    private static void RunOne(TextWriter output, int valueSize, int threads, int rounds)
    {
        var held = (int)(Budget / valueSize) * 3 / 4;
        var keys = new ChunkKeys(held);
        var value = new byte[valueSize];
        var kinds = Enum.GetValues<CacheKind>();
        var adapters = kinds.Select(kind => CacheAdapter.Create(kind, keys, Budget, valueSize)).ToArray();
        foreach (var adapter in adapters)
        {
            for (var i = 0; i < held; i++)
            {
                adapter.Set(i, value);
            }
        }

        var random = new Random(7);
        var indexes = Enumerable.Range(0, HitsPerThread).Select(_ => random.Next(held)).ToArray();
        var samples = kinds.Select(_ => new List<double>()).ToArray();
        for (var round = 0; round < rounds; round++)
        {
            for (var k = 0; k < adapters.Length; k++)
            {
                samples[k].Add(MillionHitsPerSecond(adapters[k], indexes, threads));
            }
        }

        var medians = samples.Select(s => s.Order().ElementAt(s.Count / 2)).ToArray();
        var lru = medians[Array.IndexOf(kinds, CacheKind.BitFasterLru)];
        var memoryCache = medians[Array.IndexOf(kinds, CacheKind.MemoryCache)];
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"value {valueSize / 1024} KiB, {held} entries, {threads} thread(s), median of {rounds} rounds:"));
        for (var k = 0; k < kinds.Length; k++)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {kinds[k],-13} {medians[k],7:F1} M hits/s   vs ConcurrentLru {medians[k] / lru:F2}   vs MemoryCache {medians[k] / memoryCache:F2}"));
        }
    }

    private static double MillionHitsPerSecond(CacheAdapter adapter, int[] indexes, int threads)
    {
        using var start = new Barrier(threads + 1);
        var workers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
        {
            start.SignalAndWait();
            var offset = t * 7919;
            var sum = 0;
            for (var i = 0; i < indexes.Length; i++)
            {
                sum += adapter.Get(indexes[(i + offset) & (indexes.Length - 1)]);
            }

            if (sum < 0)
            {
                throw new InvalidOperationException("A lookup missed in the hit benchmark.");
            }
        })).ToArray();
        foreach (var worker in workers)
        {
            worker.Start();
        }

        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        start.SignalAndWait();
        foreach (var worker in workers)
        {
            worker.Join();
        }

        process.Refresh();
        var cpuSeconds = (process.TotalProcessorTime - cpuBefore).TotalSeconds;

        // Hits per CPU-second per thread, times the threads: what N threads that each had a core to themselves would
        // reach. CPU time leaves out the time neighbours' processes held the cores; contention still costs CPU time.
        return (double)indexes.Length * threads / (cpuSeconds / threads) / 1e6;
    }
}
