namespace ZarrCache.Tests.Caching;

public sealed class LruMemoryCacheInvariantTests : MemoryCacheInvariantTests
{
    protected override ICache Create(long maxSizeBytes, long maxEntrySizeBytes) => new LruMemoryCache(maxSizeBytes, maxEntrySizeBytes);
}
