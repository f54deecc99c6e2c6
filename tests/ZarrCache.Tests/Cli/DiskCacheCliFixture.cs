using ZarrCache.Tests.TestSupport;
using ZarrCache.Zarr;
using ZarrCache.Zarr.DataTypes;

namespace ZarrCache.Tests.Cli;

/// <summary>A small local Zarr v3 array (int32, 6 elements in 3 chunks) and an empty disk cache folder, for the CLI's disk cache tests.</summary>
internal sealed class DiskCacheCliFixture : IDisposable
{
    private readonly TempDirectory _origin = new();
    private readonly TempDirectory _cache = new();

    public string Origin => _origin.Path;

    public string CacheDir => _cache.Path;

    public static async Task<DiskCacheCliFixture> CreateAsync()
    {
        var fixture = new DiskCacheCliFixture();
        var array = await ZarrArray.CreateAsync(new FileSystemStore(fixture.Origin), "", new ZarrArrayOptions { Shape = [6], ChunkShape = [2], DataType = ZarrDataTypeKind.Int32 });
        await array.WriteAsync<int>(ArraySelection.Parse(":"), new[] { 1, 2, 3, 4, 5, 6 });
        return fixture;
    }

    /// <summary>Deletes every file of the origin array (the folder itself stays), so only a cache can still answer.</summary>
    public void EmptyOrigin()
    {
        foreach (var file in Directory.EnumerateFiles(Origin, "*", SearchOption.AllDirectories))
        {
            File.Delete(file);
        }

        Assert.Empty(Directory.EnumerateFiles(Origin, "*", SearchOption.AllDirectories));
    }

    public void Dispose()
    {
        _origin.Dispose();
        _cache.Dispose();
    }
}
