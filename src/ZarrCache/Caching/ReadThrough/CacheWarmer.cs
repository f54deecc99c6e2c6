using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace ZarrCache;

/// <summary>
/// Cache warming: reads keys through the store (as the key policy allows) with bounded concurrency, so later reads make
/// no origin requests; keys already cached are counted, not read.
/// </summary>
internal sealed class CacheWarmer(KeyPolicy policy, ICache cache, Func<StoreKey, CancellationToken, ValueTask<ReadOnlyMemory<byte>?>> read)
{
    public async Task<WarmResult> WarmAsync(
        IAsyncEnumerable<StoreKey> keys, long? total, WarmOptions? options, IProgress<WarmProgress>? progress, CancellationToken cancellationToken)
    {
        options ??= new WarmOptions();
        options.Validate();
        var started = Stopwatch.GetTimestamp();
        long considered = 0, warmed = 0, cached = 0, missing = 0, skipped = 0, bytes = 0, lastReport = 0;
        var intervalTicks = (long)(options.ProgressInterval.TotalSeconds * Stopwatch.Frequency);

        void Report(bool final)
        {
            if (progress is null)
            {
                return;
            }

            var now = Stopwatch.GetTimestamp();
            var last = Interlocked.Read(ref lastReport);
            if (!final && (now - last < intervalTicks || Interlocked.CompareExchange(ref lastReport, now, last) != last))
            {
                return;
            }

            var done = Interlocked.Read(ref warmed) + Interlocked.Read(ref cached) + Interlocked.Read(ref missing);
            progress.Report(new WarmProgress(done, total, Interlocked.Read(ref bytes), Stopwatch.GetElapsedTime(started)));
        }

        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxConcurrency, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(keys, parallel, async (key, token) =>
        {
            if (!policy.ShouldCache(key))
            {
                Interlocked.Increment(ref skipped);
                return;
            }

            Interlocked.Increment(ref considered);
            if (await cache.GetAsync(key, token).ConfigureAwait(false) is not null)
            {
                Interlocked.Increment(ref cached);
            }
            else if (await read(key, token).ConfigureAwait(false) is { } value)
            {
                Interlocked.Increment(ref warmed);
                Interlocked.Add(ref bytes, value.Length);
            }
            else
            {
                Interlocked.Increment(ref missing);
            }

            Report(final: false);
        }).ConfigureAwait(false);

        Report(final: true);
        return new WarmResult(considered, warmed, cached, missing, skipped, bytes, Stopwatch.GetElapsedTime(started));
    }

    public static async IAsyncEnumerable<StoreKey> ToAsync(IEnumerable<StoreKey> keys, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var key in keys)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return key;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }
}
