using ZarrCache.Tests.TestSupport;
using ZarrCache.Zarr;
using ZarrCache.Zarr.DataTypes;

namespace ZarrCache.Tests.Zarr;

/// <summary>What a warm read allocates: the result and a few small objects, never a chunk-sized intermediate.</summary>
public class ZarrReadAllocationTests
{
    private const int ResultBytes = 10 * 50 * 100 * sizeof(float);

    private static async Task<ZarrArray> WarmArrayAsync(DecodedChunkCache? decoded)
    {
        var origin = new MemoryStore();
        var created = await ZarrArray.CreateAsync(origin, "a", new ZarrArrayOptions
        {
            ZarrFormat = 2,
            Shape = [20, 100, 200],
            ChunkShape = [10, 50, 100],
            DataType = ZarrDataTypeKind.Float32,
            Compressor = ZarrCompressor.Blosc("lz4", 5),
        });
        await created.WriteAsync<float>(null, Enumerable.Range(0, 20 * 100 * 200).Select(i => (float)Math.Sin(i / 300.0)).ToArray());
        var cached = new CachedStore(origin, new CacheConfig { MaxMemorySize = 64L << 20 });
        var array = await ZarrArray.OpenAsync(cached, "a", new ZarrArrayOptions { ChunkCache = decoded });
        for (var i = 0; i < 3; i++)
        {
            await array.ReadAsync<float>(ArraySelection.Parse("0:10,0:50,0:100"));
        }

        return array;
    }

    private static long AllocatedByOneRead(ZarrArray array, string selection)
    {
        var parsed = ArraySelection.Parse(selection);
        return Allocations.Fewest(() =>
        {
            var read = array.ReadAsync<float>(parsed);
            Assert.True(read.IsCompletedSuccessfully, "a warm read over a memory tier completes on the calling thread");
            Assert.Equal(ResultBytes / sizeof(float), read.Result.Data.Length);
        });
    }

    [Fact]
    public async Task A_warm_one_chunk_read_without_the_decoded_cache_allocates_the_result_and_a_few_small_objects()
    {
        var array = await WarmArrayAsync(decoded: null);

        var allocated = AllocatedByOneRead(array, "0:10,0:50,0:100");

        // The result array plus small objects: keys, shapes, the task (about 1.3 KB in Release; Debug builds also allocate
        // their async state machines, about 3.2 KB).
        Assert.InRange(allocated, ResultBytes, ResultBytes + 4096);
    }

    [Fact]
    public async Task A_warm_one_chunk_read_with_the_decoded_cache_allocates_the_result_and_a_few_small_objects()
    {
        var array = await WarmArrayAsync(new DecodedChunkCache(16L << 20));

        var allocated = AllocatedByOneRead(array, "0:10,0:50,0:100");

        Assert.InRange(allocated, ResultBytes, ResultBytes + 4096);
    }

    [Fact]
    public async Task A_warm_one_chunk_read_into_the_callers_buffer_allocates_only_small_objects()
    {
        var array = await WarmArrayAsync(new DecodedChunkCache(16L << 20));
        var buffer = new float[ResultBytes / sizeof(float)];
        var selection = ArraySelection.Parse("0:10,0:50,0:100");
        var expected = (await array.ReadAsync<float>(selection)).Data;

        var allocated = Allocations.Fewest(() =>
        {
            var read = array.ReadIntoAsync<float>(selection, buffer);
            Assert.True(read.IsCompletedSuccessfully, "a warm read of decoded chunks completes on the calling thread");
        });

        Assert.Equal(expected, buffer);
        Assert.InRange(allocated, 0, 4096);
    }

    [Fact]
    public async Task A_warm_one_chunk_pooled_read_disposed_each_time_allocates_only_small_objects()
    {
        var array = await WarmArrayAsync(new DecodedChunkCache(16L << 20));
        var selection = ArraySelection.Parse("0:10,0:50,0:100");
        var expected = (await array.ReadAsync<float>(selection)).Data;
        float[]? seen = null;

        var allocated = Allocations.Fewest(() =>
        {
            var read = array.ReadPooledAsync<float>(selection);
            Assert.True(read.IsCompletedSuccessfully, "a warm read of decoded chunks completes on the calling thread");
            using var result = read.Result;
            seen ??= result.Span.ToArray(); // once, in the first attempt (Fewest keeps the least of the attempts)
        });

        Assert.Equal(expected, seen);
        Assert.InRange(allocated, 0, 4096);
    }

    [Fact]
    public async Task A_warm_read_of_several_kept_chunks_completes_on_the_calling_thread_allocating_only_small_objects()
    {
        var array = await WarmArrayAsync(new DecodedChunkCache(16L << 20));
        var series = ArraySelection.Parse("0:20,5,7"); // 2 chunks along the first dimension
        var expected = (await array.ReadAsync<float>(series)).Data;
        var buffer = new float[20];

        var allocated = Allocations.Fewest(() =>
        {
            var read = array.ReadIntoAsync<float>(series, buffer);
            Assert.True(read.IsCompletedSuccessfully, "kept chunks are copied here; no worker is started for the parallel loop");
        });

        Assert.Equal(expected, buffer);
        Assert.InRange(allocated, 0, 8192);
    }
}
