using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace ZarrCache;

/// <summary>Cache warming: paying the origin's latency in advance, with bounded concurrency.</summary>
public sealed partial class CachedStore
{
    /// <summary>
    /// Reads every key under <paramref name="prefix"/> into the cache (as the key policy allows), so later reads make
    /// no origin requests. The origin must be listable; the listing is streamed, never held whole.
    /// </summary>
    /// <param name="prefix">The prefix, such as <c>temperature/</c>; the root warms everything.</param>
    /// <param name="options">Concurrency and progress settings; null for the defaults.</param>
    /// <param name="progress">Receives progress; null for none.</param>
    /// <param name="cancellationToken">Stops the warm-up; what was read stays cached.</param>
    /// <returns>What the warm-up did.</returns>
    /// <exception cref="NotSupportedException">The origin cannot list keys.</exception>
    public Task<WarmResult> WarmAsync(
        StorePrefix prefix, WarmOptions? options = null, IProgress<WarmProgress>? progress = null, CancellationToken cancellationToken = default) =>
        WarmAsync(Listable.ListAsync(prefix, cancellationToken), null, options, progress, cancellationToken);

    /// <summary>Reads the given keys into the cache (as the key policy allows), with bounded concurrency.</summary>
    /// <param name="keys">The keys, such as the chunk keys of a selection.</param>
    /// <param name="options">Concurrency and progress settings; null for the defaults.</param>
    /// <param name="progress">Receives progress; null for none.</param>
    /// <param name="cancellationToken">Stops the warm-up; what was read stays cached.</param>
    /// <returns>What the warm-up did.</returns>
    public Task<WarmResult> WarmAsync(
        IReadOnlyCollection<StoreKey> keys, WarmOptions? options = null, IProgress<WarmProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        return WarmAsync(ToAsync(keys, cancellationToken), keys.Count, options, progress, cancellationToken);
    }

    private async Task<WarmResult> WarmAsync(
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
            if (!_policy.ShouldCache(key))
            {
                Interlocked.Increment(ref skipped);
                return;
            }

            Interlocked.Increment(ref considered);
            if (await Cache.GetAsync(key, token).ConfigureAwait(false) is not null)
            {
                Interlocked.Increment(ref cached);
            }
            else if (await GetAsync(key, token).ConfigureAwait(false) is { } value)
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
        return new WarmResult
        {
            Keys = considered,
            Warmed = warmed,
            AlreadyCached = cached,
            Missing = missing,
            Skipped = skipped,
            BytesWarmed = bytes,
            Elapsed = Stopwatch.GetElapsedTime(started),
        };
    }

    private static async IAsyncEnumerable<StoreKey> ToAsync(IEnumerable<StoreKey> keys, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var key in keys)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return key;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }
}
