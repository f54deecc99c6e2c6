using System.Collections.Concurrent;

namespace ZarrCache.Tests.TestSupport;

/// <summary>A store decorator that counts the requests reaching the store below it (whole gets, range gets, ranges asked).</summary>
internal sealed class RequestLogStore(IReadableStore inner) : IReadableStore
{
    private int _gets;
    private int _rangeGets;
    private int _rangesCalls;
    private int _rangesRequested;

    public int Gets => _gets;

    /// <summary>GetRangeAsync calls.</summary>
    public int RangeGets => _rangeGets;

    /// <summary>GetRangesAsync calls.</summary>
    public int RangesCalls => _rangesCalls;

    /// <summary>Byte ranges asked for through GetRangesAsync.</summary>
    public int RangesRequested => _rangesRequested;

    public ConcurrentQueue<(StoreKey Key, ByteRange Range)> Log { get; } = new();

    public void Reset()
    {
        _gets = _rangeGets = _rangesCalls = _rangesRequested = 0;
        Log.Clear();
    }

    public ValueTask<ReadOnlyMemory<byte>?> GetAsync(StoreKey key, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _gets);
        return inner.GetAsync(key, cancellationToken);
    }

    public ValueTask<ReadOnlyMemory<byte>?> GetRangeAsync(StoreKey key, ByteRange range, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _rangeGets);
        Log.Enqueue((key, range));
        return inner.GetRangeAsync(key, range, cancellationToken);
    }

    public ValueTask<IReadOnlyList<ReadOnlyMemory<byte>>?> GetRangesAsync(StoreKey key, IReadOnlyList<ByteRange> ranges, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _rangesCalls);
        Interlocked.Add(ref _rangesRequested, ranges.Count);
        foreach (var r in ranges)
        {
            Log.Enqueue((key, r));
        }

        return inner.GetRangesAsync(key, ranges, cancellationToken);
    }

    public ValueTask<long?> GetSizeAsync(StoreKey key, CancellationToken cancellationToken = default) => inner.GetSizeAsync(key, cancellationToken);
}
