using ZarrCache.Tests.TestSupport;

namespace ZarrCache.Tests.DocSnippets;

/// <summary>The code of docs/disk-cache.md: a store with a compressed disk tier, whose entries a new store over the
/// same folder (as a new process would) serves without an origin read.</summary>
public sealed class DiskCacheSnippets : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task A_new_store_over_the_same_disk_tier_serves_the_value_without_an_origin_read()
    {
        var origin = new MemoryStore();
        var chunk = new byte[64 << 10]; // zeros: compressible
        chunk[0] = 42;
        await origin.SetAsync("t2m/c/0/0", chunk);
        var cacheDir = Path.Combine(_temp.Path, "zarr");

        CachedStore Open()
        {
            // begin-snippet: disk-tier
            var store = new CachedStore(origin, new CacheConfig
            {
                DiskCacheDir = cacheDir,               // e.g. "/var/cache/zarr"; memory over disk (TieredCache) when set
                MaxDiskSize = 10L << 30,               // default 10 GiB when DiskCacheDir is set
                EnableCompression = true,              // disk tier; CompressMemoryTier = true for memory too
                CompressionCodec = CompressionCodec.Zstd, CompressionLevel = 3, MinCompressionSavings = 0.1,
                Ttl = TimeSpan.FromHours(1), MetadataTtl = TimeSpan.FromMinutes(1), ChunkTtl = null,
            });
            // end-snippet
            return store;
        }

        await using (var first = Open())
        {
            Assert.Equal(chunk, (await first.GetAsync("t2m/c/0/0"))!.Value.ToArray());
            Assert.Equal(1, first.CacheStats.OriginReads);
        }

        await using var second = Open();
        Assert.Equal(chunk, (await second.GetAsync("t2m/c/0/0"))!.Value.ToArray());
        Assert.Equal(0, second.CacheStats.OriginReads);
        var onDisk = Directory.GetFiles(cacheDir, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
        Assert.True(onDisk < chunk.Length / 2, $"the disk tier holds {onDisk} bytes for a {chunk.Length}-byte value of zeros: not compressed");
    }
}
