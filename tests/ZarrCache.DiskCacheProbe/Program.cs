using System.Diagnostics;
using System.Globalization;
using ZarrCache;
using ZarrCache.DiskCacheProbe;

// A separate process for the disk cache's multi-process tests and the index rebuild measurement.
//   read-through DIR COUNT          read COUNT keys through a CachedStore with a disk tier; print origin reads
//   write-loop DIR COUNT [ROUNDS]   write COUNT entries per round (ROUNDS 0: until killed), printing "progress N"
//   verify DIR COUNT                read every key; print intact, missing and corrupt counts
//   hammer DIR ITERATIONS SEED [GOFILE]   read and write 64 shared keys at random under a small budget; print corrupt
//                                   reads and the start and end (UTC ticks); with GOFILE, print "ready" and wait for it
//   rebuild DIR ENTRIES             fill DIR with ENTRIES small entries (if fewer), then time opening the cache
//   flush-writes DIR COUNT on|off   write COUNT entries with DiskCacheOptions.FlushToDisk on or off (run under strace)
//   shared-budget DIR [PROCESSES BUDGET_MIB SECONDS INTERVAL_MS [fs] [writes-only]]   (defaults 4 8 30 20) the
//                                   shared-folder measurement: empties DIR, runs PROCESSES shared-worker processes on
//                                   it together, samples the folder's bytes every INTERVAL_MS ms; prints max and mean
//                                   over the budget, writes/s; with fs, also the space used on DIR's file system
//                                   (statfs); with writes-only, the workers do not read
//   shared-worker DIR BUDGET SECONDS INDEX GOFILE [writes-only]   one process of that measurement (and of its unit test)
var mode = args.Length > 0 ? args[0] : string.Empty;
var dir = args.Length > 1 ? args[1] : string.Empty;
var n = args.Length > 2 && mode is not ("shared-budget" or "shared-worker") ? int.Parse(args[2], CultureInfo.InvariantCulture) : 0;
switch (mode)
{
    case "read-through":
        return await ReadThroughAsync(dir, n);
    case "write-loop":
        return WriteLoop(dir, n, args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 1);
    case "verify":
        return Verify(dir, n);
    case "hammer":
        return Hammer(dir, n, args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 1, args.Length > 4 ? args[4] : null);
    case "rebuild":
        return Rebuild(dir, n);
    case "flush-writes":
        return FlushWrites(dir, n, args.Length > 3 && args[3] == "on");
    case "shared-budget":
        return await SharedBudget.MeasureAsync(
            dir,
            args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 4,
            (args.Length > 3 ? long.Parse(args[3], CultureInfo.InvariantCulture) : 8) << 20,
            args.Length > 4 ? double.Parse(args[4], CultureInfo.InvariantCulture) : 30,
            args.Length > 5 ? int.Parse(args[5], CultureInfo.InvariantCulture) : 20,
            args.Skip(6).Contains("fs"),
            args.Skip(6).Contains("writes-only"));
    case "shared-worker":
        return SharedBudget.Worker(
            dir,
            long.Parse(args[2], CultureInfo.InvariantCulture),
            double.Parse(args[3], CultureInfo.InvariantCulture),
            int.Parse(args[4], CultureInfo.InvariantCulture),
            args[5],
            args.Length > 6 && args[6] == "writes-only");
    default:
        Console.Error.WriteLine("usage: read-through|write-loop|verify|hammer|rebuild|shared-budget|shared-worker DIR ...");
        return 2;
}

static async Task<int> ReadThroughAsync(string dir, int count)
{
    var origin = new MemoryStore();
    for (var i = 0; i < count; i++)
    {
        await origin.SetAsync(ProbeValues.KeyOf(i), ProbeValues.ValueOf(i, 0));
    }

    var store = new CachedStore(origin, new CacheConfig { DiskCacheDir = dir, MaxDiskSize = 64L << 20, EnableCompression = true });
    var wrong = 0;
    for (var i = 0; i < count; i++)
    {
        var value = await store.GetAsync(ProbeValues.KeyOf(i));
        wrong += value is { } v && ProbeValues.IsValueOf(i, v.Span) ? 0 : 1;
    }

    var stats = store.CacheStats;
    var tiered = (TieredCache)store.Cache;
    Console.WriteLine($"origin_reads={stats.OriginReads} disk_hits={tiered.DiskStats.Hits} wrong={wrong}");
    return 0;
}

