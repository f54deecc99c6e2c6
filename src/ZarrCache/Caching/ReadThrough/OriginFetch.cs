using Microsoft.Extensions.Logging;

namespace ZarrCache;

/// <summary>
/// One origin read of a value or a range, run by the <see cref="ReadCoalescer{T}"/> for all its callers: revalidation
/// ("not modified" re-caches the same bytes with a new expiry), stale-if-error, the "missing" answer, and storing the
/// result through <see cref="CacheCommit"/>. Reports until when what it serves holds. Over a shared tier, a read of a
/// cacheable key first asks the <see cref="IMissCoordinator"/>: if another process was reading it, the value it cached
/// is served instead of a second origin read.
/// </summary>
internal sealed class OriginFetch(
    OriginQuery origin,
    CacheTiers tiers,
    CacheCommit commit,
    StaleEntries stale,
    EntryLifetimes lifetimes,
    StoreCounters counters,
    IMissCoordinator misses,
    ILogger logger)
{
    /// <summary>
    /// Reads <paramref name="range"/> of the request's key (the whole value when null) and caches it under
    /// <paramref name="cacheKey"/>; <paramref name="expired"/> is the expired entry it replaces, if any.
    /// </summary>
    public async ValueTask<ReadOnlyMemory<byte>?> ReadAsync(
        StoreKey cacheKey, ReadRequest request, ByteRange? range, CacheEntry? expired, long version, CancellationToken cancellationToken)
    {
        // Another read may have cached the value between this caller's lookup and its registering this read.
        if (request.Cacheable && expired is null && await tiers.LookupAsync(cacheKey, cancellationToken).ConfigureAwait(false) is { } cached)
        {
            return cached;
        }

        // Held until the value is cached (the shared tier included): then the processes waiting for it find it there.
        var miss = request.Cacheable ? await misses.BeginMissAsync(cacheKey, cancellationToken).ConfigureAwait(false) : NoMissCoordination.Instance;
        await using var release = miss.ConfigureAwait(false);
        // Coordinated either way, look again: a lease taken just after another process cached the value and released
        // its own would otherwise read the origin a second time (seen: 2 GETs of one chunk by 8 processes).
        if (miss.Outcome != SharedMissOutcome.Uncoordinated && await tiers.LookupAsync(cacheKey, cancellationToken).ConfigureAwait(false) is { } shared)
        {
            return shared;
        }

        // Taken before the read: no later than the expiry its value (or its refreshed entry) is cached with.
        var validUntil = lifetimes.ExpiryBoundFor(request);
        using var call = OriginCall.Begin(request.Key, counters, logger);
        OriginOutcome outcome;
        try
        {
            outcome = await origin.ReadAsync(request, range, expired, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            call.Failed(e);
            if (expired is { } old && stale.CanServe(old))
            {
                counters.StaleServed();
                lifetimes.ReportNow();
                return old.Value;
            }

            throw;
        }

        if (outcome.NotModified && expired is { } unchanged)
        {
            counters.Revalidated();
            await commit.StoreAsync(cacheKey, request, unchanged.Value, unchanged.ETag, version).ConfigureAwait(false);
            EntryLifetimes.Report(validUntil);
            return unchanged.Value;
        }

        if (outcome.Value is not { } bytes)
        {
            if (expired is not null)
            {
                await tiers.RemoveAsync(cacheKey, CancellationToken.None).ConfigureAwait(false);
            }

            call.Missing();
            await commit.RememberMissingAsync(request, version, persist: true).ConfigureAwait(false);
            return null;
        }

        call.Read(bytes.Length);
        if (request.Cacheable)
        {
            await commit.StoreAsync(cacheKey, request, bytes, outcome.ETag, version).ConfigureAwait(false);
            EntryLifetimes.Report(validUntil);
        }

        return bytes;
    }
}
