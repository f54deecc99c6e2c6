namespace ZarrCache;

/// <summary>Listing and writing: passed to the origin, with the cache updated or invalidated after a write.</summary>
public sealed partial class CachedStore
{
    /// <inheritdoc />
    /// <exception cref="NotSupportedException">The origin cannot list keys.</exception>
    public IAsyncEnumerable<StoreKey> ListAsync(StorePrefix prefix, CancellationToken cancellationToken = default) =>
        Listable.ListAsync(prefix, cancellationToken);

    /// <inheritdoc />
    /// <exception cref="NotSupportedException">The origin cannot list keys.</exception>
    public IAsyncEnumerable<StoreEntry> ListDirAsync(StorePrefix prefix, CancellationToken cancellationToken = default) =>
        Listable.ListDirAsync(prefix, cancellationToken);

    /// <inheritdoc />
    /// <remarks>
    /// Writes of one key through this store are serialized (origin write, then cache update), so the cache ends
    /// with the value the origin received last.
    /// </remarks>
    /// <exception cref="NotSupportedException">The origin cannot be written.</exception>
    public async ValueTask SetAsync(StoreKey key, ReadOnlyMemory<byte> value, CancellationToken cancellationToken = default)
    {
        var writable = Writable;
        var writeLock = WriteLockOf(key);
        await writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Taken before the origin write; this write's own invalidation advances it by two (begin and end). Any other
            // advance means a concurrent prefix delete or clear may have removed the value from the origin after this write.
            var version = _fence.VersionOf(key) + 2;
            try
            {
                await writable.SetAsync(key, value, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                // Even a failed or cancelled write may have changed the origin: never keep serving the old value.
                await InvalidateAsync(key, CancellationToken.None).ConfigureAwait(false);
            }

            if (Config.WritePolicy == WritePolicy.Update && _policy.ShouldCache(key))
            {
                await CacheUnlessRacedAsync(key, key, value, null, version).ConfigureAwait(false);
            }
        }
        finally
        {
            writeLock.Release();
        }
    }

    /// <inheritdoc />
    /// <exception cref="NotSupportedException">The origin cannot be written.</exception>
    public async ValueTask DeleteAsync(StoreKey key, CancellationToken cancellationToken = default)
    {
        var writable = Writable;
        var writeLock = WriteLockOf(key);
        await writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await writable.DeleteAsync(key, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await InvalidateAsync(key, CancellationToken.None).ConfigureAwait(false);
            writeLock.Release();
        }
    }

    /// <inheritdoc />
    /// <exception cref="NotSupportedException">The origin cannot be written.</exception>
    public async ValueTask DeletePrefixAsync(StorePrefix prefix, CancellationToken cancellationToken = default)
    {
        var writable = Writable;
        try
        {
            await writable.DeletePrefixAsync(prefix, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await _fence.BeginWriteAllAsync().ConfigureAwait(false);
            try
            {
                foreach (var key in _rangeKeys.Keys)
                {
                    if (key.IsUnder(prefix))
                    {
                        _rangeKeys.TryRemove(key, out _);
                    }
                }

                foreach (var key in _inflight.Keys)
                {
                    if (key.IsUnder(prefix))
                    {
                        _inflight.TryRemove(key, out _);
                    }
                }

                _negative.RemovePrefix(prefix);
                await Cache.RemovePrefixAsync(prefix, CancellationToken.None).ConfigureAwait(false);
                _prefetcher?.OnGoneUnder(prefix);
            }
            finally
            {
                _fence.EndWriteAll();
            }
        }
    }

    private SemaphoreSlim WriteLockOf(StoreKey key) => _writeLocks[(key.GetHashCode() & int.MaxValue) % _writeLocks.Length];

    private IListableStore Listable => _store as IListableStore
        ?? throw new NotSupportedException($"The origin store ({_store.GetType().Name}) cannot list keys, so neither can this CachedStore.");

    private IWritableStore Writable => _store as IWritableStore
        ?? throw new NotSupportedException($"The origin store ({_store.GetType().Name}) cannot be written, so neither can this CachedStore.");

    /// <summary>Drops a key, its ranges, its missing mark and any read of it in flight.</summary>
    private async ValueTask InvalidateAsync(StoreKey key, CancellationToken cancellationToken)
    {
        await _fence.BeginWriteAsync(key).ConfigureAwait(false);
        try
        {
            await InvalidateCoreAsync(key, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _fence.EndWrite(key);
        }

        Log.Invalidated(_logger, key.Value);
    }

    /// <summary>The removals of <see cref="InvalidateAsync"/>, for a caller inside a write of the key.</summary>
    private async ValueTask InvalidateCoreAsync(StoreKey key, CancellationToken cancellationToken)
    {
        _inflight.TryRemove(key, out _);
        _negative.Remove(key);
        await Cache.RemoveAsync(key, cancellationToken).ConfigureAwait(false);
        await UnmarkMissingAsync(key, cancellationToken).ConfigureAwait(false);
        _prefetcher?.OnGone(key);
        if (_rangeKeys.TryRemove(key, out var ranges))
        {
            foreach (var rangeKey in ranges.Values)
            {
                _inflight.TryRemove(rangeKey, out _);
                await Cache.RemoveAsync(rangeKey, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static SemaphoreSlim[] CreateWriteLocks()
    {
        var locks = new SemaphoreSlim[64];
        for (var i = 0; i < locks.Length; i++)
        {
            locks[i] = new SemaphoreSlim(1, 1);
        }

        return locks;
    }
}
