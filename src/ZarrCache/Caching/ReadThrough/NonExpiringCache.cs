namespace ZarrCache;

/// <summary>
/// An <see cref="ICache"/> that stores no expiries, seen as an <see cref="IExpiringCache"/> whose entries never expire
/// (and keep no ETag): picked once at construction, so the read path has one shape for every cache.
/// </summary>
internal sealed class NonExpiringCache(ICache inner) : IExpiringCache
{
    public long Size => inner.Size;

    public long MaxSize => inner.MaxSize;

    public CacheStats Stats => inner.Stats;

    public ValueTask<CacheEntry?> GetEntryAsync(StoreKey key, CancellationToken cancellationToken = default)
    {
        var lookup = inner.GetAsync(key, cancellationToken);
        return lookup.IsCompletedSuccessfully ? new(EntryOf(lookup.Result)) : SlowAsync(lookup);
    }

    public ValueTask<ReadOnlyMemory<byte>?> GetAsync(StoreKey key, CancellationToken cancellationToken = default) => inner.GetAsync(key, cancellationToken);

    public ValueTask SetAsync(StoreKey key, ReadOnlyMemory<byte> value, CacheEntryOptions options, CancellationToken cancellationToken = default) =>
        inner.SetAsync(key, value, cancellationToken);

    public ValueTask SetAsync(StoreKey key, ReadOnlyMemory<byte> value, CancellationToken cancellationToken = default) => inner.SetAsync(key, value, cancellationToken);

    public ValueTask RemoveAsync(StoreKey key, CancellationToken cancellationToken = default) => inner.RemoveAsync(key, cancellationToken);

    public ValueTask RemovePrefixAsync(StorePrefix prefix, CancellationToken cancellationToken = default) => inner.RemovePrefixAsync(prefix, cancellationToken);

    public ValueTask ClearAsync(CancellationToken cancellationToken = default) => inner.ClearAsync(cancellationToken);

    private static CacheEntry? EntryOf(ReadOnlyMemory<byte>? value) =>
        value is { } bytes ? new CacheEntry(bytes, CacheEntry.NeverExpires) : null;

    private static async ValueTask<CacheEntry?> SlowAsync(ValueTask<ReadOnlyMemory<byte>?> lookup) => EntryOf(await lookup.ConfigureAwait(false));
}