static int WriteLoop(string dir, int count, int rounds)
{
    var cache = new DiskCache(dir, 1L << 30);
    long written = 0;
    for (var round = 1; rounds == 0 || round <= rounds; round++)
    {
        for (var i = 0; i < count; i++)
        {
            cache.Set(ProbeValues.KeyOf(i), ProbeValues.ValueOf(i, round), CacheEntryOptions.None);
            if (++written % 10 == 0)
            {
                Console.WriteLine($"progress {written}");
                Console.Out.Flush();
            }
        }
    }

    Console.WriteLine("done");
    return 0;
}

static int Verify(string dir, int count)
{
    var cache = new DiskCache(dir, 1L << 30);
    int intact = 0, missing = 0, wrong = 0;
    for (var i = 0; i < count; i++)
    {
        if (!cache.TryGetEntry(ProbeValues.KeyOf(i), out var entry))
        {
            missing++;
        }
        else if (ProbeValues.IsValueOf(i, entry.Value.Span))
        {
            intact++;
        }
        else
        {
            wrong++;
        }
    }

    Console.WriteLine($"intact={intact} missing={missing} wrong={wrong} corrupt={cache.Stats.CorruptEntries}");
    return 0;
}

static int Hammer(string dir, int iterations, int seed, string? goFile)
{
    const int Keys = 64;
    var cache = new DiskCache(dir, 96 * 1024); // ~40 entries: constant eviction, files vanish under readers.
    if (goFile is not null && !SharedBudget.WaitForGo(goFile))
    {
        return 3;
    }

    var start = DateTime.UtcNow.Ticks;
    var random = new Random(seed);
    long reads = 0, hits = 0, wrong = 0;
    for (var k = 0; k < iterations; k++)
    {
        var i = random.Next(Keys);
        if (random.Next(2) == 0)
        {
            cache.Set(ProbeValues.KeyOf(i), ProbeValues.ValueOf(i, (seed * 1_000_000L) + k), CacheEntryOptions.None);
        }
        else
        {
            reads++;
            if (cache.TryGetEntry(ProbeValues.KeyOf(i), out var entry))
            {
                hits++;
                wrong += ProbeValues.IsValueOf(i, entry.Value.Span) ? 0 : 1;
            }
        }
    }

    var end = DateTime.UtcNow.Ticks;
    Console.WriteLine($"reads={reads} hits={hits} wrong={wrong} corrupt={cache.Stats.CorruptEntries} start={start} end={end}");
    return 0;
}

static int FlushWrites(string dir, int count, bool flush)
{
    var cache = new DiskCache(dir, 1L << 30, new DiskCacheOptions { FlushToDisk = flush });
    var written = 0;
    for (var i = 0; i < count; i++)
    {
        written += cache.Set(ProbeValues.KeyOf(i), ProbeValues.ValueOf(i, 1), CacheEntryOptions.None) ? 1 : 0;
    }

    Console.WriteLine($"written={written}");
    return 0;
}

static int Rebuild(string dir, int entries)
{
    var existing = Directory.Exists(dir) ? DiskCache.Inspect(dir).Entries : 0;
    if (existing < entries)
    {
        var filler = new DiskCache(dir, long.MaxValue);
        var value = new byte[100];
        for (var i = 0; i < entries; i++)
        {
            filler.Set($"fill/c/{i}", value, CacheEntryOptions.None);
        }
    }

    var watch = Stopwatch.StartNew();
    var cache = new DiskCache(dir, long.MaxValue);
    watch.Stop();
    Console.WriteLine($"entries={cache.Count} bytes={cache.Size} open_ms={watch.Elapsed.TotalMilliseconds:F1} scan_ms={cache.LastScanDuration.TotalMilliseconds:F1}");
    return 0;
}
