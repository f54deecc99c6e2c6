namespace ZarrCache.Tests.TestSupport;

/// <summary>
/// The base of a test store decorator: every call goes to <see cref="Inner"/> unless the decorator overrides it (most
/// change only <see cref="GetAsync"/>).
/// </summary>
/// <typeparam name="TInner">The store below.</typeparam>
internal abstract class DelegatingStore<TInner>(TInner inner) : IReadableStore
    where TInner : IReadableStore
{
    /// <summary>The store below.</summary>
    public TInner Inner { get; } = inner;

    public virtual ValueTask<ReadOnlyMemory<byte>?> GetAsync(StoreKey key, CancellationToken cancellationToken = default) =>
        Inner.GetAsync(key, cancellationToken);

    public virtual ValueTask<ReadOnlyMemory<byte>?> GetRangeAsync(StoreKey key, ByteRange range, CancellationToken cancellationToken = default) =>
        Inner.GetRangeAsync(key, range, cancellationToken);

    public virtual ValueTask<IReadOnlyList<ReadOnlyMemory<byte>>?> GetRangesAsync(StoreKey key, IReadOnlyList<ByteRange> ranges, CancellationToken cancellationToken = default) =>
        Inner.GetRangesAsync(key, ranges, cancellationToken);

    public virtual ValueTask<long?> GetSizeAsync(StoreKey key, CancellationToken cancellationToken = default) => Inner.GetSizeAsync(key, cancellationToken);
}
