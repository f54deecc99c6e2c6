namespace ZarrCache.Tests.TestSupport;

/// <summary>An origin that takes 2 ms per read, as a (very fast) remote store would: prefetch workers then start before the reader arrives.</summary>
internal sealed class SlowStore(IReadableStore inner) : IReadableStore
{
    private static readonly TimeSpan Latency = TimeSpan.FromMilliseconds(2);

    public async ValueTask<ReadOnlyMemory<byte>?> GetAsync(StoreKey key, CancellationToken cancellationToken = default)
    {
        await Task.Delay(Latency, cancellationToken);
        return await inner.GetAsync(key, cancellationToken);
    }

    public async ValueTask<ReadOnlyMemory<byte>?> GetRangeAsync(StoreKey key, ByteRange range, CancellationToken cancellationToken = default)
    {
        await Task.Delay(Latency, cancellationToken);
        return await inner.GetRangeAsync(key, range, cancellationToken);
    }

    public async ValueTask<IReadOnlyList<ReadOnlyMemory<byte>>?> GetRangesAsync(StoreKey key, IReadOnlyList<ByteRange> ranges, CancellationToken cancellationToken = default)
    {
        await Task.Delay(Latency, cancellationToken);
        return await inner.GetRangesAsync(key, ranges, cancellationToken);
    }

    public ValueTask<long?> GetSizeAsync(StoreKey key, CancellationToken cancellationToken = default) => inner.GetSizeAsync(key, cancellationToken);
}
