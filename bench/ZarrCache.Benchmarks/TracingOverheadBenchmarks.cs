using BenchmarkDotNet.Attributes;
using ZarrCache;

namespace ZarrCache.Benchmarks;

/// <summary>
/// What an access trace costs the hit path: a warm read loop over 1,024 cached chunks through <see cref="CachedStore"/>,
/// untraced (the baseline), traced to <see cref="Stream.Null"/> (the encoding and the lock alone), and traced to a file
/// (the writer thread writes it). Figures are per read; a traced hit must allocate 0 bytes.
/// </summary>
/// <remarks>dotnet run -c Release --project bench/ZarrCache.Benchmarks -- --filter '*TracingOverhead*'</remarks>
[MemoryDiagnoser]
public class TracingOverheadBenchmarks
{
    private const int Keys = 1024;
    private readonly StoreKey[] _keys = Enumerable.Range(0, Keys).Select(i => new StoreKey($"temperature/c/{i / 32}/{i % 32}/0")).ToArray();
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"zarrcache-trace-bench-{Environment.ProcessId}.zct");
    private MemoryStore _origin = null!;
    private CachedStore _untraced = null!;
    private CachedStore _tracedToNull = null!;
    private TraceWriter _nullWriter = null!;
    private CachedStore? _tracedToFile;
    private TraceWriter? _fileWriter;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _origin = new MemoryStore();
        foreach (var key in _keys)
        {
            await _origin.SetAsync(key, new byte[16 * 1024]);
        }

        _untraced = await WarmStoreAsync(NullAccessObserver.Instance);
        _nullWriter = new TraceWriter(Stream.Null);
        _tracedToNull = await WarmStoreAsync(_nullWriter);
    }

    [IterationSetup(Target = nameof(TracedToFile))]
    public void StartFile()
    {
        _fileWriter = TraceWriter.Create(_file);
        _tracedToFile = WarmStoreAsync(_fileWriter).AsTask().GetAwaiter().GetResult();
    }

    [IterationCleanup(Target = nameof(TracedToFile))]
    public void EndFile()
    {
        _fileWriter?.Dispose();
        _tracedToFile?.Dispose();
        File.Delete(_file);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _nullWriter.Dispose();
        _untraced.Dispose();
        _tracedToNull.Dispose();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Keys)]
    public long Untraced() => ReadAll(_untraced);

    [Benchmark(OperationsPerInvoke = Keys)]
    public long TracedToNull() => ReadAll(_tracedToNull);

    [Benchmark(OperationsPerInvoke = Keys)]
    public long TracedToFile() => ReadAll(_tracedToFile!);

    private long ReadAll(CachedStore store)
    {
        long bytes = 0;
        foreach (var key in _keys)
        {
            var read = store.GetAsync(key);
            if (!read.IsCompletedSuccessfully)
            {
                throw new InvalidOperationException("A memory hit must complete synchronously.");
            }

            bytes += read.Result!.Value.Length;
        }

        return bytes;
    }

    private async ValueTask<CachedStore> WarmStoreAsync(IAccessObserver observer)
    {
        var store = new CachedStore(_origin, new CacheConfig { MaxMemorySize = 64L * 1024 * 1024, AccessObserver = observer });
        foreach (var key in _keys)
        {
            await store.GetAsync(key);
        }

        return store;
    }
}
