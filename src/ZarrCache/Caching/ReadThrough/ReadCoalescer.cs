using System.Collections.Concurrent;

namespace ZarrCache;

/// <summary>
/// Miss coalescing: at most one origin read per cache key at a time, which every concurrent caller awaits. A caller that
/// cancels leaves without cancelling the read for the others; a read that began before a write of its key, failed, or
/// finished with a value that has expired since, is never joined. Each read runs in a <see cref="CacheValidity"/> scope
/// of its own, whose bound every caller reports in its own flow.
/// </summary>
/// <typeparam name="T">What one read returns: a value, or the values of several ranges.</typeparam>
internal sealed class ReadCoalescer<T>(WriteFence fence, EntryLifetimes lifetimes, StoreCounters counters, IPrefetchHook prefetch)
{
    private readonly ConcurrentDictionary<StoreKey, InflightRead<T>> _inflight = new();

    /// <summary>The read of one cache key, given the fence version taken before it and the read's own token.</summary>
    public delegate ValueTask<T> Read(long version, CancellationToken cancellationToken);

    /// <summary>Whether a read of <paramref name="cacheKey"/> is in flight.</summary>
    public bool IsReading(StoreKey cacheKey) => _inflight.ContainsKey(cacheKey);

    /// <summary>
    /// Reads <paramref name="cacheKey"/> of <paramref name="key"/> through <paramref name="read"/>, or joins the read of it in
    /// flight. <paramref name="onPrefetched"/> runs after a read a prefetch started, with its value when it was cached.
    /// </summary>
    public async ValueTask<T> LoadAsync(
        StoreKey cacheKey, StoreKey key, Read read, Action<InflightRead<T>, long>? onPrefetched, CancellationToken cancellationToken)
    {
        var isPrefetch = prefetch.InScope;
        while (true)
        {
            // Taken before the origin is read: what a read finds is stored only if no write of the key began since,
            // and a read joins one in flight only if that one started after the key's last write began.
            var version = fence.VersionOf(key);
            if (_inflight.TryGetValue(cacheKey, out var running))
            {
                // A read that already failed (its entry not yet removed) must not hand its error to a later caller;
                // a read that began before a write may return the old value, which this caller must not see; a read
                // that finished with a value that has expired since (its entry not yet removed) must not serve it.
                if ((running.Task.IsCompleted && (!running.Task.IsCompletedSuccessfully || lifetimes.HasPassed(running.ValidUntilUtcTicks)))
                    || running.Version != version || !running.TryJoin())
                {
                    _inflight.TryRemove(new KeyValuePair<StoreKey, InflightRead<T>>(cacheKey, running));
                    continue;
                }

                if (!isPrefetch)
                {
                    counters.Coalesced();
                }

                if (!running.IsPrefetch || isPrefetch)
                {
                    return await WaitReportingAsync(running, cancellationToken).ConfigureAwait(false);
                }

                running.Claim();
                var value = await WaitReportingAsync(running, cancellationToken).ConfigureAwait(false);
                prefetch.OnUsed(cacheKey);
                return value;
            }

            var mine = new InflightRead<T> { IsPrefetch = isPrefetch, Version = version };
            if (!_inflight.TryAdd(cacheKey, mine))
            {
                continue;
            }

            _ = RunAsync(mine, cacheKey, read, onPrefetched);
            return await WaitReportingAsync(mine, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Forgets the read of <paramref name="cacheKey"/> in flight (a write of its key began).</summary>
    public void Forget(StoreKey cacheKey) => _inflight.TryRemove(cacheKey, out _);

    /// <summary>Forgets the reads in flight of keys under <paramref name="prefix"/>.</summary>
    public void ForgetUnder(StorePrefix prefix)
    {
        foreach (var key in _inflight.Keys)
        {
            if (key.IsUnder(prefix))
            {
                _inflight.TryRemove(key, out _);
            }
        }
    }

    /// <summary>Forgets every read in flight.</summary>
    public void Clear() => _inflight.Clear();

    private async Task RunAsync(InflightRead<T> inflight, StoreKey cacheKey, Read read, Action<InflightRead<T>, long>? onPrefetched)
    {
        try
        {
            await inflight.RunAsync(token => ReadTrackedAsync(inflight, read, token)).ConfigureAwait(false);
            if (inflight.IsPrefetch)
            {
                onPrefetched?.Invoke(inflight, inflight.Version);
            }
        }
        finally
        {
            _inflight.TryRemove(new KeyValuePair<StoreKey, InflightRead<T>>(cacheKey, inflight));
        }
    }

    /// <summary>Runs the read in a validity scope of its own and keeps its bound on <paramref name="inflight"/> for every caller.</summary>
    private static async ValueTask<T> ReadTrackedAsync(InflightRead<T> inflight, Read read, CancellationToken cancellationToken)
    {
        using var validity = CacheValidity.Track();
        try
        {
            return await read(inflight.Version, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            inflight.ValidUntilUtcTicks = validity.ValidUntilUtcTicks;
        }
    }

    /// <summary>Awaits a shared read and reports its bound in this caller's flow (the read ran in another's).</summary>
    private static async Task<T> WaitReportingAsync(InflightRead<T> read, CancellationToken cancellationToken)
    {
        var value = await read.WaitAsync(cancellationToken).ConfigureAwait(false);
        EntryLifetimes.Report(read.ValidUntilUtcTicks);
        return value;
    }
}
