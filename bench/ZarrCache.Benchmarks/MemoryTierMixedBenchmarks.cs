using BenchmarkDotNet.Attributes;

namespace ZarrCache.Benchmarks;

/// <summary>
/// A mixed 90/10 workload: 90% lookups and 10% inserts, keys Zipf-distributed (s = 0.9) over twice what the budget
/// holds, so the hot keys mostly hit and the tail misses and evicts.
/// </summary>
public class MemoryTierMixedBenchmarks : MemoryTierBenchmarkBase
{
    private const int Operations = 1 << 14;
    private int[] _indexes = [];

    [GlobalSetup]
    public void GlobalSetup()
    {
        var keyCount = Capacity * 2;
        Setup(keyCount, Mixed);
        _indexes = ZipfIndexes(Operations, keyCount, 0.9, seed: 11);
        foreach (var index in _indexes)
        {
            Adapter.Set(index, Value);
        }
    }

    [Benchmark(OperationsPerInvoke = Operations)]
    public int Mixed90Read10Write() => Run(Operations);

    private int Mixed(int start, int count)
    {
        var adapter = Adapter;
        var indexes = _indexes;
        var sum = 0;
        for (var i = start; i < start + count; i++)
        {
            if (i % 10 == 9)
            {
                adapter.Set(indexes[i], Value);
            }
            else
            {
                sum += adapter.Get(indexes[i]);
            }
        }

        return sum;
    }
}
