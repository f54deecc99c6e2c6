using Microsoft.Extensions.Logging;

namespace ZarrCache;

/// <summary>
/// Every change of the cache that is not a read's store: dropping a key (with its ranges, its missing mark and any read
/// of it in flight), replacing a key's cached value, dropping a prefix, clearing. Each runs as a write of the
/// <see cref="WriteFence"/>, so no read that began before it stores an older value after it.
/// </summary>
internal sealed class CacheInvalidation(
    WriteFence fence,
    CacheTiers tiers,
    MissingKeys missing,
    RangeIndex ranges,
    ReadCoalescer<ReadOnlyMemory<byte>?> reads,
    ReadCoalescer<IReadOnlyList<ReadOnlyMemory<byte>>?> batches,
    IPrefetchHook prefetch,
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
    }

    /// <summary>Drops every key under <paramref name="prefix"/>.</summary>
    public async ValueTask RemovePrefixAsync(StorePrefix prefix)
    {
        await fence.BeginWriteAllAsync().ConfigureAwait(false);
        try
        {
            ranges.RemoveUnder(prefix);
            reads.ForgetUnder(prefix);
            batches.ForgetUnder(prefix);
            missing.ForgetUnder(prefix);
            await tiers.Cache.RemovePrefixAsync(prefix, CancellationToken.None).ConfigureAwait(false);
            prefetch.OnGoneUnder(prefix);
        }
        finally
        {
            fence.EndWriteAll();
        }
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
    }

    private async ValueTask DropAsync(StoreKey key, CancellationToken cancellationToken)
    {
        reads.Forget(key);
        await missing.ForgetAsync(key, cancellationToken).ConfigureAwait(false);
        await tiers.RemoveAsync(key, cancellationToken).ConfigureAwait(false);
        prefetch.OnGone(key);
        foreach (var rangeKey in ranges.Remove(key))
        {
            reads.Forget(rangeKey);
            await tiers.RemoveAsync(rangeKey, cancellationToken).ConfigureAwait(false);
        }
    }
}
