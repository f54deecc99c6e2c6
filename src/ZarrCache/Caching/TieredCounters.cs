namespace ZarrCache;

/// <summary>
/// What <see cref="TieredCache"/> counts of its own lookups and copies: hits in memory (striped: the hot path) and on
/// disk, with the bytes they served, misses in both tiers, promotions and demotions. Inserts, evictions and what is
/// held are the tiers' own figures, added up in <see cref="Combine"/>.
/// </summary>
internal sealed class TieredCounters
{
    private readonly StripedCounter _memoryHits = new();
    private readonly StripedCounter _bytesServed = new();
    private readonly AtomicCounter _diskHits = new();
    private readonly AtomicCounter _misses = new();
    private readonly AtomicCounter _promotions = new();
    private readonly AtomicCounter _demotions = new();

    /// <summary>Disk hits copied into memory.</summary>
    public long Promotions => _promotions.Value;

    /// <summary>Memory evictions written to disk.</summary>
    public long Demotions => _demotions.Value;

    public void MemoryHit(int bytes)
    {
        _memoryHits.Increment();
        _bytesServed.Add(bytes);
    }

    public void DiskHit(int bytes)
    {
        _diskHits.Increment();
        _bytesServed.Add(bytes);
    }

    public void Miss() => _misses.Increment();

    public void Promoted() => _promotions.Increment();

    public void Demoted() => _demotions.Increment();

    /// <summary>This cache's lookups (hits in either tier, misses in both) with the tiers' stores, evictions and holdings added up.</summary>
    /// <param name="memory">The memory tier's statistics.</param>
    /// <param name="disk">The disk tier's statistics.</param>
    /// <returns>A snapshot.</returns>
    public CacheStats Combine(CacheStats memory, CacheStats disk) => new()
    {
        Hits = _memoryHits.Sum() + _diskHits.Value,
        Misses = _misses.Value,
        BytesServed = _bytesServed.Sum(),
        Inserts = memory.Inserts + disk.Inserts,
        Rejected = memory.Rejected + disk.Rejected,
        Evictions = memory.Evictions + disk.Evictions,
        CorruptEntries = memory.CorruptEntries + disk.CorruptEntries,
        Entries = memory.Entries + disk.Entries,
        BytesHeld = memory.BytesHeld + disk.BytesHeld,
    };
}
