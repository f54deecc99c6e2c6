using ZarrCache.IntegrationTests.Infrastructure;
using ZarrCache.S3;
using ZarrCache.Tests.TestSupport;
using ZarrCache.Zarr;

namespace ZarrCache.IntegrationTests.Zarr;

/// <summary>
/// ZarrCache reading over a real server (s3rver, nginx) through a CachedStore against an independent reference:
/// zarr-python 2.13 reading the same array from local files. Whole arrays and regions (chunk edges, partial edge
/// chunks, chunks never written, single elements), each read cold and then warm from the cache.
/// </summary>
public sealed class ZarrPythonReferenceTests
{
    private static readonly string[] Selections = ["", "1:7,2:5", "12:13", "10:13,5:7", "5,4", "0:13,3", "4:8,3:6", "6:13"];

    public static TheoryData<string, string> Cases() => new()
    {
        { "s3rver", """{"dtype":"<f8","shape":[13,7],"chunks":[4,3],"compressor":{"id":"zstd","level":3}}""" },
        { "nginx", """{"dtype":"<f8","shape":[13,7],"chunks":[4,3],"compressor":{"id":"zstd","level":3}}""" },
        // Only the first 6 rows are written: later chunks are missing and read as the fill value.
        { "s3rver", """{"dtype":">i4","shape":[13,7],"chunks":[4,3],"compressor":{"id":"gzip","level":1},"fill":-7,"partial":true,"order":"F"}""" },
        { "nginx", """{"dtype":"<u2","shape":[13,7],"chunks":[4,3],"compressor":{"id":"lz4","acceleration":1},"fill":3,"partial":true,"sep":"/"}""" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task An_array_read_over_the_server_through_the_cache_equals_zarr_pythons_read_of_the_local_files(string server, string spec)
    {
        using var temp = new TempFolder();
        var local = Path.Combine(temp.Path, "a.zarr");
        ZarrPythonReference.Make(local, spec);
        var expected = ZarrPythonReference.ReadRegions(local, Selections);

        var scratch = "scratch-" + Guid.NewGuid().ToString("N");
        using var origin = await PublishAsync(server, local, scratch);
        var cached = new CachedStore(origin, new LruMemoryCache(64L << 20));
        var array = await ZarrArray.OpenAsync(cached, "a.zarr");

        for (var pass = 0; pass < 2; pass++)
        {
            for (var i = 0; i < Selections.Length; i++)
            {
                var ours = await array.ReadAsync(ArraySelection.Parse(Selections[i]));
                var name = $"{server} pass {pass + 1} [{Selections[i]}]";
                Assert.True(expected[i].Shape.SequenceEqual(ours.Shape), $"{name}: zarr-python shape [{string.Join(',', expected[i].Shape)}], ZarrCache [{string.Join(',', ours.Shape)}]");
                Assert.True(expected[i].Data.AsSpan().SequenceEqual(ours.Bytes), $"{name}: ZarrCache's bytes differ from zarr-python's");
            }
        }

        Assert.True(cached.CacheStats.OriginReads > 0, "nothing was read from the server");
        Assert.True(cached.CacheStats.Hits > 0, "the second pass was not served from the cache");
    }

    /// <summary>Puts every file of the local array where the server serves it; returns a store of the server's copy.</summary>
    private static async Task<OwnedStore> PublishAsync(string server, string local, string scratch)
    {
        var files = Directory.EnumerateFiles(local, "*", SearchOption.AllDirectories)
            .Where(f => !f.EndsWith(".npy", StringComparison.Ordinal))
            .Select(f => (Key: "a.zarr/" + Path.GetRelativePath(local, f).Replace('\\', '/'), Path: f))
            .ToList();
        if (server == "s3rver")
        {
            var s3 = OriginServers.S3();
            var store = new S3Store(s3.Bucket, scratch + "/", new S3StoreOptions { Endpoint = s3.Endpoint, Anonymous = true });
            foreach (var (key, path) in files)
            {
                await store.SetAsync(key, await File.ReadAllBytesAsync(path));
            }

            return new OwnedStore(store, store);
        }

        var http = OriginServers.Http();
        foreach (var (key, path) in files)
        {
            var target = Path.Combine(http.Root, "scratch", scratch, key);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(path, target);
        }

        var httpStore = new HttpStore(new Uri(http.BaseUri, "scratch/" + scratch + "/"));
        return new OwnedStore(httpStore, httpStore);
    }

    private sealed class OwnedStore(IReadableStore store, IDisposable owner) : IReadableStore, IDisposable
    {
        public void Dispose() => owner.Dispose();

        public ValueTask<ReadOnlyMemory<byte>?> GetAsync(StoreKey key, CancellationToken cancellationToken = default) => store.GetAsync(key, cancellationToken);

        public ValueTask<ReadOnlyMemory<byte>?> GetRangeAsync(StoreKey key, ByteRange range, CancellationToken cancellationToken = default) => store.GetRangeAsync(key, range, cancellationToken);

        public ValueTask<IReadOnlyList<ReadOnlyMemory<byte>>?> GetRangesAsync(StoreKey key, IReadOnlyList<ByteRange> ranges, CancellationToken cancellationToken = default) => store.GetRangesAsync(key, ranges, cancellationToken);

        public ValueTask<long?> GetSizeAsync(StoreKey key, CancellationToken cancellationToken = default) => store.GetSizeAsync(key, cancellationToken);
    }

    private sealed class TempFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("zarrcache-it-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
