using BenchmarkDotNet.Attributes;
using ZarrCache;

namespace ZarrCache.Benchmarks;

/// <summary>
/// A disk-tier hit of a 1 MiB entry beside <see cref="File.ReadAllBytes(string)"/> of a plain file with the same bytes,
/// cycling through 64 entries (64 MiB, in the page cache after the first pass for both). The hit opens the entry
/// file, reads it into one array, validates header, key and XxHash64 checksum, and updates the in-memory LRU.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class DiskCacheBenchmarks
{
    private const int Entries = 64;
    private const int EntrySize = 1024 * 1024;
    private readonly StoreKey[] _keys = new StoreKey[Entries];
    private readonly string[] _plainFiles = new string[Entries];
    private string _root = null!;
    private DiskCache _cache = null!;
    private DiskCache _compressedCache = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _root = Path.Combine(Path.GetTempPath(), "zarrcache-bench-" + Guid.NewGuid().ToString("N"));
        var plain = Path.Combine(_root, "plain");
        Directory.CreateDirectory(plain);
        _cache = new DiskCache(Path.Combine(_root, "cache"), 1L << 30);
        _compressedCache = new DiskCache(Path.Combine(_root, "lz4"), 1L << 30, new DiskCacheOptions { Compression = CompressionCodec.Lz4 });
        var random = new Random(7);
        for (var i = 0; i < Entries; i++)
        {
            var value = new byte[EntrySize];
            random.NextBytes(value.AsSpan(0, EntrySize / 4)); // A quarter noise, the rest a ramp: compressible, as many chunks are.
            for (var j = EntrySize / 4; j < EntrySize; j++)
            {
                value[j] = (byte)(j / 4096);
            }

            _keys[i] = $"bench/c/{i}/0";
            _plainFiles[i] = Path.Combine(plain, i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            File.WriteAllBytes(_plainFiles[i], value);
            _cache.Set(_keys[i], value, CacheEntryOptions.None);
            _compressedCache.Set(_keys[i], value, CacheEntryOptions.None);
        }
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_root, recursive: true);

    [Benchmark(Baseline = true)]
    public int FileReadAllBytes() => File.ReadAllBytes(_plainFiles[Next()]).Length;

    [Benchmark]
    public int DiskCacheHit() => _cache.TryGetEntry(_keys[Next()], out var entry) ? entry.Value.Length : throw new InvalidOperationException("miss");

    [Benchmark]
    public int DiskCacheHitLz4() => _compressedCache.TryGetEntry(_keys[Next()], out var entry) ? entry.Value.Length : throw new InvalidOperationException("miss");

    private int Next() => _next = (_next + 1) % Entries;
}
