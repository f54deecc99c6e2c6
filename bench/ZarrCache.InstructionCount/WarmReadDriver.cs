using System.Globalization;
using System.Runtime.CompilerServices;
using ZarrCache.Zarr;

namespace ZarrCache.Benchmarks;

/// <summary>
/// Warm reads of a Zarr array as bench/peers makes them (its dataset: 100 x 200 x 300 float32, 10 x 50 x 100 chunks,
/// Blosc lz4 + byte shuffle), for callgrind and for allocation counts, both independent of load: the array is opened
/// over a <see cref="CachedStore"/> (the encoded chunks in its memory tier) on a folder, read once to fill the cache and
/// <c>Warmup</c> times more, then exactly <c>n</c> times. <c>(instructions(N) - instructions(0)) / N</c> is one read.
/// Run: <c>ZarrCache.InstructionCount warmread &lt;array-folder&gt; &lt;whole|chunk|timeseries&gt; &lt;off|on&gt; &lt;n&gt;</c>
/// (on: with a 256 MiB <see cref="DecodedChunkCache"/>); scripts/bench/callgrind-warm-read.sh makes the dataset and runs it.
/// Prints the bytes allocated per read (all threads), the gen-2 collections during the n reads, and a checksum.
/// </summary>
public static class WarmReadDriver
{
    private const int Warmup = 20;

    public static async Task<int> RunAsync(TextWriter output, string[] args)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length != 5)
        {
            output.WriteLine("usage: warmread <array-folder> <whole|chunk|timeseries> <off|on> <n>");
            return 2;
        }

        var selection = args[2] switch
        {
            "whole" => ArraySelection.All,
            "chunk" => ArraySelection.Parse("0:10,0:50,0:100"),
            "timeseries" => ArraySelection.Parse("0:100,5,7"),
            var other => throw new ArgumentException($"Unknown selection '{other}' (whole, chunk, timeseries).", nameof(args)),
        };
        var decoded = args[3] == "on";
        var n = int.Parse(args[4], CultureInfo.InvariantCulture);
        var origin = new FileSystemStore(args[1]);
        using var store = new CachedStore(origin, new CacheConfig { MaxMemorySize = 256L << 20 });
        var options = new ZarrArrayOptions { ChunkCache = decoded ? new DecodedChunkCache(256L << 20) : null };
        var array = await ZarrArray.OpenAsync(store, "", options).ConfigureAwait(false);
        var sum = await ReadLoopAsync(array, selection, Warmup + 1).ConfigureAwait(false);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var gen2Before = GC.CollectionCount(2);
        sum += await ReadLoopAsync(array, selection, n).ConfigureAwait(false);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var gen2 = GC.CollectionCount(2) - gen2Before;
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"warmread {args[2]} decoded={(decoded ? "on" : "off")} n={n}: {(n == 0 ? 0 : (double)allocated / n):F0} bytes allocated per read, {gen2} gen-2 collections, checksum={sum}"));
        return 0;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static async Task<double> ReadLoopAsync(ZarrArray array, ArraySelection selection, int n)
    {
        double sum = 0;
        for (var i = 0; i < n; i++)
        {
            var data = (await array.ReadAsync<float>(selection).ConfigureAwait(false)).Data;
            sum += data[i % data.Length];
        }

        return sum;
    }
}
