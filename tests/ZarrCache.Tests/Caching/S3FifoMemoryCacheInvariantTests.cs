namespace ZarrCache.Tests.Caching;

public sealed class S3FifoMemoryCacheInvariantTests : MemoryCacheInvariantTests
{
    protected override ICache Create(long maxSizeBytes, long maxEntrySizeBytes) => new S3FifoMemoryCache(maxSizeBytes, maxEntrySizeBytes);
}
