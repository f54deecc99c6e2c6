namespace ZarrCache;

/// <summary>
/// The lookups and stores of a tier that keeps its bytes elsewhere (a shared or distributed tier): hits with the bytes
/// served, misses, values found damaged (each also a miss), stores and refused stores, counted thread-safely; one
/// snapshot as <see cref="CacheStats"/>. The one set of counters such tiers share, so each reports them the same way.
/// </summary>
public sealed class TierCounters
{
    private long _hits;
    private long _misses;
    private long _inserts;
    private long _rejected;
    private long _corrupt;
    private long _bytesServed;

    /// <summary>Lookups answered.</summary>
    public long Hits => Volatile.Read(ref _hits);

    /// <summary>Lookups not answered (damaged values included).</summary>
    public long Misses => Volatile.Read(ref _misses);

    /// <summary>Values stored.</summary>
    public long Inserts => Volatile.Read(ref _inserts);

    /// <summary>Values not stored (too large, or the store failed).</summary>
    public long Rejected => Volatile.Read(ref _rejected);

    /// <summary>Values found damaged, foreign or truncated, and dropped.</summary>
    public long Corrupt => Volatile.Read(ref _corrupt);

    /// <summary>Bytes of the values answered.</summary>
    public long BytesServed => Volatile.Read(ref _bytesServed);

    /// <summary>Counts a lookup answered with <paramref name="bytes"/> bytes.</summary>
    /// <param name="bytes">The value's length.</param>
    public void Hit(long bytes)
    {
        Interlocked.Increment(ref _hits);
        Interlocked.Add(ref _bytesServed, bytes);
    }

    /// <summary>Counts a lookup not answered.</summary>
    public void Miss() => Interlocked.Increment(ref _misses);

    /// <summary>Counts a value found damaged: a corrupt entry, and the lookup a miss.</summary>
    public void CorruptMiss()
    {
        Interlocked.Increment(ref _corrupt);
        Interlocked.Increment(ref _misses);
    }

    /// <summary>Counts a value stored.</summary>
    public void Insert() => Interlocked.Increment(ref _inserts);

    /// <summary>Counts a value not stored.</summary>
    public void Reject() => Interlocked.Increment(ref _rejected);

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
