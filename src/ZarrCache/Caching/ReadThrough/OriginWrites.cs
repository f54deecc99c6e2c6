namespace ZarrCache;

/// <summary>
/// The write path of a cached store over a writable origin: the origin write, then the cache invalidated (and, with
/// <see cref="WritePolicy.Update"/>, updated). Writes of one key are serialized, so the cache ends with the value the
/// origin received last.
/// </summary>
internal sealed class OriginWrites(IWritableStore origin, KeyPolicy policy, WritePolicy writePolicy, CacheInvalidation invalidation, CacheCommit commit)
{
    private readonly SemaphoreSlim[] _locks = CreateLocks();

    public async ValueTask SetAsync(StoreKey key, ReadOnlyMemory<byte> value, CancellationToken cancellationToken)
    {
        var writeLock = LockOf(key);
        await writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Taken before the origin write; this write's own invalidation advances it by two (begin and end). Any other
            // advance means a concurrent prefix delete or clear may have removed the value from the origin after this write.
            var version = commit.VersionOf(key) + 2;
            try
            {
                await origin.SetAsync(key, value, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                // Even a failed or cancelled write may have changed the origin: never keep serving the old value.
                await invalidation.InvalidateAsync(key, CancellationToken.None).ConfigureAwait(false);
            }

            var request = ReadRequest.For(policy, key);
            if (writePolicy == WritePolicy.Update && request.Cacheable)
            {
                await commit.StoreAsync(key, request, value, null, version).ConfigureAwait(false);
            }
        }
        finally
        {
            writeLock.Release();
        }
    }

    public async ValueTask DeleteAsync(StoreKey key, CancellationToken cancellationToken)
    {
        var writeLock = LockOf(key);
        await writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await origin.DeleteAsync(key, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await invalidation.InvalidateAsync(key, CancellationToken.None).ConfigureAwait(false);
            writeLock.Release();
        }
    }

    public async ValueTask DeletePrefixAsync(StorePrefix prefix, CancellationToken cancellationToken)
    {
        try
        {
            await origin.DeletePrefixAsync(prefix, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await invalidation.RemovePrefixAsync(prefix).ConfigureAwait(false);
        }
    }

    private SemaphoreSlim LockOf(StoreKey key) => _locks[(key.GetHashCode() & int.MaxValue) % _locks.Length];

    private static SemaphoreSlim[] CreateLocks()
    {
        var locks = new SemaphoreSlim[64];
        for (var i = 0; i < locks.Length; i++)
        {
            locks[i] = new SemaphoreSlim(1, 1);
        }

        return locks;
    }
}
