namespace ZarrCache;

/// <summary>
/// "Store it unless a write raced": the one place a value an origin read returned (or its "missing" answer) goes into
/// the cache. It is stored only if no write or invalidation of the key began after the version was taken (before the
/// read): otherwise it may be older than the write, and a read that begins after the write must not see it. See
/// <see cref="WriteFence"/>.
/// </summary>
internal sealed class CacheCommit(WriteFence fence, CacheTiers tiers, MissingKeys missing, EntryLifetimes lifetimes)
{
    /// <summary>The version to take before a read whose result may be stored.</summary>
    public long VersionOf(StoreKey key) => fence.VersionOf(key);

    /// <summary>Caches what a read of <paramref name="request"/> returned under <paramref name="cacheKey"/>, unless a write raced.</summary>
    public async ValueTask StoreAsync(StoreKey cacheKey, ReadRequest request, ReadOnlyMemory<byte> bytes, string? etag, long version) =>
        await UnlessRacedAsync(request.Key, version, (tiers, cacheKey, request.Kind, bytes, etag),
            static s => s.tiers.StoreAsync(s.cacheKey, s.Kind, s.bytes, s.etag, CancellationToken.None)).ConfigureAwait(false);

    /// <summary>
    /// Remembers the key as missing (when the policy allows) unless a write raced, and reports until when the missing
    /// answer holds: the mark's expiry, or now when it is not remembered (nothing for a key the policy does not cache).
    /// </summary>
    public async ValueTask RememberMissingAsync(ReadRequest request, long version, bool persist)
    {
        if (!request.RemembersMissing
            || !await UnlessRacedAsync(request.Key, version, (missing, request.Key, persist), static s => s.missing.RememberAsync(s.Key, s.persist)).ConfigureAwait(false))
        {
            if (request.Cacheable)
            {
                lifetimes.ReportNow();
            }
        }
    }

    /// <summary>Runs <paramref name="store"/> inside the fence's enter/exit; false (and nothing run) when a write raced.</summary>
    private async ValueTask<bool> UnlessRacedAsync<TState>(StoreKey key, long version, TState state, Func<TState, ValueTask> store)
    {
        if (!fence.TryEnter(key, version))
        {
            return false;
        }

        try
        {
            await store(state).ConfigureAwait(false);
            return true;
        }
        finally
        {
            fence.Exit(key);
        }
    }
}
