using System.Diagnostics;
using ZarrCache.Zarr;

namespace ZarrCache.Cli.Bench;

/// <summary>
/// Runs <c>zarr-cache bench</c>: the pattern straight on the origin (the baseline, counted by a
/// <see cref="CountingStore"/>), then through a <see cref="CachedStore"/> that lives across the passes (or two, with
/// prefetching off and on), with a <see cref="DecodedChunkCache"/> of its own that lives across them too (unless
/// --decoded-cache 0). Every pass opens the array anew per reader, so pass 1 of a cached run is cold and later passes
/// are warm.
/// </summary>
internal static class BenchRunner
{
    /// <summary>Default reads per pass of the tiles and random patterns at most (the chunk count when smaller).</summary>
    public const int DefaultMaxReads = 2_000;

    /// <summary>Runs the bench.</summary>
    /// <param name="origin">The store to read (not wrapped in a cache).</param>
    /// <param name="settings">What to measure.</param>
    /// <param name="cancellationToken">Stops the bench.</param>
    /// <returns>The figures.</returns>
    /// <exception cref="ZarrFormatException">There is no readable array at the path.</exception>
    /// <exception cref="ArgumentException">The pattern cannot be made for this array; the message names the option.</exception>
    public static async Task<BenchReport> RunAsync(IReadableStore origin, BenchSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(origin);
        ArgumentNullException.ThrowIfNull(settings);
        var array = await ZarrArray.OpenAsync(origin, settings.ArrayPath, cancellationToken).ConfigureAwait(false);
        if (array.Shape.Any(s => s == 0))
        {
            throw new ArgumentException($"--array: '{settings.ArrayPath}' has shape [{string.Join(',', array.Shape)}]: no element to read.");
        }

        var reads = settings.Reads ?? (int)Math.Min(array.ChunkCount, DefaultMaxReads);
        var selections = AccessPattern.Generate(settings.Pattern, array.Shape, array.ChunkShape, settings.Concurrency, reads, settings.Seed);

        await WarmUpAsync(origin, settings, selections, cancellationToken).ConfigureAwait(false);
        var runs = new List<BenchRun>();
        var counting = new CountingStore(origin);
        runs.Add(new BenchRun(BenchRun.BaselineName, null, await PassesAsync(counting, null, settings, selections, () => Counted(counting), cancellationToken).ConfigureAwait(false)));
        for (var repeat = 1; settings.Cache is { } cache && repeat <= settings.Repeat; repeat++)
        {
            if (settings.ComparePrefetch is { } prefetch)
            {
                // Off and on alternate which goes first, so neither always runs on a machine the other just warmed.
                var off = (Name: "prefetch-off", Config: cache with { PrefetchConfig = null });
                var on = (Name: "prefetch-on", Config: cache with { PrefetchConfig = prefetch });
                foreach (var (name, config) in repeat % 2 == 1 ? new[] { off, on } : new[] { on, off })
                {
                    runs.Add(await CachedRunAsync(name, repeat, origin, Subfolder(config, name, repeat, settings.Repeat), settings, selections, cancellationToken).ConfigureAwait(false));
                }
            }
            else
            {
                runs.Add(await CachedRunAsync("cached", repeat, origin, Subfolder(cache, null, repeat, settings.Repeat), settings, selections, cancellationToken).ConfigureAwait(false));
            }
        }

        return new BenchReport
        {
            Settings = settings,
            Shape = array.Shape,
            ChunkShape = array.ChunkShape,
            ChunkCount = array.ChunkCount,
            ReadsPerPass = selections.Sum(s => (long)s.Count),
            Runs = runs,
        };
    }

