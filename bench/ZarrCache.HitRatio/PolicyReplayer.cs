namespace ZarrCache.HitRatio;

/// <summary>
/// Replays a trace through a real <see cref="ICache"/> (read-through: a miss inserts the value). Sizes and the budget
/// are divided by <see cref="Scale"/> so that the copies each insert makes stay cheap; every policy here depends only
/// on the ratios of sizes to budget, so the miss ratios are those of the full-size trace.
/// </summary>
public static class PolicyReplayer
{
    /// <summary>The factor sizes and budgets are divided by during replay.</summary>
    public const int Scale = 64;

    /// <summary>The size used in replay for a value of <paramref name="realSize"/> bytes.</summary>
    public static int Scaled(int realSize) => Math.Max(1, realSize / Scale);

    /// <summary>Replays <paramref name="trace"/> through the cache <paramref name="create"/> makes for the scaled budget.</summary>
    public static MissRatio Replay(AccessTrace trace, long realBudget, Func<long, ICache> create)
    {
        ArgumentNullException.ThrowIfNull(trace);
        ArgumentNullException.ThrowIfNull(create);
        var cache = create(Math.Max(1, realBudget / Scale));
        var buffer = new byte[trace.Sizes.Max(Scaled)];
        var keys = trace.Keys.Select(k => new StoreKey(k)).ToArray();
        long misses = 0, bytes = 0, missBytes = 0;
        foreach (var id in trace.Requests)
        {
            var key = keys[id];
            var size = trace.Sizes[id];
            bytes += size;
            var found = cache.GetAsync(key);
            if (!found.IsCompletedSuccessfully)
            {
                throw new InvalidOperationException("A memory cache lookup must complete synchronously.");
            }

            if (found.Result is null)
            {
                misses++;
                missBytes += size;
                var stored = cache.SetAsync(key, buffer.AsMemory(0, Scaled(size)));
                if (!stored.IsCompletedSuccessfully)
                {
                    throw new InvalidOperationException("A memory cache insert must complete synchronously.");
                }
            }
        }

        return new MissRatio(trace.Requests.Count, misses, bytes, missBytes);
    }
}
