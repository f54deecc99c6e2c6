using ZarrCache.HitRatio;

namespace ZarrCache.Tests.HitRatio;

/// <summary>Runs alone: heap growth measured while other tests allocate would count their bytes too.</summary>
[CollectionDefinition(nameof(MemoryOverheadTests), DisableParallelization = true)]
[Collection(nameof(MemoryOverheadTests))]
public sealed class MemoryOverheadTests
{
    [Fact]
    public void Useful_bytes_of_4_KiB_entries_are_at_least_90_percent_of_heap_growth()
    {
        Assert.InRange(MemoryOverhead.Measure(budget => new S3FifoMemoryCache(budget), 20_000, 4096), 0.90, 1.0);
        Assert.InRange(MemoryOverhead.Measure(budget => new LruMemoryCache(budget), 20_000, 4096), 0.90, 1.0);
    }
}
