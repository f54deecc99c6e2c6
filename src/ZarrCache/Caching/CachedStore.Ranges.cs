using System.Collections.Concurrent;

namespace ZarrCache;

/// <summary>Range reads: each range is cached as an entry of its own that belongs to its key.</summary>
public sealed partial class CachedStore
{
    /// <inheritdoc />
    public async ValueTask<ReadOnlyMemory<byte>?> GetRangeAsync(StoreKey key, ByteRange range, CancellationToken cancellationToken = default)
    {
        var cacheable = _policy.ShouldCache(key);
        if (cacheable)
        {
            if (await LookupAsync(key, cancellationToken).ConfigureAwait(false) is { } whole)
            {
                var slice = range.Slice(whole);
                CountHit(key, slice.Length);
                return slice;
            }

            if (TryGetRangeKey(key, range, out var known) && await LookupAsync(known, cancellationToken).ConfigureAwait(false) is { } part)
            {
                CountHit(known, part.Length);
                return part;
            }
        }

        if (IsKnownMissing(key))
        {
            _negativeHits.Increment();
            return null;
        }

        CountMiss();
        var rangeKey = cacheable ? RangeKeyOf(key, range) : DerivedRangeKey(key, range);
        return await LoadAsync(rangeKey, key, cacheable, new OriginRead(_store, key, range, null), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <remarks>
    /// Ranges found in the cache are served from it; the others are read from the origin in one call and cached.
    /// When one range is missing it is read as <see cref="GetRangeAsync"/> does, coalesced with concurrent reads of it;
    /// a call for several missing ranges is not coalesced with concurrent reads of the same ranges.
    /// </remarks>
    public async ValueTask<IReadOnlyList<ReadOnlyMemory<byte>>?> GetRangesAsync(
        StoreKey key, IReadOnlyList<ByteRange> ranges, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ranges);
        var cacheable = _policy.ShouldCache(key);
        var results = new ReadOnlyMemory<byte>[ranges.Count];
        List<int>? missing = null;
        if (cacheable && await LookupAsync(key, cancellationToken).ConfigureAwait(false) is { } whole)
        {
            for (var i = 0; i < results.Length; i++)
            {
                results[i] = ranges[i].Slice(whole);
                CountHit(key, results[i].Length);
            }

            return results;
        }

        for (var i = 0; i < results.Length; i++)
        {
            if (cacheable && TryGetRangeKey(key, ranges[i], out var known) && await LookupAsync(known, cancellationToken).ConfigureAwait(false) is { } part)
            {
                results[i] = part;
                CountHit(known, part.Length);
            }
            else
            {
                (missing ??= []).Add(i);
            }
        }

        if (missing is null)
        {
            return results;
        }

        if (IsKnownMissing(key))
        {
            _negativeHits.Increment();
            return null;
        }

        if (missing.Count == 1 && cacheable)
        {
            // One range: read it like GetRangeAsync, so concurrent readers (and prefetches) of it share one origin read.
            CountMiss();
            var only = missing[0];
            var one = await LoadAsync(RangeKeyOf(key, ranges[only]), key, cacheable, new OriginRead(_store, key, ranges[only], null), cancellationToken).ConfigureAwait(false);
            if (one is not { } oneBytes)
            {
                return null;
            }

            results[only] = oneBytes;
            return results;
        }

        CountMiss();
        var version = _fence.VersionOf(key);
        var validUntil = cacheable ? ExpiryBoundFor(key) : CacheEntry.NeverExpires; // Before the read: a lower bound of the cached ranges' expiry.
        var wanted = missing.ConvertAll(i => ranges[i]);
        Interlocked.Increment(ref _originReads);
        var fetched = await _store.GetRangesAsync(key, wanted, cancellationToken).ConfigureAwait(false);
        if (fetched is null)
        {
            Interlocked.Increment(ref _originMisses);
            await RememberMissingUnlessRacedAsync(key, version, persist: false, cacheable).ConfigureAwait(false);
            return null;
        }

        if (fetched.Count != wanted.Count)
        {
            throw new StoreException(key, $"the origin returned {fetched.Count} ranges for {wanted.Count} requested.");
        }

        for (var j = 0; j < wanted.Count; j++)
        {
            var bytes = fetched[j];
            results[missing[j]] = bytes;
            Interlocked.Add(ref _originBytes, bytes.Length);
            if (cacheable)
            {
                await CacheUnlessRacedAsync(RangeKeyOf(key, wanted[j]), key, bytes, null, version).ConfigureAwait(false);
            }
        }

        ReportExpiry(validUntil);
        return results;
    }

    /// <summary>The cache key of a range of <paramref name="key"/>: the key, a NUL (never part of a real key), the range.</summary>
    private static StoreKey DerivedRangeKey(StoreKey key, ByteRange range) =>
        StoreKey.CreateDerived(string.Concat(key.Value, "\0", range.ToHttpHeaderValue()));

    private bool TryGetRangeKey(StoreKey key, ByteRange range, out StoreKey rangeKey)
    {
        if (_rangeKeys.TryGetValue(key, out var ranges) && ranges.TryGetValue(range, out rangeKey))
        {
            return true;
        }

        rangeKey = default;
        return false;
    }

    /// <summary>The cache key of a range, registered under its key so that invalidating the key drops it.</summary>
    private StoreKey RangeKeyOf(StoreKey key, ByteRange range)
    {
        var ranges = _rangeKeys.GetOrAdd(key, static _ => new ConcurrentDictionary<ByteRange, StoreKey>());
        if (ranges.Count >= MaxRangesPerKey)
        {
            // Bound the index: forget the ranges (their cache entries are evicted in time, or dropped with the key prefix).
            ranges.Clear();
        }

        return ranges.GetOrAdd(range, static (r, k) => DerivedRangeKey(k, r), key);
    }
}
