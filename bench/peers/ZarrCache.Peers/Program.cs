// The ZarrCache side of bench/peers: CachedStore (one S3-FIFO memory tier, the byte cache) over HttpStore, arrays read
// with ZarrArray.ReadAsync<float>; with a decoded-cache size other than 0, a DecodedChunkCache of that many bytes beside
// it (made fresh with each CachedStore); with a last argument "reuse", each selection is read with ReadIntoAsync into one
// buffer kept for the whole process (made in the untimed warm-up), instead of ReadAsync's new array per read; with
// "pooled", each read is ReadPooledAsync (a new result per read in an array rented from ArrayPool), the previous read's
// results disposed after the next read, inside its timing (as zarr-python frees the previous array when the name is
// bound to the new one).
// Usage: ZarrCache.Peers <array-url> <selections.tsv> <cold> <warm> <out.json> [decoded-bytes [reuse|pooled]]
// Protocol as in ../read_zarr_python.py: one origin store (HttpStore, its HttpClient and connections) for the process;
// per selection, <cold> times a fresh CachedStore, the array opened on it (untimed: metadata is then cached), and one
// timed read; then <warm> timed reads on the last CachedStore. First WARMUP_PASSES (environment, default 5) untimed
// passes, each on a fresh cache reading everything twice (JIT tiering, connections), then SETTLE_MS (default 1000) of
// rest while background compilation finishes: the same protocol for every reader. Result bytes (float32 little endian, C order, several selections concatenated) are SHA-256 hashed.
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.Json;
using ZarrCache;
using ZarrCache.Zarr;

if (args.Length is not (5 or 6 or 7) || (args.Length == 7 && args[6] is not ("reuse" or "pooled")))
{
    await Console.Error.WriteLineAsync("usage: ZarrCache.Peers <array-url> <selections.tsv> <cold> <warm> <out.json> [decoded-bytes [reuse|pooled]]");
    return 2;
}

var url = new Uri(args[0].EndsWith('/') ? args[0] : args[0] + "/");
var cold = int.Parse(args[2], CultureInfo.InvariantCulture);
var warm = int.Parse(args[3], CultureInfo.InvariantCulture);
const long CacheBytes = 256L * 1024 * 1024;
var decodedBytes = args.Length >= 6 ? long.Parse(args[5], CultureInfo.InvariantCulture) : 0;
var mode = args.Length == 7 ? args[6] : "new";
var reuse = mode == "reuse";
var pooled = mode == "pooled";
var buffers = new Dictionary<ArraySelection, float[]>();
var held = new List<PooledArrayData<float>>(); // the pooled results of the last read, disposed after the next one

var selections = File.ReadAllLines(args[1])
    .Where(line => line.Length > 0)
    .Select(line => line.Split('\t'))
    .Select(f => (Name: f[0], Parts: f[1].Split(';').Select(ArraySelection.Parse).ToArray()))
    .ToArray();

using var origin = new HttpStore(url);

async Task<(CachedStore Store, ZarrArray Array)> FreshAsync()
{
    var store = new CachedStore(origin, new CacheConfig { MaxMemorySize = CacheBytes });
    var options = new ZarrArrayOptions { ChunkCache = decodedBytes > 0 ? new DecodedChunkCache(decodedBytes) : null };
    return (store, await ZarrArray.OpenAsync(store, "", options));
}

async Task<List<ReadOnlyMemory<float>>> ReadAsync(ZarrArray array, ArraySelection[] parts)
{
    var results = new List<ReadOnlyMemory<float>>(parts.Length);
    if (pooled)
    {
        var previous = held.ToArray();
        held.Clear();
        foreach (var part in parts)
        {
            var result = await array.ReadPooledAsync<float>(part);
            held.Add(result);
            results.Add(result.Memory);
        }

        foreach (var old in previous)
        {
            old.Dispose();
        }

        return results;
    }

    foreach (var part in parts)
    {
        if (!reuse)
        {
            results.Add((await array.ReadAsync<float>(part)).Data);
        }
        else if (buffers.TryGetValue(part, out var buffer))
        {
            await array.ReadIntoAsync<float>(part, buffer);
            results.Add(buffer);
        }
        else
        {
            // The first read of a selection (in the untimed warm-up) sizes its buffer.
            var first = (await array.ReadAsync<float>(part)).Data;
            buffers[part] = first;
            results.Add(first);
        }
    }

    return results;
}

static string Digest(List<ReadOnlyMemory<float>> results)
{
    using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    foreach (var r in results)
    {
        hash.AppendData(MemoryMarshal.AsBytes(r.Span)); // little endian on x64, as the peers hash
    }

    return Convert.ToHexStringLower(hash.GetHashAndReset());
}

var warmupPasses = int.Parse(Environment.GetEnvironmentVariable("WARMUP_PASSES") ?? "5", CultureInfo.InvariantCulture);
for (var pass = 0; pass < warmupPasses; pass++)
{
    // Each pass on a fresh cache: the cold path and the warm path both run (and reach the JIT's optimizing tier).
    var (warmupStore, warmupArray) = await FreshAsync();
    for (var twice = 0; twice < 2; twice++)
    {
        foreach (var (_, parts) in selections)
        {
            await ReadAsync(warmupArray, parts);
        }
    }

    await warmupStore.DisposeAsync();
}

// Rest while background (tiered) compilation finishes, as the other readers rest.
await Task.Delay(int.Parse(Environment.GetEnvironmentVariable("SETTLE_MS") ?? "1000", CultureInfo.InvariantCulture));

var report = new List<object>();
foreach (var (name, parts) in selections)
{
    var coldMs = new List<double>();
    var warmMs = new List<double>();
    var hashes = new SortedSet<string>(StringComparer.Ordinal);
    CachedStore? store = null;
    ZarrArray? array = null;
    List<ReadOnlyMemory<float>>? got = null;
    for (var i = 0; i < cold; i++)
    {
        if (store is not null)
        {
            await store.DisposeAsync();
        }

        (store, array) = await FreshAsync();
        var t0 = Stopwatch.GetTimestamp();
        got = await ReadAsync(array, parts);
        coldMs.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
        hashes.Add(Digest(got));
    }

    for (var i = 0; i < warm; i++)
    {
        var t0 = Stopwatch.GetTimestamp();
        got = await ReadAsync(array!, parts);
        warmMs.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
    }

    hashes.Add(Digest(got!));
    await store!.DisposeAsync();
    report.Add(new Dictionary<string, object> { ["name"] = name, ["cold_ms"] = coldMs, ["warm_ms"] = warmMs, ["sha256"] = hashes.ToArray() });
}

var version = typeof(CachedStore).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "?";
await File.WriteAllTextAsync(args[4], JsonSerializer.Serialize(new Dictionary<string, object>
{
    ["implementation"] = (decodedBytes > 0 ? "ZarrCache+decoded" : "ZarrCache") + (reuse ? "+reused" : pooled ? "+pooled" : ""),
    ["version"] = $"ZarrCache {version.Split('+')[0]} (byte cache: CachedStore, S3-FIFO memory tier{(decodedBytes > 0 ? $"; DecodedChunkCache of {decodedBytes / (1024 * 1024)} MiB" : "; no decoded-chunk cache")}{(reuse ? "; ReadIntoAsync into one reused buffer per selection" : pooled ? "; ReadPooledAsync, a new result per read in an array rented from ArrayPool" : "")}), .NET {Environment.Version}",
    ["selections"] = report,
}));
return 0;
