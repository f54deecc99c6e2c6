using ZarrCache.IntegrationTests.Infrastructure;
using ZarrCache.S3;
using ZarrCache.Tests.TestSupport;

namespace ZarrCache.IntegrationTests.S3;

/// <summary>
/// The store contract, run against a <see cref="CachedStore"/> over an <see cref="S3Store"/> on a real s3rver (each store
/// under a scratch prefix of its own), so the cached store keeps every promise of the origin it wraps.
/// </summary>
public sealed class CachedS3StoreContractTests : StoreContract, IDisposable
{
    private readonly List<IDisposable> _owned = [];

    public void Dispose()
    {
        foreach (var owned in _owned)
        {
            owned.Dispose();
        }
    }

    protected override IStore CreateStore()
    {
        var server = OriginServers.S3();
        var origin = new S3Store(server.Bucket, "scratch-" + Guid.NewGuid().ToString("N") + "/", new S3StoreOptions { Endpoint = server.Endpoint, Anonymous = true });
        _owned.Add(origin);
        return CachedStore.Create(origin, new LruMemoryCache(1 << 20));
    }
}
