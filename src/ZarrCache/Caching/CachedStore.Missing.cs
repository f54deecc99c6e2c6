namespace ZarrCache;

/// <summary>
/// Missing keys that outlive the process: over a persistent cache (a <see cref="DiskCache"/>, or a
/// <see cref="TieredCache"/> with one), a key remembered as missing is also stored as an empty marker entry under the
/// key followed by a NUL and <c>missing</c> (a name no store key can have, so a marker never hides or replaces a real
/// value) that expires after <see cref="CacheConfig.NegativeCacheTtl"/>, so a new process over a warm disk cache does
/// not ask the origin again for the metadata files an array does not have.
/// </summary>
public sealed partial class CachedStore
{
    private const string MissingMarkerSuffix = "\0missing";

    private bool PersistsMissing => _expiring is not null && Cache is DiskCache or TieredCache;

    /// <summary>The marker's cache key: outside the key space (NUL), under the key's prefix (a prefix removal drops it).</summary>
    private static StoreKey MissingMarkerOf(StoreKey key) => StoreKey.CreateDerived(key.Value + MissingMarkerSuffix);

    private async ValueTask<ReadOnlyMemory<byte>?> ReadMissCheckingMarkerAsync(StoreKey key, bool cacheable, CancellationToken cancellationToken)
    {
        // Not copied into the in-process negative cache: a marker read while a write of the key removes it may be
        // stale, and a copy would outlive the write. The marker itself is removed before the write completes.
        var marker = await _expiring!.GetEntryAsync(MissingMarkerOf(key), cancellationToken).ConfigureAwait(false);
        if (marker is { } entry && !IsExpired(entry))
        {
            _negativeHits.Increment();
            ReportExpiry(entry.ExpiresAtUtcTicks);
            return null;
        }

        CountMiss();
        return await LoadAsync(key, key, cacheable, new OriginRead(_store, key, null, null), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Remembers <paramref name="key"/> as missing (when the policy allows) under the same rule as
    /// <see cref="CacheUnlessRacedAsync"/>, and reports until when the missing answer holds: the mark's expiry, or now
    /// when it is not remembered (nothing then for a key the policy does not cache, as a plain store).
    /// </summary>
    private async ValueTask RememberMissingUnlessRacedAsync(StoreKey key, long version, bool persist, bool cacheable)
    {
        if (!_policy.ShouldCacheMissing(key) || !_fence.TryEnter(key, version))
        {
            if (cacheable)
            {
                ReportNow();
            }

            return;
        }

        try
        {
            ReportExpiry(_negative.Add(key));
            if (persist)
            {
                await MarkMissingAsync(key).ConfigureAwait(false);
            }
        }
        finally
        {
            _fence.Exit(key);
        }
    }

    private async ValueTask MarkMissingAsync(StoreKey key)
    {
        if (!PersistsMissing)
        {
            return;
        }

        var ttl = Config.NegativeCacheTtl;
        var options = ttl == Timeout.InfiniteTimeSpan ? CacheEntryOptions.None : CacheEntryOptions.ExpiringAt(_time.GetUtcNow() + ttl);
        await _expiring!.SetAsync(MissingMarkerOf(key), ReadOnlyMemory<byte>.Empty, options, CancellationToken.None).ConfigureAwait(false);
    }

    private ValueTask UnmarkMissingAsync(StoreKey key, CancellationToken cancellationToken) =>
        PersistsMissing ? Cache.RemoveAsync(MissingMarkerOf(key), cancellationToken) : default;
}
