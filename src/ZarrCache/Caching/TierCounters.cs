namespace ZarrCache;

/// <summary>
/// The lookups and stores of a cache tier: hits with the bytes served, misses, values found damaged (each also a
/// miss), stores and refused stores, counted thread-safely (the hit path on striped counters, so that concurrent hits do
/// not contend on one cache line); one snapshot as <see cref="CacheStats"/>. The one set of counters the disk, Redis and
/// distributed tiers share, so each reports them the same way; a tier adds what only it knows (evictions, what it holds)
/// to the snapshot.
/// </summary>
public sealed class TierCounters
{
    private readonly StripedCounter _hits = new();
    private readonly StripedCounter _misses = new();
    private readonly StripedCounter _bytesServed = new();
    private readonly AtomicCounter _inserts = new();
    private readonly AtomicCounter _rejected = new();
    private readonly AtomicCounter _corrupt = new();

    /// <summary>Counts a lookup answered with <paramref name="bytes"/> bytes.</summary>
    /// <param name="bytes">The value's length.</param>
    public void Hit(long bytes)
    {
        _hits.Increment();
        _bytesServed.Add(bytes);
    }

    /// <summary>Counts a lookup not answered.</summary>
    public void Miss() => _misses.Increment();

    /// <summary>Counts a value found damaged, foreign or truncated: a corrupt entry, and the lookup a miss.</summary>
    public void CorruptMiss()
    {
        _corrupt.Increment();
        _misses.Increment();
    }

    /// <summary>Counts a value stored.</summary>
    public void Insert() => _inserts.Increment();

    /// <summary>Counts a value not stored (too large, or the store failed).</summary>
    public void Reject() => _rejected.Increment();

    /// <summary>
    /// The counts as cache statistics: <see cref="CacheStats.Hits"/>, <see cref="CacheStats.Misses"/> (damaged values
    /// included), <see cref="CacheStats.Inserts"/>, <see cref="CacheStats.Rejected"/>,
    /// <see cref="CacheStats.CorruptEntries"/> and <see cref="CacheStats.BytesServed"/>.
    /// </summary>
    /// <returns>A snapshot.</returns>
    public CacheStats ToStats() => new()
    {
        Hits = _hits.Sum(),
        Misses = _misses.Sum(),
        Inserts = _inserts.Value,
        Rejected = _rejected.Value,
        CorruptEntries = _corrupt.Value,
        BytesServed = _bytesServed.Sum(),
    };
}
