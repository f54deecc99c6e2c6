using System.Globalization;

namespace ZarrCache.HitRatio;

/// <summary>
/// Measures useful bytes (the cached values) over the managed-heap growth of filling a cache, keys included
/// (they are created inside the measured region, as the cache must hold them).
/// </summary>
public static class MemoryOverhead
{
    /// <summary>Fills a fresh cache of each policy with <paramref name="count"/> values of <paramref name="size"/> bytes.</summary>
    /// <returns>Useful bytes over heap growth (1.0 = no overhead).</returns>
    public static double Measure(Func<long, ICache> create, int count, int size)
    {
        ArgumentNullException.ThrowIfNull(create);
        var source = new byte[size];
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var cache = create((long)count * size);
        for (var i = 0; i < count; i++)
        {
            var pending = cache.SetAsync(new StoreKey($"temperature/c/{i / 4096}/{i / 64 % 64}/{i % 64}"), source);
            if (!pending.IsCompletedSuccessfully)
            {
                throw new InvalidOperationException("A memory cache insert must complete synchronously.");
            }
        }

        var after = GC.GetTotalMemory(forceFullCollection: true);
        if (cache.Size != (long)count * size)
        {
            throw new InvalidOperationException($"The cache holds {cache.Size} bytes, not the {(long)count * size} inserted.");
        }

        GC.KeepAlive(cache);
        GC.KeepAlive(source);
        return (double)count * size / (after - before);
    }

    /// <summary>Prints the ratio for each policy, for 100,000 × 4 KiB and 1,000 × 1 MiB.</summary>
    public static void Run(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine("| policy | 100,000 × 4 KiB (target ≥ 90%) | 1,000 × 1 MiB (target ≥ 99%) |");
        output.WriteLine("|---|---|---|");
        foreach (var (name, create) in Simulation.RealCaches)
        {
            var small = Measure(create, 100_000, 4 * 1024);
            var large = Measure(create, 1_000, 1024 * 1024);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {small:P2} | {large:P2} |"));
        }
    }
}
