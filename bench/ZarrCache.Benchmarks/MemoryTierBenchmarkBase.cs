using BenchmarkDotNet.Attributes;
using ZarrCache.Benchmarks.Adapters;

namespace ZarrCache.Benchmarks;

/// <summary>
/// What the memory-tier benchmarks share: the cache under test, Zarr-chunk-shaped keys and values, a 64 MiB budget,
/// and running a fixed number of operations on 1 or 2 threads (each thread a disjoint slice of the operations).
/// </summary>
[Config(typeof(MemoryTierConfig))]
public abstract class MemoryTierBenchmarkBase
{
    /// <summary>The byte budget of every cache; entry-count caches get budget / value size entries.</summary>
    protected const long Budget = 64L * 1024 * 1024;

    private Func<int, int, int>? _slice;

    [ParamsAllValues]
    public CacheKind Cache { get; set; }

    [Params(4 * 1024, 64 * 1024, 1024 * 1024)]
    public int ValueSize { get; set; }

    [Params(1, 2)]
    public int Threads { get; set; }

    internal CacheAdapter Adapter { get; private set; } = null!;

    protected byte[] Value { get; private set; } = [];

    /// <summary>How many entries of <see cref="ValueSize"/> the budget holds.</summary>
    protected int Capacity => (int)(Budget / ValueSize);

    protected void Setup(int keyCount, Func<int, int, int> slice)
    {
        Value = new byte[ValueSize];
        Random.Shared.NextBytes(Value);
        Adapter = CacheAdapter.Create(Cache, new ChunkKeys(keyCount), Budget, ValueSize);
        _slice = slice;
    }

    /// <summary>Runs <paramref name="operations"/> operations split over <see cref="Threads"/> threads.</summary>
    protected int Run(int operations)
    {
        var slice = _slice!;
        if (Threads == 1)
        {
            return slice(0, operations);
        }

        var per = operations / Threads;
        var total = 0;
        Parallel.For(0, Threads, new ParallelOptions { MaxDegreeOfParallelism = Threads }, t =>
            Interlocked.Add(ref total, slice(t * per, per)));
        return total;
    }

    /// <summary>Zipf-distributed indexes in [0, n) with exponent <paramref name="s"/>, from a fixed seed.</summary>
    protected static int[] ZipfIndexes(int count, int n, double s, int seed) => Zipf.Indexes(count, n, s, seed);
}
