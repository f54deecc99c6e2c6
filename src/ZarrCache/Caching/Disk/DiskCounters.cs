namespace ZarrCache;

/// <summary>
/// What one <see cref="DiskCache"/> instance counted of its own operations: hits with the bytes they served and misses
/// (striped: the hit path), inserts, rejected writes, corrupt entries dropped and write errors. Evictions are counted
/// by the budget that makes them (<see cref="DiskBudget"/>); entries and bytes are the folder's ledger.
/// </summary>
internal sealed class DiskCounters
{
    private readonly StripedCounter _hits = new();
    private readonly StripedCounter _misses = new();
    private readonly StripedCounter _bytesServed = new();
    private readonly AtomicCounter _inserts = new();
    private readonly AtomicCounter _rejected = new();
    private readonly AtomicCounter _corrupt = new();
    private readonly AtomicCounter _writeErrors = new();

    /// <summary>Writes that failed with an I/O error (also counted as rejected).</summary>
    public long WriteErrors => _writeErrors.Value;

    public void Hit(int bytes)
    {
        _hits.Increment();
        _bytesServed.Add(bytes);
    }

    public void Miss() => _misses.Increment();

    public void Insert() => _inserts.Increment();

    public void Reject() => _rejected.Increment();

    public void Corrupt() => _corrupt.Increment();

    public void WriteError() => _writeErrors.Increment();

    /// <summary>The counts as statistics, with the budget's evictions and the folder's ledger.</summary>
    public CacheStats ToStats(long evictions, (long Bytes, long Entries) ledger) => new()
    {
        Hits = _hits.Sum(),
        Misses = _misses.Sum(),
        BytesServed = _bytesServed.Sum(),
        Inserts = _inserts.Value,
        Rejected = _rejected.Value,
        Evictions = evictions,
        CorruptEntries = _corrupt.Value,
        Entries = ledger.Entries,
        BytesHeld = ledger.Bytes,
    };
}
