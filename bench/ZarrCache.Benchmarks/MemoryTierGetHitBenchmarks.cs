using BenchmarkDotNet.Attributes;

namespace ZarrCache.Benchmarks;

/// <summary>
/// Get-hit: the cache holds 3/4 of what its budget allows, and every lookup (uniform over the held keys) is a hit.
/// Ours must allocate 0 bytes per hit.
/// </summary>
public class MemoryTierGetHitBenchmarks : MemoryTierBenchmarkBase
{
    private const int Operations = 1 << 17;
    private int[] _indexes = [];

    [GlobalSetup]
    public void GlobalSetup()
    {
        var held = Capacity * 3 / 4;
        Setup(held, Lookups);
        for (var i = 0; i < held; i++)
        {
            Adapter.Set(i, Value);
        }

        var random = new Random(7);
        _indexes = Enumerable.Range(0, Operations).Select(_ => random.Next(held)).ToArray();
        var misses = Enumerable.Range(0, held).Count(i => Adapter.Get(i) < 0);
        if (misses > 0)
        {
            throw new InvalidOperationException($"{Cache} lost {misses} of {held} keys after filling: the hit benchmark would measure misses.");
        }
    }

    [Benchmark(OperationsPerInvoke = Operations)]
    public int GetHit() => Run(Operations);

    private int Lookups(int start, int count)
    {
        var adapter = Adapter;
        var indexes = _indexes;
        var sum = 0;
        for (var i = start; i < start + count; i++)
        {
            sum += adapter.Get(indexes[i]);
        }

        return sum;
    }
}
