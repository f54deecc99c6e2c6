namespace ZarrCache;

/// <summary>
/// A store that passes every read to another store and counts it, by <see cref="KeyKind"/>: whole reads, range reads,
/// size calls, misses and bytes. Thread-safe. Wrap an origin in it to see exactly what reached the origin.
/// </summary>
public sealed class CountingStore : IReadableStore
{
    private const int Fields = 5;
    private const int GetsField = 0;
    private const int RangeGetsField = 1;
    private const int SizeField = 2;
    private const int MissField = 3;
    private const int BytesField = 4;
    private static readonly int KindCount = Enum.GetValues<KeyKind>().Length;

    private readonly IReadableStore _inner;
    private readonly long[] _counts;

    /// <summary>Wraps a store.</summary>
    /// <param name="inner">The store whose reads are counted.</param>
    public CountingStore(IReadableStore inner)
    {
        ArgumentNullException.ThrowIfNull(inner);
        _inner = inner;
        _counts = new long[KindCount * Fields];
    }

    /// <summary>The wrapped store.</summary>
    public IReadableStore Inner => _inner;

    /// <summary>The counts over all key kinds.</summary>
    public StoreRequestCounts Total
    {
        get
        {
            long gets = 0, ranges = 0, sizes = 0, misses = 0, bytes = 0;
            foreach (var kind in Enum.GetValues<KeyKind>())
            {
                var c = CountsFor(kind);
                gets += c.Gets;
                ranges += c.RangeGets;
                sizes += c.SizeCalls;
                misses += c.Misses;
                bytes += c.Bytes;
            }

            return new StoreRequestCounts { Gets = gets, RangeGets = ranges, SizeCalls = sizes, Misses = misses, Bytes = bytes };
        }
    }

    /// <summary>The counts for one key kind (as <see cref="KeyPolicy.Classify"/> names it).</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>A snapshot.</returns>
    public StoreRequestCounts CountsFor(KeyKind kind) => new()
    {
        Gets = Read(kind, GetsField),
        RangeGets = Read(kind, RangeGetsField),
        SizeCalls = Read(kind, SizeField),
        Misses = Read(kind, MissField),
        Bytes = Read(kind, BytesField),
    };

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
        Add(kind, GetsField, 1);
        var value = await _inner.GetAsync(key, cancellationToken).ConfigureAwait(false);
        Record(kind, value);
        return value;
    }

    /// <inheritdoc />
    public async ValueTask<ReadOnlyMemory<byte>?> GetRangeAsync(StoreKey key, ByteRange range, CancellationToken cancellationToken = default)
    {
        var kind = KeyPolicy.Classify(key);
        Add(kind, RangeGetsField, 1);
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
        Add(kind, RangeGetsField, ranges.Count);
        var values = await _inner.GetRangesAsync(key, ranges, cancellationToken).ConfigureAwait(false);
        if (values is null)
        {
            Add(kind, MissField, 1);
        }
        else
        {
            long bytes = 0;
            foreach (var v in values)
            {
                bytes += v.Length;
            }

            Add(kind, BytesField, bytes);
        }

        return values;
    }

    /// <inheritdoc />
    public ValueTask<long?> GetSizeAsync(StoreKey key, CancellationToken cancellationToken = default)
    {
        Add(KeyPolicy.Classify(key), SizeField, 1);
        return _inner.GetSizeAsync(key, cancellationToken);
    }

    private void Record(KeyKind kind, ReadOnlyMemory<byte>? value)
    {
        if (value is { } bytes)
        {
            Add(kind, BytesField, bytes.Length);
        }
        else
        {
            Add(kind, MissField, 1);
        }
    }

    private void Add(KeyKind kind, int field, long amount) => Interlocked.Add(ref _counts[((int)kind * Fields) + field], amount);

    private long Read(KeyKind kind, int field) => Interlocked.Read(ref _counts[((int)kind * Fields) + field]);
}
