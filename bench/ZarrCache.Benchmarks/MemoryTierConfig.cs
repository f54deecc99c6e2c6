using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using Perfolizer.Horology;

namespace ZarrCache.Benchmarks;

/// <summary>A short job for the memory-tier comparison: 1 launch, 3 warmups, 3 iterations of 150 ms, with allocations.</summary>
public sealed class MemoryTierConfig : ManualConfig
{
    public MemoryTierConfig()
    {
        AddJob(Job.ShortRun.WithIterationTime(TimeInterval.FromMilliseconds(150)));
        AddDiagnoser(MemoryDiagnoser.Default);
    }
}
