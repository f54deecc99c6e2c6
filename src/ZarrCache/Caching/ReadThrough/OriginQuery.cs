namespace ZarrCache;

/// <summary>
/// How one origin read is asked, picked once for the origin: plainly, or, for an <see cref="IVersionedStore"/>, whole
/// cacheable values with their ETag and an expired entry that has one with a conditional read (If-None-Match).
/// </summary>
internal abstract class OriginQuery
{
    /// <summary>The query for <paramref name="store"/>.</summary>
    public static OriginQuery For(IReadableStore store) =>
        store is IVersionedStore versioned ? new Versioned(store, versioned) : new Plain(store);

    /// <summary>Whether an expired entry with an ETag can be revalidated.</summary>
    public abstract bool Revalidates { get; }

    /// <summary>Runs one read: of <paramref name="range"/> when set; <paramref name="stale"/> is the expired entry it replaces.</summary>
    public abstract ValueTask<OriginOutcome> ReadAsync(ReadRequest request, ByteRange? range, CacheEntry? stale, CancellationToken cancellationToken);

    private static async ValueTask<OriginOutcome> ReadPlainAsync(IReadableStore store, StoreKey key, ByteRange? range, CancellationToken cancellationToken) =>
        new(false, range is { } r
            ? await store.GetRangeAsync(key, r, cancellationToken).ConfigureAwait(false)
            : await store.GetAsync(key, cancellationToken).ConfigureAwait(false), null);

    private sealed class Plain(IReadableStore store) : OriginQuery
    {
        public override bool Revalidates => false;

        public override ValueTask<OriginOutcome> ReadAsync(ReadRequest request, ByteRange? range, CacheEntry? stale, CancellationToken cancellationToken) =>
            ReadPlainAsync(store, request.Key, range, cancellationToken);
    }

    private sealed class Versioned(IReadableStore store, IVersionedStore versioned) : OriginQuery
    {
        public override bool Revalidates => true;

        public override async ValueTask<OriginOutcome> ReadAsync(ReadRequest request, ByteRange? range, CacheEntry? stale, CancellationToken cancellationToken)
        {
            var key = request.Key;
            if (range is not null || !request.Cacheable)
            {
                return await ReadPlainAsync(store, key, range, cancellationToken).ConfigureAwait(false);
            }

            if (stale is { ETag: { } etag })
            {
                var result = await versioned.GetIfNoneMatchAsync(key, etag, cancellationToken).ConfigureAwait(false);
                if (result.IsNotModified)
                {
                    return new OriginOutcome(true, null, etag);
                }

                return result.Value is { } changed ? new OriginOutcome(false, changed.Bytes, changed.ETag) : default;
            }

            return await versioned.GetWithVersionAsync(key, cancellationToken).ConfigureAwait(false) is { } value
                ? new OriginOutcome(false, value.Bytes, value.ETag)
                : default;
        }
    }
}

/// <summary>What one origin read gave: "not modified", or the value (null when missing) with its ETag.</summary>
internal readonly record struct OriginOutcome(bool NotModified, ReadOnlyMemory<byte>? Value, string? ETag);
