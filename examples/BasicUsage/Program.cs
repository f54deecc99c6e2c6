// The README's example: the Rust crate zarrs-cache's basic usage, in C#.
// The tests build and run this program, and check that the README shows exactly this code.
using ZarrCache;

var folder = args.Length > 0 ? args[0] : Path.Combine(Path.GetTempPath(), "zarrcache-basic-usage");
await new FileSystemStore(folder).SetAsync("temperature/c/0/0", new byte[4096]);

// Wrap any store in a read-through cache bounded by bytes.
var store = new FileSystemStore(folder);
var cache = new LruMemoryCache(100 * 1024 * 1024); // 100 MiB
var config = new CacheConfig();
var cachedStore = new CachedStore(store, cache, config);

// Use the cached store as any store: the first read goes to the files, the second comes from memory.
var first = await cachedStore.GetAsync("temperature/c/0/0");
var second = await cachedStore.GetAsync("temperature/c/0/0");

var stats = cachedStore.CacheStats;
Console.WriteLine($"read {first?.Length} and {second?.Length} bytes; hits {stats.Hits}, misses {stats.Misses}, origin reads {stats.OriginReads}");
