using Microsoft.Extensions.Logging;

namespace ZarrCache;

/// <summary>
/// Range reads: a range is served from the whole value when that is cached, else from a cached range that holds it
/// (<see cref="RangeIndex"/>); a missing range is read like a whole value (coalesced, cached as an entry of its own that
/// belongs to its key), and several missing ranges are read in one origin call that is coalesced, traced, logged and
/// counted the same way (<see cref="ReadCoalescer{T}"/>, <see cref="OriginCall"/>).
/// </summary>
internal sealed class RangeReads(
    KeyPolicy policy,
    IReadableStore store,
    CacheTiers tiers,
    RangeIndex index,
    MissingKeys missing,
    ReadPipeline pipeline,
    ReadCoalescer<IReadOnlyList<ReadOnlyMemory<byte>>?> batches,
    CacheCommit commit,
    EntryLifetimes lifetimes,
    StoreCounters counters,
    ILogger logger)
{
    public async ValueTask<ReadOnlyMemory<byte>?> GetRangeAsync(StoreKey key, ByteRange range, CancellationToken cancellationToken)
    {
        var request = ReadRequest.For(policy, key);
        if (request.Cacheable)
        {
            if (await tiers.LookupEntryAsync(key, cancellationToken).ConfigureAwait(false) is { } whole)
            {
                var slice = range.Slice(whole.Value);
                counters.Hit(key, slice.Length, whole);
                return slice;
            }

            if (await FindCachedAsync(key, range, cancellationToken).ConfigureAwait(false) is { } part)
            {
                return part;
            }
        }

        if (missing.IsKnown(key))
        {
            counters.NegativeHit();
            return null;
        }

        var cacheKey = request.Cacheable ? index.Register(key, range) : RangeIndex.Unregistered(key, range);
        return await counters.Miss(cacheKey, pipeline.LoadAsync(cacheKey, request, range, null, cancellationToken)).ConfigureAwait(false);
    }

    public async ValueTask<IReadOnlyList<ReadOnlyMemory<byte>>?> GetRangesAsync(
        StoreKey key, IReadOnlyList<ByteRange> ranges, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ranges);
        var request = ReadRequest.For(policy, key);
        var results = new ReadOnlyMemory<byte>[ranges.Count];
        if (request.Cacheable && await tiers.LookupEntryAsync(key, cancellationToken).ConfigureAwait(false) is { } whole)
        {
            for (var i = 0; i < results.Length; i++)
            {
                results[i] = ranges[i].Slice(whole.Value);
                counters.Hit(key, results[i].Length, whole);
            }

            return results;
        }

        List<int>? absent = null;
        for (var i = 0; i < results.Length; i++)
        {
            if (request.Cacheable && await FindCachedAsync(key, ranges[i], cancellationToken).ConfigureAwait(false) is { } part)
            {
                results[i] = part;
            }
            else
            {
                (absent ??= []).Add(i);
            }
        }

        if (absent is null)
        {
            return results;
        }

        if (missing.IsKnown(key))
        {
            counters.NegativeHit();
            return null;
        }

        if (absent.Count == 1 && request.Cacheable)
        {
            // One range: read it as GetRangeAsync does, so concurrent readers (and prefetches) of it share one origin read.
            var only = ranges[absent[0]];
            var onlyKey = index.Register(key, only);
            if (await counters.Miss(onlyKey, pipeline.LoadAsync(onlyKey, request, only, null, cancellationToken)).ConfigureAwait(false) is not { } one)
            {
                return null;
            }

            results[absent[0]] = one;
            return results;
        }

        var wanted = absent.ConvertAll(i => ranges[i]);
        var batchKey = StoreKey.Derive(key, string.Join(',', wanted.Select(r => r.ToHttpHeaderValue())));
        var fetched = await counters.Miss(batchKey, batches.LoadAsync(
            batchKey, key, (version, token) => ReadBatchAsync(request, wanted, version, token), null, cancellationToken)).ConfigureAwait(false);
        if (fetched is null)
        {
            return null;
        }

        for (var j = 0; j < wanted.Count; j++)
        {
            results[absent[j]] = fetched[j];
        }

        return results;
    }

    /// <summary>A cached range (or the bytes of one that holds it) for <paramref name="range"/>, counted as a hit.</summary>
    private async ValueTask<ReadOnlyMemory<byte>?> FindCachedAsync(StoreKey key, ByteRange range, CancellationToken cancellationToken)
    {
        foreach (var (cacheKey, cached) in index.Candidates(key, range))
        {
            if (await tiers.LookupEntryAsync(cacheKey, cancellationToken).ConfigureAwait(false) is { } entry
                && RangeIndex.Within(cached, entry.Value, range) is { } part)
            {
                counters.Hit(cacheKey, part.Length, entry);
                return part;
            }
        }

        return null;
    }

    /// <summary>One origin call for several ranges, run by the batch coalescer for all its callers.</summary>
    private async ValueTask<IReadOnlyList<ReadOnlyMemory<byte>>?> ReadBatchAsync(
        ReadRequest request, List<ByteRange> wanted, long version, CancellationToken cancellationToken)
    {
        var key = request.Key;
        var validUntil = lifetimes.ExpiryBoundFor(request); // Before the read: a lower bound of the cached ranges' expiry.
        using var call = OriginCall.Begin(key, counters, logger);
        IReadOnlyList<ReadOnlyMemory<byte>>? fetched;
        try
        {
            fetched = await store.GetRangesAsync(key, wanted, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            call.Failed(e);
            throw;
        }

        if (fetched is null)
        {
            call.Missing();
            await commit.RememberMissingAsync(request, version, persist: false).ConfigureAwait(false);
            return null;
        }

        if (fetched.Count != wanted.Count)
        {
            throw new StoreException(key, $"the origin returned {fetched.Count} ranges for {wanted.Count} requested.");
        }

        call.Read(fetched.Sum(static b => (long)b.Length));
        if (request.Cacheable)
        {
            for (var j = 0; j < wanted.Count; j++)
            {
                await commit.StoreAsync(index.Register(key, wanted[j]), request, fetched[j], null, version).ConfigureAwait(false);
            }
        }

        EntryLifetimes.Report(validUntil);
        return fetched;
    }
}
