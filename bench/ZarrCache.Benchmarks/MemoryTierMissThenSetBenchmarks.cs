using BenchmarkDotNet.Attributes;

namespace ZarrCache.Benchmarks;

/// <summary>
/// Get-miss-then-set: keys cycle over four times what the budget holds, so every lookup misses and every insert into
/// the full cache evicts. Each insert copies the value (as <see cref="ICache"/> must; the peers are given a copy too),
/// so the floor of allocations per operation is the value itself.
/// </summary>
public class MemoryTierMissThenSetBenchmarks : MemoryTierBenchmarkBase
{
    private const int Operations = 2048;
    private long _cursor;

    [GlobalSetup]
    public void GlobalSetup()
    {
        Setup(Capacity * 4, MissThenSet);
        for (var i = 0; i < Capacity; i++)
        {
            Adapter.Set(Capacity * 3 + i, Value);
        }
    }

    [Benchmark(OperationsPerInvoke = Operations)]
    public int GetMissThenSet() => Run(Operations);

    private int MissThenSet(int start, int count)
    {
        var adapter = Adapter;
        var keyCount = Capacity * 4;
        var sum = 0;
        for (var i = 0; i < count; i++)
        {
            var index = (int)(Interlocked.Increment(ref _cursor) % keyCount);
            var length = adapter.Get(index);
            if (length < 0)
            {
                adapter.Set(index, Value);
            }

            sum += length;
        }

        return sum;
    }
}
