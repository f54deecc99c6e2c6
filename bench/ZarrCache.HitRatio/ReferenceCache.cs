namespace ZarrCache.HitRatio;

/// <summary>
/// A single-threaded, byte-bounded cache for the simulator only: the policies that have no production class here
/// (exact LRU, weighted W-TinyLFU) implement <see cref="ICache"/> over it, so <see cref="PolicyReplayer"/> replays them
/// like the real caches. Values are not stored (only their sizes): the simulator never reads them back.
/// </summary>
public abstract class ReferenceCache : ICache
{
    protected ReferenceCache(long maxSize) => MaxSize = maxSize;

    /// <inheritdoc />
    public long Size { get; protected set; }

    /// <inheritdoc />
    public long MaxSize { get; }

    /// <inheritdoc />
    public CacheStats Stats => new() { BytesHeld = Size };

    /// <inheritdoc />
    public ValueTask<ReadOnlyMemory<byte>?> GetAsync(StoreKey key, CancellationToken cancellationToken = default) =>
        new(Touch(key.Value) ? ReadOnlyMemory<byte>.Empty : (ReadOnlyMemory<byte>?)null);

    /// <inheritdoc />
    public ValueTask SetAsync(StoreKey key, ReadOnlyMemory<byte> value, CancellationToken cancellationToken = default)
    {
        if (value.Length <= MaxSize)
        {
            Insert(key.Value, value.Length);
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask RemoveAsync(StoreKey key, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    /// <inheritdoc />
    public ValueTask RemovePrefixAsync(StorePrefix prefix, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    /// <inheritdoc />
    public ValueTask ClearAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();

    /// <summary>Records an access; returns whether the key is held.</summary>
    protected abstract bool Touch(string key);

    /// <summary>Inserts a key not held (the replayer inserts only after a miss), then evicts until the budget holds.</summary>
    protected abstract void Insert(string key, int size);
}
