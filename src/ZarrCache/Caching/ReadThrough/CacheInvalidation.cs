using Microsoft.Extensions.Logging;

namespace ZarrCache;

/// <summary>
/// Every change of the cache that is not a read's store: dropping a key (with its ranges, its missing mark and any read
/// of it in flight), replacing a key's cached value, dropping a prefix, clearing. Each runs as a write of the
/// <see cref="WriteFence"/>, so no read that began before it stores an older value after it. Each change is published
/// on the shared tier's backplane once applied here; a change heard from another process is applied the same way, but
/// to the local tiers only (the other process already changed the shared tier).
/// </summary>
internal sealed class CacheInvalidation(
    WriteFence fence,
    CacheTiers tiers,
    MissingKeys missing,
    RangeIndex ranges,
    ReadCoalescer<ReadOnlyMemory<byte>?> reads,
    ReadCoalescer<IReadOnlyList<ReadOnlyMemory<byte>>?> batches,
    IPrefetchHook prefetch,
    SharedLayers shared,
    ILogger logger)
{
    /// <summary>Drops a key, its ranges, its missing mark and any read of it in flight.</summary>
    public async ValueTask InvalidateAsync(StoreKey key, CancellationToken cancellationToken)
    {
        await fence.BeginWriteAsync(key).ConfigureAwait(false);
        try
        {
            await DropAsync(key, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            fence.EndWrite(key);
        }

        Log.Invalidated(logger, key.Value);
        await PublishAsync(CacheChangeKind.Key, key.Value).ConfigureAwait(false);
    }

    /// <summary>Drops a key as <see cref="InvalidateAsync"/> does and caches <paramref name="value"/> for it, inside one write of the key.</summary>
    public async ValueTask ReplaceAsync(StoreKey key, ReadOnlyMemory<byte> value, CancellationToken cancellationToken)
    {
        await fence.BeginWriteAsync(key).ConfigureAwait(false);
        try
        {
            await DropAsync(key, cancellationToken).ConfigureAwait(false);
            await tiers.StoreAsync(key, KeyPolicy.Classify(key), value, null, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            fence.EndWrite(key);
        }

        await PublishAsync(CacheChangeKind.Key, key.Value).ConfigureAwait(false);
    }

    /// <summary>Drops every key under <paramref name="prefix"/>.</summary>
    public async ValueTask RemovePrefixAsync(StorePrefix prefix)
    {
        await fence.BeginWriteAllAsync().ConfigureAwait(false);
        try
        {
            await DropUnderAsync(prefix, localOnly: false).ConfigureAwait(false);
        }
        finally
        {
            fence.EndWriteAll();
        }

        await PublishAsync(CacheChangeKind.Prefix, prefix.Value).ConfigureAwait(false);
    }

    /// <summary>Empties the cache and forgets every missing key.</summary>
    public async ValueTask ClearAsync(CancellationToken cancellationToken)
    {
        await fence.BeginWriteAllAsync().ConfigureAwait(false);
        try
        {
            reads.Clear();
            batches.Clear();
            ranges.Clear();
            missing.Clear();
            await tiers.Cache.ClearAsync(cancellationToken).ConfigureAwait(false);
            prefetch.OnCleared();
        }
        finally
        {
            fence.EndWriteAll();
        }

        await PublishAsync(CacheChangeKind.All, string.Empty).ConfigureAwait(false);
    }

    /// <summary>
    /// Applies a change another process published: as the change itself, inside the same fence writes, but removing
    /// entries from the local tiers only.
    /// </summary>
    public async ValueTask ApplyRemoteAsync(CacheChange change, CancellationToken cancellationToken)
    {
        if (change.Kind != CacheChangeKind.Key)
        {
            await fence.BeginWriteAllAsync().ConfigureAwait(false);
            try
            {
                await DropUnderAsync(change.Kind == CacheChangeKind.Prefix ? new StorePrefix(change.Target) : StorePrefix.Root, localOnly: true).ConfigureAwait(false);
            }
            finally
            {
                fence.EndWriteAll();
            }

            return;
        }

        var key = new StoreKey(change.Target);
        await fence.BeginWriteAsync(key).ConfigureAwait(false);
        try
        {
            await DropAsync(key, cancellationToken, localOnly: true).ConfigureAwait(false);
        }
        finally
        {
            fence.EndWrite(key);
        }

        Log.Invalidated(logger, key.Value);
    }

    /// <summary>Tells the other processes (a backplane failure is the backplane's to log and count: never thrown at the writer).</summary>
    private ValueTask PublishAsync(CacheChangeKind kind, string target) =>
        shared.Backplane.PublishAsync(new CacheChange(kind, target), CancellationToken.None);

    private async ValueTask DropAsync(StoreKey key, CancellationToken cancellationToken, bool localOnly = false)
    {
        reads.Forget(key);
        if (localOnly)
        {
            await shared.DropLocalAsync(missing.ForgetInProcess(key), cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await missing.ForgetAsync(key, cancellationToken).ConfigureAwait(false);
        }

        await RemoveAsync(key, localOnly, cancellationToken).ConfigureAwait(false);
        prefetch.OnGone(key);
        foreach (var rangeKey in ranges.Remove(key))
        {
            reads.Forget(rangeKey);
            await RemoveAsync(rangeKey, localOnly, cancellationToken).ConfigureAwait(false);
        }
    }

    private async ValueTask DropUnderAsync(StorePrefix prefix, bool localOnly)
    {
        ranges.RemoveUnder(prefix);
        reads.ForgetUnder(prefix);
        batches.ForgetUnder(prefix);
        missing.ForgetUnder(prefix);
        if (localOnly)
        {
            await shared.DropLocalUnderAsync(prefix, CancellationToken.None).ConfigureAwait(false);
        }
        else
        {
            await tiers.Cache.RemovePrefixAsync(prefix, CancellationToken.None).ConfigureAwait(false);
        }

        prefetch.OnGoneUnder(prefix);
    }

    private ValueTask RemoveAsync(StoreKey cacheKey, bool localOnly, CancellationToken cancellationToken) =>
        localOnly ? shared.DropLocalAsync(cacheKey, cancellationToken) : tiers.RemoveAsync(cacheKey, cancellationToken);
}
