namespace ZarrCache.Tests.TestSupport;

/// <summary>
/// Measures what code allocates on the calling thread. The runtime itself allocates on a thread now and then (tiered
/// compilation promoting a method that just crossed its call count starts its worker there), so one measurement can
/// include a few KB that are not the code's; the fewest bytes over several runs are the code's own.
/// </summary>
internal static class Allocations
{
    /// <summary>The fewest bytes <paramref name="action"/> allocated on this thread over <paramref name="attempts"/> runs.</summary>
    public static long Fewest(Action action, int attempts = 5)
    {
        var fewest = long.MaxValue;
        for (var i = 0; i < attempts; i++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            action();
            fewest = Math.Min(fewest, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        return fewest;
    }

    /// <summary>The fewest bytes 1,000 reads of <paramref name="key"/> through <paramref name="store"/> allocate, after 100 unmeasured ones (a memory hit's are 0).</summary>
    public static long OfRepeatedReads(CachedStore store, StoreKey key)
    {
        for (var i = 0; i < 100; i++)
        {
            _ = Completed.Result(store.GetAsync(key));
        }

        return Fewest(() =>
        {
            for (var i = 0; i < 1000; i++)
            {
                _ = Completed.Result(store.GetAsync(key));
            }
        });
    }
}
