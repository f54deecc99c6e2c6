namespace ZarrCache;

/// <summary>
/// A store that passes every read to another store and counts it, by <see cref="KeyKind"/>: whole reads, range reads,
/// size calls, misses and bytes. Thread-safe. Wrap an origin in it to see exactly what reached the origin.
/// </summary>
public sealed class CountingStore : IReadableStore
{
    private static readonly KeyKind[] Kinds = Enum.GetValues<KeyKind>();
    private static readonly int Fields = Enum.GetValues<Field>().Length;

    private readonly IReadableStore _inner;
    private readonly long[] _counts;

    /// <summary>Wraps a store.</summary>
    /// <param name="inner">The store whose reads are counted.</param>
    public CountingStore(IReadableStore inner)
    {
        ArgumentNullException.ThrowIfNull(inner);
        _inner = inner;
        _counts = new long[Kinds.Length * Fields];
    }

    /// <summary>The wrapped store.</summary>
    public IReadableStore Inner => _inner;

    /// <summary>The counts over all key kinds.</summary>
    public StoreRequestCounts Total => Snapshot(figure => Kinds.Sum(kind => Read(kind, figure)));

    /// <summary>The counts for one key kind (as <see cref="KeyPolicy.Classify"/> names it).</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>A snapshot.</returns>
    public StoreRequestCounts CountsFor(KeyKind kind) => Snapshot(figure => Read(kind, figure));

    /// <summary>Sets every count back to zero.</summary>
    public void Reset()
    {
        for (var i = 0; i < _counts.Length; i++)
        {
            Interlocked.Exchange(ref _counts[i], 0);
        }
    }

    /// <inheritdoc />
    public async ValueTask<ReadOnlyMemory<byte>?> GetAsync(StoreKey key, CancellationToken cancellationToken = default)
    {
        var kind = KeyPolicy.Classify(key);
        Add(kind, Field.Gets, 1);
        var value = await _inner.GetAsync(key, cancellationToken).ConfigureAwait(false);
        Record(kind, value);
        return value;
    }

    /// <inheritdoc />
    public async ValueTask<ReadOnlyMemory<byte>?> GetRangeAsync(StoreKey key, ByteRange range, CancellationToken cancellationToken = default)
    {
        var kind = KeyPolicy.Classify(key);
        Add(kind, Field.RangeGets, 1);
        var value = await _inner.GetRangeAsync(key, range, cancellationToken).ConfigureAwait(false);
        Record(kind, value);
        return value;
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<ReadOnlyMemory<byte>>?> GetRangesAsync(
        StoreKey key, IReadOnlyList<ByteRange> ranges, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ranges);
        var kind = KeyPolicy.Classify(key);
        Add(kind, Field.RangeGets, ranges.Count);
        var values = await _inner.GetRangesAsync(key, ranges, cancellationToken).ConfigureAwait(false);
        if (values is null)
        {
            Add(kind, Field.Misses, 1);
        }
        else
        {
            long bytes = 0;
            foreach (var v in values)
            {
                bytes += v.Length;
            }

            Add(kind, Field.Bytes, bytes);
        }

        return values;
    }

    /// <inheritdoc />
    public ValueTask<long?> GetSizeAsync(StoreKey key, CancellationToken cancellationToken = default)
    {
        Add(KeyPolicy.Classify(key), Field.SizeCalls, 1);
        return _inner.GetSizeAsync(key, cancellationToken);
    }

    private void Record(KeyKind kind, ReadOnlyMemory<byte>? value)
    {
        if (value is { } bytes)
        {
            Add(kind, Field.Bytes, bytes.Length);
        }
        else
        {
            Add(kind, Field.Misses, 1);
        }
    }

    private static StoreRequestCounts Snapshot(Func<Field, long> count) =>
        new(count(Field.Gets), count(Field.RangeGets), count(Field.SizeCalls), count(Field.Misses), count(Field.Bytes));

    private void Add(KeyKind kind, Field field, long amount) => Interlocked.Add(ref _counts[((int)kind * Fields) + (int)field], amount);

    private long Read(KeyKind kind, Field field) => Interlocked.Read(ref _counts[((int)kind * Fields) + (int)field]);

    /// <summary>The counts kept for each key kind, one per figure of <see cref="StoreRequestCounts"/>.</summary>
    private enum Field
    {
        Gets,
        RangeGets,
        SizeCalls,
        Misses,
        Bytes,
    }
}
