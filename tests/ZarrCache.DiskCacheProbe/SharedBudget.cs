using System.Diagnostics;
using System.Globalization;

namespace ZarrCache.DiskCacheProbe;

/// <summary>
/// Several processes writing and reading 64 KiB–1 MiB values in one disk cache folder with one byte budget: the worker
/// (one process) and the measurement (starts the workers, samples the folder, prints the figures).
/// </summary>
public static class SharedBudget
{
    /// <summary>Keys shared by all workers: each overwrites and reads the others' entries.</summary>
    public const int Keys = 48;

    /// <summary>
    /// One worker: opens the cache, prints <c>ready</c>, waits (at most a minute) for <paramref name="goFile"/>, then
    /// for <paramref name="seconds"/> writes (half the operations) and reads (the other half) random keys, checking
    /// every value read (with <paramref name="writesOnly"/>, only writes). Prints its start and end (UTC ticks) and its
    /// counts.
    /// </summary>
    public static int Worker(string dir, long budget, double seconds, int index, string goFile, bool writesOnly = false)
    {
        var cache = new DiskCache(dir, budget);
        if (!WaitForGo(goFile))
        {
            return 3;
        }

        var random = new Random(index + 1);
        long writes = 0, writtenBytes = 0, reads = 0, hits = 0, wrong = 0, version = index * 1_000_000_000L;
        var start = DateTime.UtcNow.Ticks;
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed.TotalSeconds < seconds)
        {
            var k = random.Next(Keys);
            if (writesOnly || random.Next(2) == 0)
            {
                var value = SharedValues.ValueOf(k, ++version);
                cache.Set(SharedValues.KeyOf(k), value, CacheEntryOptions.None);
                writes++;
                writtenBytes += value.Length;
            }
            else
            {
                reads++;
                if (cache.TryGetEntry(SharedValues.KeyOf(k), out var entry))
                {
                    hits++;
                    wrong += SharedValues.IsValueOf(k, entry.Value.Span) ? 0 : 1;
                }
            }
        }

