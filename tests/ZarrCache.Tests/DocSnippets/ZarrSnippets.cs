using ZarrCache.Tests.TestSupport;
using ZarrCache.Zarr;
using ZarrCache.Zarr.DataTypes;

namespace ZarrCache.Tests.DocSnippets;

/// <summary>The code of docs/zarr.md, run over an array written with the library: era5.zarr/temperature, float32,
/// shape [20, 8, 6] in chunks of [5, 8, 6], each element its flat index.</summary>
public sealed class ZarrSnippets : IDisposable
{
    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task An_array_opened_through_a_cached_folder_reads_a_region_in_C_order()
    {
        var era5 = await WriteTemperatureAsync();

        // begin-snippet: open-and-read
        var store = CachedStore.Create(new FileSystemStore(era5), new CacheConfig { MaxMemorySize = 256L << 20 }); // lists and writes as the origin does
        var array = await ZarrArray.OpenAsync(store, "temperature");            // .zmetadata, else zarr.json, else .zarray
        var data = await array.ReadAsync<float>(ArraySelection.Parse("0:10,5,:")); // data.Data: float[] in C order, data.Shape: [10, n]
        // end-snippet

        Assert.Equal(new long[] { 10, 6 }, data.Shape);
        Assert.Equal(Expected("0:10,5,:"), data.Data);
        Assert.True(store.IsListable);
        Assert.True(store.CacheStats.OriginReads > 0);
    }

    [Fact]
    public async Task A_second_read_through_the_decoded_chunk_cache_copies_out_of_kept_chunks()
    {
        var store = CachedStore.Create(new FileSystemStore(await WriteTemperatureAsync()), new CacheConfig { MaxMemorySize = 256L << 20 });

        // begin-snippet: decoded-chunk-cache
        var decoded = new DecodedChunkCache(256L << 20); // one budget for every array opened with it
        var array = await ZarrArray.OpenAsync(store, "temperature", new ZarrArrayOptions { ChunkCache = decoded });
        var first = await array.ReadAsync<float>(ArraySelection.Parse("0:10,5,:"));  // decodes, keeps the chunks
        var again = await array.ReadAsync<float>(ArraySelection.Parse("0:10,5,:"));  // copies out of decoded chunks
        // end-snippet

        Assert.Equal(Expected("0:10,5,:"), first.Data);
        Assert.Equal(first.Data, again.Data);
        Assert.Equal(2, decoded.Stats.Entries);
        Assert.Equal(2, decoded.Stats.Hits);
    }

    private static float[] Expected(string selection)
    {
        Assert.Equal("0:10,5,:", selection);
        return [.. from t in Enumerable.Range(0, 10) from x in Enumerable.Range(0, 6) select (float)((t * 48) + (5 * 6) + x)];
    }

    private async Task<string> WriteTemperatureAsync()
    {
        var era5 = Path.Combine(_data.Path, "era5.zarr");
        var array = await ZarrArray.CreateAsync(new FileSystemStore(era5), "temperature", new ZarrArrayOptions
        {
            Shape = [20, 8, 6],
            ChunkShape = [5, 8, 6],
            DataType = ZarrDataTypeKind.Float32,
        });
        await array.WriteAsync<float>(null, Enumerable.Range(0, 20 * 8 * 6).Select(i => (float)i).ToArray());
        return era5;
    }
}
