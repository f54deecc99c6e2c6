using BenchmarkDotNet.Attributes;
using StackExchange.Redis;
using ZarrCache.Redis;

namespace ZarrCache.Benchmarks;

/// <summary>
/// The Redis tier's overhead: a hit of <see cref="RedisCache"/> (GET, header and XxHash3 check, entry) and a read
/// through a <see cref="CachedStore"/> whose memory tier does not hold the value (so every read is a Redis-tier hit)
/// against a raw StackExchange.Redis GET of the same bytes, over loopback. Needs a redis-server: ZARRCACHE_REDIS
/// (HOST:PORT), default 127.0.0.1:6379.
/// </summary>
[MemoryDiagnoser]
public class RedisTierBenchmarks
{
    private readonly StoreKey _key = "bench/c/0/0";
    private ConnectionMultiplexer _connection = null!;
    private IDatabase _db = null!;
    private RedisKey _rawKey;
    private RedisCache _cache = null!;
    private CachedStore _store = null!;

    /// <summary>The value's size.</summary>
    [Params(4 * 1024, 1024 * 1024)]
    public int Size { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var server = Environment.GetEnvironmentVariable("ZARRCACHE_REDIS") ?? "127.0.0.1:6379";
        var prefix = "zarrcache-bench-" + Guid.NewGuid().ToString("N") + ":";
        var options = new RedisTierOptions { Configuration = server, KeyPrefix = prefix };
        _connection = ConnectionMultiplexer.Connect(server);
        _db = _connection.GetDatabase();
        _cache = new RedisCache(_connection, options);
        var value = new byte[Size];
        new Random(7).NextBytes(value);
        _rawKey = prefix + "raw";
        _db.StringSet(_rawKey, value);
        _cache.SetAsync(_key, value).AsTask().GetAwaiter().GetResult();
        var origin = new MemoryStore();
        origin.SetAsync(_key, value).AsTask().GetAwaiter().GetResult();
        // A memory tier too small for the value: every read through the store is a Redis-tier hit.
        _store = new CachedStore(origin, new CacheConfig { MaxMemorySize = 1024, SharedTier = options });
        _store.GetAsync(_key).AsTask().GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _db.KeyDelete(_rawKey);
        _store.Dispose();
        _connection.Dispose();
    }

    [Benchmark(Baseline = true)]
    public async Task<int> RawStackExchangeRedisGet() => ((byte[])(await _db.StringGetAsync(_rawKey))!).Length;

    [Benchmark]
    public async Task<int> RedisCacheHit() => (await _cache.GetEntryAsync(_key))?.Value.Length ?? throw new InvalidOperationException("miss");

    [Benchmark]
    public async Task<int> CachedStoreRedisTierHit() => (await _store.GetAsync(_key))?.Length ?? throw new InvalidOperationException("miss");
}
