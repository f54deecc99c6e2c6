using ZarrCache.Tests.TestSupport;

namespace ZarrCache.Tests.Caching;

/// <summary>The store contract, run against a <see cref="CachedStore"/> over a memory origin with a memory cache.</summary>
public class CachedStoreOverMemoryStoreContractTests : StoreContract
{
    protected override IStore CreateStore() => CachedStore.Create(new MemoryStore(), new LruMemoryCache(1 << 20));
}

/// <summary>
/// The store contract, run against a <see cref="CachedStore"/> over a file-system origin with memory over disk, every
/// key kind cached with a TTL, written through (so the contract's reads after writes are served by the cache).
/// </summary>
public sealed class CachedStoreOverFileSystemStoreContractTests : StoreContract, IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    protected override IStore CreateStore()
    {
        var run = Guid.NewGuid().ToString("N");
        return CachedStore.Create(new FileSystemStore(Path.Combine(_dir.Path, "origin", run)), new CacheConfig
        {
            DiskCacheDir = Path.Combine(_dir.Path, "cache", run),
            Ttl = TimeSpan.FromHours(1),
            WritePolicy = WritePolicy.Update,
            KeyPolicy = KeyPolicy.Default with { CacheGroupMetadata = true },
        });
    }
}