    /// <summary>
    /// A few unmeasured reads straight on the origin and through a throwaway cache of each configuration (memory only,
    /// with a throwaway decoded-chunk cache unless --decoded-cache 0), so no measured pass pays for compiling its read
    /// path: without this the first run looks slower than it is.
    /// </summary>
    private static async Task WarmUpAsync(IReadableStore origin, BenchSettings settings, IReadOnlyList<IReadOnlyList<ArraySelection>> selections, CancellationToken cancellationToken)
    {
        var firstReads = selections.First(s => s.Count > 0).Take(3).ToArray();
        var stores = new List<IReadableStore> { origin };
        if (settings.Cache is { } cache)
        {
            var memoryOnly = cache with { DiskCacheDir = null, MaxDiskSize = null, EnableCompression = false, Name = "bench-warm-up", AccessObserver = NullAccessObserver.Instance };
            stores.Add(new CachedStore(origin, memoryOnly with { PrefetchConfig = settings.ComparePrefetch is null ? cache.PrefetchConfig : null }));
            if (settings.ComparePrefetch is { } prefetch)
            {
                stores.Add(new CachedStore(origin, memoryOnly with { PrefetchConfig = prefetch }));
            }
        }

        foreach (var store in stores)
        {
            try
            {
                var chunkCache = store == origin ? null : DecodedCacheCliOptions.Create(settings.DecodedCacheBytes);
                await ReadShareAsync(store, chunkCache, settings.ArrayPath, firstReads, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                if (store != origin)
                {
                    await DisposeAsync(store).ConfigureAwait(false);
                }
            }
        }
    }

    /// <summary>
    /// With --compare-prefetch each run gets its own disk folder (prefetch-off, prefetch-on, prefetch-off-2, …), and with
    /// --repeat each plain cached run (run-1, run-2, …), so no run starts warm from another; a single plain cached run
    /// uses the folder itself.
    /// </summary>
    private static CacheConfig Subfolder(CacheConfig config, string? name, int repeat, int repeats)
    {
        var sub = name is not null ? (repeat == 1 ? name : $"{name}-{repeat}")
            : repeats > 1 ? $"run-{repeat}" : null;
        return config.DiskCacheDir is { } dir && sub is not null ? config with { DiskCacheDir = Path.Combine(dir, sub) } : config;
    }

    private static async Task<BenchRun> CachedRunAsync(
        string name, int repeat, IReadableStore origin, CacheConfig config, BenchSettings settings, IReadOnlyList<IReadOnlyList<ArraySelection>> selections, CancellationToken cancellationToken)
    {
        var store = new CachedStore(origin, config with { Name = "bench-" + name });
        var chunkCache = DecodedCacheCliOptions.Create(settings.DecodedCacheBytes);
        try
        {
            var passes = await PassesAsync(store, chunkCache, settings, selections, () => Cached(store, chunkCache), cancellationToken).ConfigureAwait(false);
            return new BenchRun(name, config, passes, repeat) { DecodedCacheBytes = chunkCache?.MaxSize ?? 0 };
        }
        finally
        {
            await DisposeAsync(store).ConfigureAwait(false);
        }
    }

    /// <summary>Disposes a cached store where it is disposable (it stops its prefetching then).</summary>
    private static async Task DisposeAsync(object store)
    {
        switch (store)
        {
            case IAsyncDisposable asyncDisposable:
                await asyncDisposable.DisposeAsync().ConfigureAwait(false);
                break;
            case IDisposable disposable:
                disposable.Dispose();
                break;
        }
    }

    private static async Task<List<BenchPass>> PassesAsync(
        IReadableStore store, DecodedChunkCache? chunkCache, BenchSettings settings, IReadOnlyList<IReadOnlyList<ArraySelection>> selections, Func<Snapshot> snapshot,
        CancellationToken cancellationToken)
    {
        var passes = new List<BenchPass>();
        for (var pass = 1; pass <= settings.Passes; pass++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var before = snapshot();
            var started = Stopwatch.GetTimestamp();
            var bytes = await Task.WhenAll(selections.Select(share => ReadShareAsync(store, chunkCache, settings.ArrayPath, share, cancellationToken))).ConfigureAwait(false);
            var elapsed = Stopwatch.GetElapsedTime(started);
            passes.Add(snapshot().Since(before, pass, selections.Sum(s => (long)s.Count), bytes.Sum(), elapsed));
        }

        return passes;
    }

    /// <summary>
    /// One reader: its own array instance (so its walk is its own; through the run's shared decoded-chunk cache, if
    /// any), then its selections one after another.
    /// </summary>
    private static async Task<long> ReadShareAsync(
        IReadableStore store, DecodedChunkCache? chunkCache, string path, IReadOnlyList<ArraySelection> share, CancellationToken cancellationToken)
    {
        if (share.Count == 0)
        {
            return 0;
        }

        var array = await ZarrArray.OpenAsync(store, path, new ZarrArrayOptions { ChunkCache = chunkCache }, cancellationToken).ConfigureAwait(false);
        long bytes = 0;
        foreach (var selection in share)
        {
            var data = await array.ReadAsync(selection, cancellationToken).ConfigureAwait(false);
            bytes += data.Bytes.LongLength;
        }

        return bytes;
    }

    private static Snapshot Counted(CountingStore store)
    {
        var total = store.Total;
        return new Snapshot(total.Requests, total.Bytes, null, null);
    }

    private static Snapshot Cached(CachedStore store, DecodedChunkCache? chunkCache)
    {
        var stats = store.CacheStats;
        return new Snapshot(stats.OriginReads, stats.OriginBytes, stats, chunkCache?.Stats);
    }

    private sealed record Snapshot(long Requests, long Bytes, CacheStats? Stats, CacheStats? Decoded)
    {
        public BenchPass Since(Snapshot before, int pass, long reads, long bytesRead, TimeSpan elapsed)
        {
            var result = new BenchPass(pass, reads, bytesRead, elapsed, OriginRequests: Requests - before.Requests, OriginBytes: Bytes - before.Bytes)
            {
                DecodedHits = Decoded?.Hits - before.Decoded?.Hits,
                DecodedMisses = Decoded?.Misses - before.Decoded?.Misses,
            };
            if (Stats is not { } a || before.Stats is not { } b)
            {
                return result;
            }

            var hits = a.Hits - b.Hits + a.NegativeHits - b.NegativeHits;
            var lookups = hits + a.Misses - b.Misses;
            return result with
            {
                HitRatio = lookups == 0 ? null : (double)hits / lookups,
                Prefetching = PrefetchFigures.Between(b, a),
            };
        }
    }
}