        var end = DateTime.UtcNow.Ticks;
        var stats = cache.Stats;
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"start={start} end={end} writes={writes} written_bytes={writtenBytes} reads={reads} hits={hits} wrong={wrong} corrupt={stats.CorruptEntries} rejected={stats.Rejected} evictions={stats.Evictions}"));
        return 0;
    }

    /// <summary>Prints <c>ready</c>, then waits (at most a minute) for <paramref name="goFile"/> to exist.</summary>
    public static bool WaitForGo(string goFile)
    {
        Console.WriteLine("ready");
        Console.Out.Flush();
        var waiting = Stopwatch.StartNew();
        while (!File.Exists(goFile))
        {
            if (waiting.Elapsed > TimeSpan.FromMinutes(1))
            {
                Console.Error.WriteLine("no go file within a minute");
                return false;
            }

            Thread.Sleep(2);
        }

        return true;
    }

    /// <summary>
    /// The measurement: empties <paramref name="dir"/>, starts <paramref name="processes"/> workers on it, starts them
    /// together, samples the folder (<see cref="FolderSampler.SampleBytes"/>) every <paramref name="intervalMs"/> ms
    /// until they end, and prints the largest and mean folder size over the budget, the write throughput, and the
    /// workers' checks. Also samples a listing without the lock (which can count a file twice), and with
    /// <paramref name="fileSystem"/> the space used on the file system holding <paramref name="dir"/> (statfs, atomic;
    /// meaningful on a file system of its own, such as a dedicated tmpfs), less what it used at the start.
    /// </summary>
    public static async Task<int> MeasureAsync(string dir, int processes, long budget, double seconds, int intervalMs, bool fileSystem, bool writesOnly)
    {
        if (Directory.Exists(dir))
        {
            Directory.Delete(dir, recursive: true);
        }

        Directory.CreateDirectory(dir);
        var goFile = Path.Combine(Path.GetTempPath(), "zarrcache-go-" + Guid.NewGuid().ToString("N"));
        var workers = new List<Process>();
        try
        {
            for (var i = 0; i < processes; i++)
            {
                workers.Add(StartSelf("shared-worker", dir, budget.ToString(CultureInfo.InvariantCulture), seconds.ToString(CultureInfo.InvariantCulture), i.ToString(CultureInfo.InvariantCulture), goFile, writesOnly ? "writes-only" : "mixed"));
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(seconds + 120));
            foreach (var worker in workers)
            {
                var line = await worker.StandardOutput.ReadLineAsync(timeout.Token);
                if (line != "ready")
                {
                    Console.Error.WriteLine($"a worker did not start: {line} {await worker.StandardError.ReadToEndAsync(timeout.Token)}");
                    return 1;
                }
            }

            var outputs = workers.Select(w => w.StandardOutput.ReadToEndAsync(timeout.Token)).ToList();
            await File.WriteAllTextAsync(goFile, "go", timeout.Token);
            var all = Task.WhenAll(workers.Select(w => w.WaitForExitAsync(timeout.Token)));
            var sampling = Stopwatch.StartNew();
            var samples = Sample(all, () => FolderSampler.SampleBytes(dir), intervalMs);
            var unlocked = Sample(all, () => FolderSampler.ListBytes(dir), intervalMs);
            var drive = new DriveInfo(dir);
            var baseline = drive.TotalSize - drive.TotalFreeSpace;
            var used = Sample(all, () => fileSystem ? new DriveInfo(dir).TotalSize - new DriveInfo(dir).TotalFreeSpace - baseline : 0, intervalMs);
            await all;
            var sampled = sampling.Elapsed.TotalMilliseconds;
            await Task.WhenAll(samples, unlocked, used);
            var fs = fileSystem ? string.Create(CultureInfo.InvariantCulture, $" fs_samples={used.Result.Count} fs_max_ratio={used.Result.Max() / (double)budget:F3} fs_mean_ratio={used.Result.Average() / budget:F3}") : string.Empty;
            var figures = (await Task.WhenAll(outputs)).Select(o => Figures(o.Trim().Split('\n')[^1])).ToList();
            var overlapStart = figures.Max(f => f["start"]);
            var overlapEnd = figures.Min(f => f["end"]);
            var span = (figures.Max(f => f["end"]) - figures.Min(f => f["start"])) / (double)TimeSpan.TicksPerSecond;
            long Sum(string name) => figures.Sum(f => f[name]);
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"processes={processes} budget={budget} seconds={seconds} samples={samples.Result.Count} mean_interval_ms={sampled / samples.Result.Count:F1} max_bytes={samples.Result.Max()} max_ratio={samples.Result.Max() / (double)budget:F3} mean_ratio={samples.Result.Average() / budget:F3} unlocked_samples={unlocked.Result.Count} unlocked_max_ratio={unlocked.Result.Max() / (double)budget:F3} unlocked_mean_ratio={unlocked.Result.Average() / budget:F3}{fs} overlap_s={(overlapEnd - overlapStart) / (double)TimeSpan.TicksPerSecond:F2} writes={Sum("writes")} writes_per_s={Sum("writes") / span:F1} write_mib_per_s={Sum("written_bytes") / span / (1 << 20):F1} reads={Sum("reads")} hits={Sum("hits")} wrong={Sum("wrong")} corrupt={Sum("corrupt")} rejected={Sum("rejected")} evictions={Sum("evictions")}"));
            return 0;
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

            File.Delete(goFile);
        }
    }

    /// <summary>Samples on a thread of its own, every <paramref name="intervalMs"/> ms (from one start to the next) until <paramref name="until"/> completes.</summary>
    private static Task<List<long>> Sample(Task until, Func<long> sample, int intervalMs)
    {
        var done = new TaskCompletionSource<List<long>>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            var samples = new List<long>();
            var clock = Stopwatch.StartNew();
            for (var next = 0L; !until.IsCompleted; next += intervalMs)
            {
                samples.Add(sample());
                var wait = next + intervalMs - clock.ElapsedMilliseconds;
                if (wait > 0)
                {
                    Thread.Sleep((int)wait);
                }
                else
                {
                    next = clock.ElapsedMilliseconds - intervalMs; // Behind: do not catch up in a burst.
                }
            }

            done.SetResult(samples);
        });
        thread.Start();
        return done.Task;
    }

    /// <summary>Parses the <c>name=value</c> pairs of an output line.</summary>
    public static Dictionary<string, long> Figures(string line) =>
        line.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(part => part.Split('='))
            .Where(pair => pair.Length == 2 && long.TryParse(pair[1], CultureInfo.InvariantCulture, out _))
            .ToDictionary(pair => pair[0], pair => long.Parse(pair[1], CultureInfo.InvariantCulture));

    private static Process StartSelf(params string[] args)
    {
        var self = typeof(SharedBudget).Assembly.Location;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(self);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return Process.Start(start) ?? throw new InvalidOperationException("a worker did not start");
    }
}
