namespace ZarrCache.Cli.Commands;

/// <summary>
/// A store that waits a fixed time before each request to the store below it: the demo's stand-in for object-storage
/// latency (S3's first byte typically takes tens of milliseconds), so the table shows what the cache saves. Labelled as
/// simulated wherever it is used; <c>--latency 0</c> turns it off.
/// </summary>
internal sealed class LatencyStore(IReadableStore inner, TimeSpan latency) : IReadableStore
{
    public async ValueTask<ReadOnlyMemory<byte>?> GetAsync(StoreKey key, CancellationToken cancellationToken = default)
    {
        await WaitAsync(cancellationToken);
        return await inner.GetAsync(key, cancellationToken);
    }

    public async ValueTask<ReadOnlyMemory<byte>?> GetRangeAsync(StoreKey key, ByteRange range, CancellationToken cancellationToken = default)
    {
        await WaitAsync(cancellationToken);
        return await inner.GetRangeAsync(key, range, cancellationToken);
    }

    public async ValueTask<IReadOnlyList<ReadOnlyMemory<byte>>?> GetRangesAsync(StoreKey key, IReadOnlyList<ByteRange> ranges, CancellationToken cancellationToken = default)
    {
        await WaitAsync(cancellationToken);
        return await inner.GetRangesAsync(key, ranges, cancellationToken);
    }

    public async ValueTask<long?> GetSizeAsync(StoreKey key, CancellationToken cancellationToken = default)
    {
        await WaitAsync(cancellationToken);
        return await inner.GetSizeAsync(key, cancellationToken);
    }

    private Task WaitAsync(CancellationToken cancellationToken) =>
        latency > TimeSpan.Zero ? Task.Delay(latency, cancellationToken) : Task.CompletedTask;
}
