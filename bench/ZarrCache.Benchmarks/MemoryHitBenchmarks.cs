using BenchmarkDotNet.Attributes;
using ZarrCache;

namespace ZarrCache.Benchmarks;

/// <summary>
/// A memory hit, through <see cref="ICache"/> and through <see cref="CachedStore"/>: both must allocate 0 bytes.
/// </summary>
[MemoryDiagnoser]
public class MemoryHitBenchmarks
{
    private readonly StoreKey _key = "temperature/c/12/7/3";
    private LruMemoryCache _cache = null!;
    private CachedStore _cachedStore = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var origin = new MemoryStore();
        await origin.SetAsync(_key, new byte[64 * 1024]);
        _cache = new LruMemoryCache(64L * 1024 * 1024);
        await _cache.SetAsync(_key, new byte[64 * 1024]);
        _cachedStore = new CachedStore(origin, new LruMemoryCache(64L * 1024 * 1024));
        await _cachedStore.GetAsync(_key);
    }

    [Benchmark(Baseline = true)]
    public int LruMemoryCacheGetHit()
    {
        return LengthOf(_cache.GetAsync(_key));
    }

    [Benchmark]
    public int CachedStoreGetHit()
    {
        return LengthOf(_cachedStore.GetAsync(_key));
    }

    private static int LengthOf(ValueTask<ReadOnlyMemory<byte>?> pending)
    {
        if (!pending.IsCompletedSuccessfully)
        {
            throw new InvalidOperationException("A memory hit must complete synchronously.");
        }

        return pending.Result!.Value.Length;
    }
}
