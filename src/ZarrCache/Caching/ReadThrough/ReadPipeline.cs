namespace ZarrCache;

/// <summary>
/// The read of a whole value: policy (<see cref="ReadRequest"/>), then the tiers (<see cref="CacheTiers"/>), then the
/// missing keys (<see cref="MissingKeys"/>), then the coalesced origin read (<see cref="ReadCoalescer{T}"/> running
/// <see cref="OriginFetch"/>, which revalidates and stores the result). Also the one-key prefetch and the size query.
/// </summary>
internal sealed class ReadPipeline(
    KeyPolicy policy,
    IReadableStore store,
    CacheTiers tiers,
    MissingKeys missing,
    ReadCoalescer<ReadOnlyMemory<byte>?> reads,
    OriginFetch fetch,
    CacheCommit commit,
    StaleEntries stale,
    EntryLifetimes lifetimes,
    StoreCounters counters,
    IPrefetchHook prefetch)
{
    /// <summary>Reads a whole value; a memory hit completes synchronously, copies nothing and allocates nothing.</summary>
    public ValueTask<ReadOnlyMemory<byte>?> GetAsync(StoreKey key, CancellationToken cancellationToken)
    {
        var request = ReadRequest.For(policy, key);
        if (!request.Cacheable)
        {
            return ReadMissAsync(request, cancellationToken);
        }

        var lookup = tiers.Entries.GetEntryAsync(key, cancellationToken);
        if (!lookup.IsCompletedSuccessfully)
        {
            return GetSlowAsync(request, lookup, cancellationToken);
        }

        return lookup.Result is { } entry ? Found(request, entry, cancellationToken) : ReadMissAsync(request, cancellationToken);
    }

    /// <summary>The size of a value: from the cache when it is there, else from the origin.</summary>
    public async ValueTask<long?> GetSizeAsync(StoreKey key, CancellationToken cancellationToken)
    {
        if (policy.ShouldCache(key) && await tiers.LookupAsync(key, cancellationToken).ConfigureAwait(false) is { } hit)
        {
            return hit.Length;
        }

        return missing.IsKnown(key) ? null : await store.GetSizeAsync(key, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Reads <paramref name="range"/> of the request's key (the whole value when null) through the coalescer, cached under
    /// <paramref name="cacheKey"/>; <paramref name="expired"/> is the expired entry the read replaces.
    /// </summary>
    public ValueTask<ReadOnlyMemory<byte>?> LoadAsync(
        StoreKey cacheKey, ReadRequest request, ByteRange? range, CacheEntry? expired, CancellationToken cancellationToken) =>
        reads.LoadAsync(
            cacheKey,
            request.Key,
            (version, token) => fetch.ReadAsync(cacheKey, request, range, expired, version, token),
            (inflight, version) => prefetch.OnPrefetched(
                cacheKey,
                inflight.Task.IsCompletedSuccessfully && request.Cacheable && commit.VersionOf(request.Key) == version ? inflight.Task.Result : null,
                () => inflight.Claimed),
            cancellationToken);

    /// <summary>One prefetch: reads <paramref name="key"/> into the cache unless it is there, missing, or being read.</summary>
    public async ValueTask PrefetchAsync(StoreKey key, CancellationToken cancellationToken)
    {
        var request = ReadRequest.For(policy, key);
        if (!request.Cacheable || missing.Contains(key) || reads.IsReading(key)
            || await tiers.LookupAsync(key, cancellationToken).ConfigureAwait(false) is not null)
        {
            return;
        }

        await LoadAsync(key, request, null, null, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<ReadOnlyMemory<byte>?> GetSlowAsync(ReadRequest request, ValueTask<CacheEntry?> lookup, CancellationToken cancellationToken) =>
        await lookup.ConfigureAwait(false) is { } entry
            ? await Found(request, entry, cancellationToken).ConfigureAwait(false)
            : await ReadMissAsync(request, cancellationToken).ConfigureAwait(false);

    /// <summary>An entry was found: served when live, else revalidated or re-read.</summary>
    private ValueTask<ReadOnlyMemory<byte>?> Found(ReadRequest request, CacheEntry entry, CancellationToken cancellationToken)
    {
        if (!lifetimes.IsExpired(entry))
        {
            counters.Hit(request.Key, entry.Value.Length, entry);
            EntryLifetimes.Report(entry.ExpiresAtUtcTicks);
            return new(entry.Value);
        }

        counters.Expired();
        if (stale.Keeps(entry))
        {
            return counters.ExpiredMiss(request.Key, LoadAsync(request.Key, request, null, entry, cancellationToken));
        }

        return ReadDroppedAsync(request, cancellationToken);
    }

    private async ValueTask<ReadOnlyMemory<byte>?> ReadDroppedAsync(ReadRequest request, CancellationToken cancellationToken)
    {
        await tiers.RemoveAsync(request.Key, CancellationToken.None).ConfigureAwait(false);
        return await ReadMissAsync(request, cancellationToken).ConfigureAwait(false);
    }

    private ValueTask<ReadOnlyMemory<byte>?> ReadMissAsync(ReadRequest request, CancellationToken cancellationToken)
    {
        if (missing.IsKnown(request.Key))
        {
            counters.NegativeHit();
            return new((ReadOnlyMemory<byte>?)null);
        }

        if (missing.ChecksMarker(request))
        {
            return ReadMissCheckingMarkerAsync(request, cancellationToken);
        }

        return counters.Miss(request.Key, LoadAsync(request.Key, request, null, null, cancellationToken));
    }

    private async ValueTask<ReadOnlyMemory<byte>?> ReadMissCheckingMarkerAsync(ReadRequest request, CancellationToken cancellationToken)
    {
        if (await missing.IsMarkedAsync(request.Key, cancellationToken).ConfigureAwait(false))
        {
            counters.NegativeHit();
            return null;
        }

        return await counters.Miss(request.Key, LoadAsync(request.Key, request, null, null, cancellationToken)).ConfigureAwait(false);
    }
}
