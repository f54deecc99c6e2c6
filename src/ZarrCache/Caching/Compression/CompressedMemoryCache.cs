namespace ZarrCache;

/// <summary>
/// A memory tier that stores entries through an <see cref="EntryCodec"/> frame (<see cref="CacheConfig.CompressMemoryTier"/>).
/// Sizes count stored bytes. A hit of a compressed entry decompresses into a new array: such hits allocate and copy,
/// which is why memory compression is off unless asked for. A hit of an entry stored raw is a slice (no copy).
/// </summary>
internal sealed class CompressedMemoryCache : IExpiringCache, IEvictionSource
{
    private readonly IMemoryTier _inner;
    private readonly EntryCodec _codec;
    private readonly long _maxRawLength;
    private long _corrupt;

    public CompressedMemoryCache(IMemoryTier inner, EntryCodec codec, long maxRawLength)
    {
        _inner = inner;
        _codec = codec;
        _maxRawLength = maxRawLength;
        _inner.EntryEvicted += OnInnerEvicted;
    }

    public event EventHandler<CacheEntryEvictedEventArgs>? EntryEvicted;

    public IMemoryTier Inner => _inner;

    public long Size => _inner.Size;

    public long MaxSize => _inner.MaxSize;

    public CacheStats Stats => _inner.Stats with { CorruptEntries = Volatile.Read(ref _corrupt) };

    public ValueTask<ReadOnlyMemory<byte>?> GetAsync(StoreKey key, CancellationToken cancellationToken = default) =>
        new(TryGetEntry(key, out var entry) ? entry.Value : (ReadOnlyMemory<byte>?)null);

    public ValueTask<CacheEntry?> GetEntryAsync(StoreKey key, CancellationToken cancellationToken = default) =>
        new(TryGetEntry(key, out var entry) ? entry : null);

    public ValueTask SetAsync(StoreKey key, ReadOnlyMemory<byte> value, CancellationToken cancellationToken = default) =>
        SetAsync(key, value, CacheEntryOptions.None, cancellationToken);

    public ValueTask SetAsync(StoreKey key, ReadOnlyMemory<byte> value, CacheEntryOptions options, CancellationToken cancellationToken = default)
    {
        if (value.Length > _maxRawLength)
        {
            _inner.Remove(key);
            return ValueTask.CompletedTask;
        }

        _inner.Set(key, _codec.EncodeFramed(value.Span), options);
        return ValueTask.CompletedTask;
    }

    public ValueTask RemoveAsync(StoreKey key, CancellationToken cancellationToken = default) => _inner.RemoveAsync(key, cancellationToken);

    public ValueTask RemovePrefixAsync(StorePrefix prefix, CancellationToken cancellationToken = default) => _inner.RemovePrefixAsync(prefix, cancellationToken);

    public ValueTask ClearAsync(CancellationToken cancellationToken = default) => _inner.ClearAsync(cancellationToken);

    private bool TryGetEntry(StoreKey key, out CacheEntry entry)
    {
        entry = default;
        if (!_inner.TryGetEntry(key, out var stored))
        {
            return false;
        }

        try
        {
            entry = new CacheEntry(EntryCodec.DecodeFramed(stored.Value, _maxRawLength), stored.ExpiresAtUtcTicks, stored.ETag) { Tier = stored.Tier };
            return true;
        }
        catch (InvalidDataException)
        {
            Interlocked.Increment(ref _corrupt);
            _inner.Remove(key);
            return false;
        }
    }

    private void OnInnerEvicted(object? sender, CacheEntryEvictedEventArgs e)
    {
        if (EntryEvicted is not { } handler)
        {
            return;
        }

        try
        {
            var raw = EntryCodec.DecodeFramed(e.Entry.Value, _maxRawLength);
            handler(this, new CacheEntryEvictedEventArgs(e.Key, new CacheEntry(raw, e.Entry.ExpiresAtUtcTicks, e.Entry.ETag)));
        }
        catch (InvalidDataException)
        {
            Interlocked.Increment(ref _corrupt);
        }
    }
}
