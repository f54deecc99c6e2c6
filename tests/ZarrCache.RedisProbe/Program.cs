using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ZarrCache;
using ZarrCache.Redis;
using ZarrCache.S3;

// A separate process for the Redis tier's multi-process tests: one CachedStore (memory, optionally disk, over the
// shared Redis tier) driven by commands on standard input, one answer line each on standard output.
//   args: ORIGIN REDIS KEYPREFIX [DISKDIR]
//     ORIGIN  file:DIR  or  s3:ENDPOINT,BUCKET,PREFIX   (anonymous, as s3rver serves it)
//   commands:
//     ping                    -> pong
//     get KEY                 -> value SHA256 | missing      (first 16 hex digits of the SHA-256 of the bytes)
//     text KEY                -> value TEXT | missing        (the bytes as UTF-8)
//     get-all KEY...          -> done N                      (reads the keys concurrently)
//     set KEY TEXT            -> ok                          (writes the origin through the cached store)
//     stats                   -> origin_reads=N redis_hits=N redis_failures=N outages=N
//     quit
if (args.Length < 3)
{
    Console.Error.WriteLine("usage: ORIGIN REDIS KEYPREFIX [DISKDIR]");
    return 2;
}

IReadableStore origin = args[0] switch
{
    var f when f.StartsWith("file:", StringComparison.Ordinal) => new FileSystemStore(f["file:".Length..]),
    var s when s.StartsWith("s3:", StringComparison.Ordinal) => S3(s["s3:".Length..]),
    _ => throw new ArgumentException($"ORIGIN: '{args[0]}' is neither file:DIR nor s3:ENDPOINT,BUCKET,PREFIX"),
};
// Generous timeouts: the test machine may be loaded; a call that times out opens the breaker, and a lease wait that
// runs out reads the origin (both by design, and both would make a second origin GET in the 8-process test).
var redis = new RedisTierOptions
{
    Configuration = args[1],
    KeyPrefix = args[2],
    OperationTimeout = TimeSpan.FromSeconds(5),
    BreakDuration = TimeSpan.FromSeconds(1),
    LeaseWait = TimeSpan.FromSeconds(60),
    LeaseDuration = TimeSpan.FromSeconds(60),
};
var config = new CacheConfig { DiskCacheDir = args.Length > 3 ? args[3] : null, SharedTier = redis };
await using var store = CachedStore.Create(origin, config);
var redisCache = (RedisCache)((TieredCache)store.Cache).Disk;

while (Console.ReadLine() is { } line)
{
    var parts = line.Split(' ', 3);
    switch (parts[0])
    {
        case "ping":
            await store.GetCachedAsync("ping/0"); // A round trip to Redis, so the first real read does not pay for connecting.
            Console.WriteLine("pong");
            break;
        case "get":
            Console.WriteLine(await store.GetAsync(parts[1]) is { } v ? "value " + Convert.ToHexString(SHA256.HashData(v.Span))[..16] : "missing");
            break;
        case "text":
            Console.WriteLine(await store.GetAsync(parts[1]) is { } t ? "value " + Encoding.UTF8.GetString(t.Span) : "missing");
            break;
        case "get-all":
            var keys = line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..];
            await Task.WhenAll(keys.Select(async k => await store.GetAsync(k)));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"done {keys.Length}"));
            break;
        case "set":
            await ((IWritableStore)store).SetAsync(parts[1], Encoding.UTF8.GetBytes(parts.Length > 2 ? parts[2] : string.Empty));
            Console.WriteLine("ok");
            break;
        case "stats":
            var s = store.CacheStats;
            var r = redisCache.TierStats;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"origin_reads={s.OriginReads} redis_hits={r.Hits} redis_failures={r.Failures} outages={r.Outages}"));
            break;
        case "quit":
            return 0;
        default:
            Console.WriteLine("error unknown command " + parts[0]);
            break;
    }
}

return 0;

static S3Store S3(string spec)
{
    var p = spec.Split(',');
    return new S3Store(p[1], new StorePrefix(p[2]), new S3StoreOptions { Endpoint = new Uri(p[0]), Anonymous = true });
}
