using BenchmarkDotNet.Attributes;
using ZarrCache.Zarr;
using ZarrCache.Zarr.DataTypes;

namespace ZarrCache.Benchmarks;

/// <summary>
/// A warm read of one whole chunk, of the whole array (120 chunks, 24 MB) and of a time series through a <see cref="CachedStore"/> (the encoded chunks in its
/// memory tier), as bench/peers reads them: a v2 float32 array of 10 x 50 x 100 chunks, Blosc lz4 with byte shuffle
/// (zarr-python's default), read with <c>ReadAsync&lt;float&gt;</c>; with the decoded-chunk cache off (every read
/// decodes, straight into the result) and on. The allocation column is the figure issue 12 asks for: a one-chunk read
/// with the decoded cache off allocates its 200,000-byte result plus a few small objects; read into a buffer of the
/// caller's (<c>ReadIntoAsync</c>) or pooled (<c>ReadPooledAsync</c>, the result disposed), only the small objects.
/// </summary>
[MemoryDiagnoser]
public class WarmChunkReadBenchmarks
{
    private static readonly ArraySelection OneChunk = ArraySelection.Parse("0:10,0:50,0:100");
    private static readonly ArraySelection TimeSeries = ArraySelection.Parse("0:100,5,7");
    private CachedStore _store = null!;
    private ZarrArray _plain = null!;
    private ZarrArray _decoded = null!;
    private readonly float[] _buffer = new float[10 * 50 * 100];

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var origin = new MemoryStore();
        var created = await ZarrArray.CreateAsync(origin, "a", new ZarrArrayOptions
        {
            ZarrFormat = 2,
            Shape = [100, 200, 300],
            ChunkShape = [10, 50, 100],
            DataType = ZarrDataTypeKind.Float32,
            Compressor = ZarrCompressor.Blosc("lz4", 5),
        });
        var random = new Random(42);
        var values = new float[100 * 200 * 300];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (float)((Math.Sin(i / 500.0) * 100) + (random.NextDouble() * 0.01));
        }

        await created.WriteAsync<float>(null, values);
        _store = new CachedStore(origin, new CacheConfig { MaxMemorySize = 256L << 20 });
        _plain = await ZarrArray.OpenAsync(_store, "a");
        _decoded = await ZarrArray.OpenAsync(_store, "a", new ZarrArrayOptions { ChunkCache = new DecodedChunkCache(256L << 20) });
        await _plain.ReadAsync<float>();
        await _decoded.ReadAsync<float>();
    }

    [GlobalCleanup]
    public void Cleanup() => _store.Dispose();

    [Benchmark(Baseline = true)]
    public async Task<int> OneChunkDecodedCacheOff() => (await _plain.ReadAsync<float>(OneChunk)).Data.Length;

    [Benchmark]
    public async Task<int> OneChunkDecodedCacheOn() => (await _decoded.ReadAsync<float>(OneChunk)).Data.Length;

    [Benchmark]
    public async Task<int> OneChunkIntoBufferDecodedCacheOff() => (await _plain.ReadIntoAsync<float>(OneChunk, _buffer)).Count;

    [Benchmark]
    public async Task<int> OneChunkIntoBufferDecodedCacheOn() => (await _decoded.ReadIntoAsync<float>(OneChunk, _buffer)).Count;

    [Benchmark]
    public async Task<int> OneChunkPooledDecodedCacheOff()
    {
        using var result = await _plain.ReadPooledAsync<float>(OneChunk);
        return result.Length;
    }

    [Benchmark]
    public async Task<int> OneChunkPooledDecodedCacheOn()
    {
        using var result = await _decoded.ReadPooledAsync<float>(OneChunk);
        return result.Length;
    }

    [Benchmark]
    public async Task<int> WholeArrayDecodedCacheOff() => (await _plain.ReadAsync<float>()).Data.Length;

    [Benchmark]
    public async Task<int> WholeArrayDecodedCacheOn() => (await _decoded.ReadAsync<float>()).Data.Length;

    [Benchmark]
    public async Task<int> TimeSeriesDecodedCacheOff() => (await _plain.ReadAsync<float>(TimeSeries)).Data.Length;

    [Benchmark]
    public async Task<int> TimeSeriesDecodedCacheOn() => (await _decoded.ReadAsync<float>(TimeSeries)).Data.Length;
}
