namespace ZarrCache;

/// <summary>
/// The lookups and stores of a tier that keeps its bytes elsewhere (a shared or distributed tier): hits with the bytes
/// served, misses, values found damaged (each also a miss), stores and refused stores, counted thread-safely; one
/// snapshot as <see cref="CacheStats"/>. The one set of counters such tiers share, so each reports them the same way.
/// </summary>
public sealed class TierCounters
{
    private readonly AtomicCounter _hits = new();
    private readonly AtomicCounter _misses = new();
    private readonly AtomicCounter _inserts = new();
    private readonly AtomicCounter _rejected = new();
    private readonly AtomicCounter _corrupt = new();
    private readonly AtomicCounter _bytesServed = new();

    /// <summary>Lookups answered.</summary>
    public long Hits => _hits.Value;

    /// <summary>Lookups not answered (damaged values included).</summary>
    public long Misses => _misses.Value;

    /// <summary>Values stored.</summary>
    public long Inserts => _inserts.Value;

    /// <summary>Values not stored (too large, or the store failed).</summary>
    public long Rejected => _rejected.Value;

    /// <summary>Values found damaged, foreign or truncated, and dropped.</summary>
    public long Corrupt => _corrupt.Value;

    /// <summary>Bytes of the values answered.</summary>
    public long BytesServed => _bytesServed.Value;

    /// <summary>Counts a lookup answered with <paramref name="bytes"/> bytes.</summary>
    /// <param name="bytes">The value's length.</param>
    public void Hit(long bytes)
    {
        _hits.Increment();
        _bytesServed.Add(bytes);
    }

    /// <summary>Counts a lookup not answered.</summary>
    public void Miss() => _misses.Increment();

    /// <summary>Counts a value found damaged: a corrupt entry, and the lookup a miss.</summary>
    public void CorruptMiss()
    {
        _corrupt.Increment();
        _misses.Increment();
    }

    /// <summary>Counts a value stored.</summary>
    public void Insert() => _inserts.Increment();

    /// <summary>Counts a value not stored.</summary>
    public void Reject() => _rejected.Increment();

    /// <summary>The counts as cache statistics (hits, misses, inserts, rejected, corrupt entries, bytes served).</summary>
    /// <returns>A snapshot.</returns>
    public CacheStats ToStats() => new()
    {
        Hits = Hits,
        Misses = Misses,
        Inserts = Inserts,
        Rejected = Rejected,
        CorruptEntries = Corrupt,
        BytesServed = BytesServed,
    };
}
