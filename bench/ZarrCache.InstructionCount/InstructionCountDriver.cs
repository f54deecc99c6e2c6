using System.Globalization;
using System.Runtime.CompilerServices;
using ZarrCache.Benchmarks.Adapters;

namespace ZarrCache.Benchmarks;

/// <summary>
/// A driver for counting instructions with <c>valgrind --tool=callgrind</c>, which counts reproducibly on a loaded,
/// shared machine where timings do not: it fills one cache (64 MiB budget, as the BenchmarkDotNet classes), runs a
/// warm-up of every operation (so the measured code is compiled), then runs exactly <c>n</c> operations. Two runs, with
/// n = 0 and n = N, differ only by the N operations: (instructions(N) - instructions(0)) / N is the cost of one.
/// Run: <c>ZarrCache.InstructionCount count &lt;cache&gt; &lt;hit|missset|mixed&gt; &lt;valueSize&gt; &lt;n&gt;</c> (the Native AOT
/// build); scripts/bench/callgrind-memory-tier.sh runs the whole table.
/// </summary>
public static class InstructionCountDriver
{
    private const long Budget = 64L * 1024 * 1024;
    private const int IndexCount = 1 << 16;
    private const int Warmup = 20_000;
    private const int WarmupRounds = 2;

    public static int Run(TextWriter output, string[] args)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length != 5)
        {
            output.WriteLine("usage: count <cache> <hit|missset|mixed|allocs> <valueSize> <n>");
            return 2;
        }

        var kind = Enum.Parse<CacheKind>(args[1], ignoreCase: true);
        var operation = args[2];
        var valueSize = int.Parse(args[3], CultureInfo.InvariantCulture);
        var n = int.Parse(args[4], CultureInfo.InvariantCulture);
        var capacity = (int)(Budget / valueSize);
        var value = new byte[valueSize];
        var random = new Random(7);
        random.NextBytes(value);
        var result = operation switch
        {
            "hit" => Hits(kind, capacity, value, random, n),
            "missset" => MissThenSet(kind, capacity, value, n),
            "allocs" => AllocatedPerMissThenSet(output, kind, capacity, value, n),
            "mixed" => Mixed(kind, capacity, value, n),
            _ => throw new ArgumentException($"Unknown operation '{operation}'.", nameof(args)),
        };
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{kind} {operation} {valueSize} n={n} checksum={result}"));
        return 0;
    }

    private static long Hits(CacheKind kind, int capacity, byte[] value, Random random, int n)
    {
        var held = capacity * 3 / 4;
        var adapter = CacheAdapter.Create(kind, new ChunkKeys(held), Budget, value.Length);
        for (var i = 0; i < held; i++)
        {
            adapter.Set(i, value);
        }

        var indexes = Enumerable.Range(0, IndexCount).Select(_ => random.Next(held)).ToArray();
        long sum = 0;
        for (var round = 0; round < WarmupRounds; round++)
        {
            sum += HitLoop(adapter, indexes, Warmup);
            LetTieringFinish();
        }

        return sum + HitLoop(adapter, indexes, n);
    }

    /// <summary>Settles the heap between warm-up rounds (the driver is compiled ahead of time: nothing to tier up).</summary>
    private static void LetTieringFinish()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static long HitLoop(CacheAdapter adapter, int[] indexes, int n)
    {
        long sum = 0;
        for (var i = 0; i < n; i++)
        {
            var length = adapter.Get(indexes[i & (IndexCount - 1)]);
            if (length < 0)
            {
                throw new InvalidOperationException("A lookup missed in the hit loop.");
            }

            sum += length;
        }

        return sum;
    }

    private static long MissThenSet(CacheKind kind, int capacity, byte[] value, int n)
    {
        var keyCount = capacity * 4;
        var adapter = CacheAdapter.Create(kind, new ChunkKeys(keyCount), Budget, value.Length);
        for (var i = 0; i < capacity; i++)
        {
            adapter.Set(keyCount - capacity + i, value);
        }

        var cursor = 0;
        long sum = 0;
        for (var round = 0; round < WarmupRounds; round++)
        {
            sum += MissThenSetLoop(adapter, value, keyCount, ref cursor, Warmup / 4);
            LetTieringFinish();
        }

        return sum + MissThenSetLoop(adapter, value, keyCount, ref cursor, n);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static long MissThenSetLoop(CacheAdapter adapter, byte[] value, int keyCount, ref int cursor, int n)
    {
        long sum = 0;
        for (var i = 0; i < n; i++)
        {
            var index = cursor;
            cursor = (cursor + 1) % keyCount;
            var length = adapter.Get(index);
            if (length < 0)
            {
                adapter.Set(index, value);
            }

            sum += length;
        }

        return sum;
    }

    /// <summary>Bytes allocated per miss-then-insert in steady state (the full cache evicting one entry per insert),
    /// beyond the value's own bytes: what the cache adds to the copy it must make.</summary>
    private static long AllocatedPerMissThenSet(TextWriter output, CacheKind kind, int capacity, byte[] value, int n)
    {
        var keyCount = capacity * 4;
        var adapter = CacheAdapter.Create(kind, new ChunkKeys(keyCount), Budget, value.Length);
        var cursor = 0;
        MissThenSetLoop(adapter, value, keyCount, ref cursor, capacity * 2);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var sum = MissThenSetLoop(adapter, value, keyCount, ref cursor, n);
        var perOperation = (double)(GC.GetAllocatedBytesForCurrentThread() - before) / n;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{kind}: {perOperation:F1} bytes allocated per miss-then-insert of {value.Length} bytes ({perOperation - value.Length:F1} beyond the value)"));
        return sum;
    }

    private static long Mixed(CacheKind kind, int capacity, byte[] value, int n)
    {
        var keyCount = capacity * 2;
        var adapter = CacheAdapter.Create(kind, new ChunkKeys(keyCount), Budget, value.Length);
        var indexes = Zipf.Indexes(IndexCount, keyCount, 0.9, seed: 11);
        foreach (var index in indexes)
        {
            adapter.Set(index, value);
        }

        long sum = 0;
        for (var round = 0; round < WarmupRounds; round++)
        {
            sum += MixedLoop(adapter, value, indexes, round * Warmup, Warmup);
            LetTieringFinish();
        }

        return sum + MixedLoop(adapter, value, indexes, WarmupRounds * Warmup, n);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static long MixedLoop(CacheAdapter adapter, byte[] value, int[] indexes, int start, int n)
    {
        long sum = 0;
        for (var i = start; i < start + n; i++)
        {
            var index = indexes[i & (IndexCount - 1)];
            if (i % 10 == 9)
            {
                adapter.Set(index, value);
            }
            else
            {
                sum += adapter.Get(index);
            }
        }

        return sum;
    }
}
