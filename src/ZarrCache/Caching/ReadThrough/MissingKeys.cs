namespace ZarrCache;

/// <summary>
/// Keys known to be missing at the origin: in process (a <see cref="NegativeCache"/> bounded in count) and, over a
/// cache whose entries outlive the process (<see cref="IPersistentCache"/>), as empty marker entries under the key
/// followed by a NUL and <c>missing</c> (a name no store key can have, so a marker never hides or replaces a real value)
/// that expire after <see cref="CacheConfig.NegativeCacheTtl"/>: a new process over a warm disk cache does not ask the
/// origin again for the metadata files an array does not have.
/// </summary>
internal sealed class MissingKeys
{
    private readonly NegativeCache _negative;
    private readonly IExpiringCache? _markers;
    private readonly EntryLifetimes _lifetimes;
    private readonly TimeSpan _ttl;

    public MissingKeys(CacheConfig config, ICache cache, EntryLifetimes lifetimes)
    {
        _negative = new NegativeCache(config.NegativeCacheTtl, config.MaxNegativeEntries, lifetimes.Time);
        _markers = cache is IPersistentCache { IsPersistent: true } persistent ? persistent : null;
        _lifetimes = lifetimes;
        _ttl = config.NegativeCacheTtl;
    }

    /// <summary>How many keys are remembered in process.</summary>
    public int Count => _negative.Count;

    /// <summary>Whether a key is remembered in process, without reporting (for a prefetch's skip test).</summary>
    public bool Contains(StoreKey key) => _negative.IsMissing(key);

    /// <summary>Whether the in-process memory answers "missing" for <paramref name="key"/>; reports the mark's expiry when it does.</summary>
    public bool IsKnown(StoreKey key)
    {
        if (!_negative.IsMissing(key, out var until))
        {
            return false;
        }

        EntryLifetimes.Report(until);
        return true;
    }

    /// <summary>Whether a read of <paramref name="request"/> must look for a persistent marker before the origin.</summary>
    public bool ChecksMarker(in ReadRequest request) => _markers is not null && request.RemembersMissing;

    /// <summary>Whether a live persistent marker says the key is missing; reports its expiry when it does.</summary>
    public async ValueTask<bool> IsMarkedAsync(StoreKey key, CancellationToken cancellationToken)
    {
        // Not copied into the in-process memory: a marker read while a write of the key removes it may be stale, and a
        // copy would outlive the write. The marker itself is removed before the write completes.
        if (_markers is null || await _markers.GetEntryAsync(MarkerOf(key), cancellationToken).ConfigureAwait(false) is not { } entry
            || _lifetimes.IsExpired(entry))
        {
            return false;
        }

        EntryLifetimes.Report(entry.ExpiresAtUtcTicks);
        return true;
    }

    /// <summary>Remembers <paramref name="key"/> as missing (call it inside <see cref="CacheCommit"/>); reports until when.</summary>
    public async ValueTask RememberAsync(StoreKey key, bool persist)
    {
        EntryLifetimes.Report(_negative.Add(key));
        if (persist && _markers is not null)
        {
            var options = _ttl == Timeout.InfiniteTimeSpan ? CacheEntryOptions.None : CacheEntryOptions.ExpiringAt(_lifetimes.Time.GetUtcNow() + _ttl);
            await _markers.SetAsync(MarkerOf(key), ReadOnlyMemory<byte>.Empty, options, CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>Forgets that <paramref name="key"/> is missing, in process and on disk.</summary>
    public ValueTask ForgetAsync(StoreKey key, CancellationToken cancellationToken)
    {
        _negative.Remove(key);
        return _markers is null ? default : _markers.RemoveAsync(MarkerOf(key), cancellationToken);
    }

    /// <summary>Forgets that <paramref name="key"/> is missing in process only; returns its marker's cache key (for the caller to drop where it must).</summary>
    public StoreKey ForgetInProcess(StoreKey key)
    {
        _negative.Remove(key);
        return MarkerOf(key);
    }

    /// <summary>Forgets the keys under <paramref name="prefix"/> in process (their markers go with the cache's prefix removal).</summary>
    public void ForgetUnder(StorePrefix prefix) => _negative.RemovePrefix(prefix);

    /// <summary>Forgets every key in process (the markers go with the cache's clear).</summary>
    public void Clear() => _negative.Clear();

    /// <summary>The marker's cache key: outside the key space (NUL), under the key's prefix (a prefix removal drops it).</summary>
    private static StoreKey MarkerOf(StoreKey key) => StoreKey.Derive(key, "missing");
}
