namespace ZarrCache;

/// <summary>
/// One instrument of <see cref="ZarrCacheDiagnostics.Meter"/>: its name, unit, description and kind, and how to read it
/// from a <see cref="CacheStats"/> snapshot (one untagged reading, or one per <c>result</c> tag). <see cref="All"/> is
/// the one list of the instruments, written out (no reflection: it reads the same under Native AOT and trimming).
/// </summary>
/// <param name="Name">The instrument's name.</param>
/// <param name="Unit">Its unit (UCUM: <c>By</c>, <c>{request}</c>).</param>
/// <param name="Description">What it counts.</param>
/// <param name="Held">Whether it is what is held now (an up-down counter) rather than a count that only grows.</param>
/// <param name="Readings">Its readings: the <c>result</c> tag (null: none) and the figure.</param>
internal sealed record StatsInstrument(
    string Name, string Unit, string Description, bool Held, IReadOnlyList<(string? Result, Func<CacheStats, long> Read)> Readings)
{
    /// <summary>Every instrument, by name.</summary>
    public static IReadOnlyList<StatsInstrument> All { get; } =
    [
        Count("zarrcache.coalesced", "{request}", "Misses that awaited another caller's origin read.", s => s.CoalescedWaits),
        Level("zarrcache.entries", "{entry}", "Entries held by the cache.", s => s.Entries),
        Count("zarrcache.evictions", "{entry}", "Entries evicted to make room.", s => s.Evictions),
        Count("zarrcache.inserts", "{entry}", "Values cached.", s => s.Inserts),
        Count("zarrcache.origin.bytes", "By", "Bytes read from the origin store.", s => s.OriginBytes),
        Count("zarrcache.origin.reads", "{request}", "Reads sent to the origin store.", s => s.OriginReads),
        Count("zarrcache.prefetch.dropped", "{request}", "Predictions dropped by the queue bound or the unused-bytes cap.", s => s.PrefetchesDropped),
        Count("zarrcache.prefetch.issued", "{request}", "Origin reads started by prefetching.", s => s.PrefetchesIssued),
        Count("zarrcache.prefetch.used", "{entry}", "Prefetched values a read then used.", s => s.PrefetchesUsed),
        Count("zarrcache.prefetch.wasted", "{entry}", "Prefetched values that left the cache unused.", s => s.PrefetchesWasted),
        Count("zarrcache.rejected", "{entry}", "Values not cached for their size.", s => s.Rejected),
        new("zarrcache.requests", "{request}", "Reads through a CachedStore, by result.", Held: false,
            [("hit", s => s.Hits), ("miss", s => s.Misses), ("negative_hit", s => s.NegativeHits)]),
        Count("zarrcache.revalidations", "{request}", "Expired entries the origin confirmed unchanged (304).", s => s.Revalidated),
        Count("zarrcache.served.bytes", "By", "Bytes served from the cache.", s => s.BytesServed),
        Level("zarrcache.size", "By", "Bytes held by the cache.", s => s.BytesHeld),
        Count("zarrcache.stale_served", "{request}", "Expired entries served because the origin failed (stale-if-error).", s => s.StaleServed),
    ];

    private static StatsInstrument Count(string name, string unit, string description, Func<CacheStats, long> read) =>
        new(name, unit, description, Held: false, [(null, read)]);

    private static StatsInstrument Level(string name, string unit, string description, Func<CacheStats, long> read) =>
        new(name, unit, description, Held: true, [(null, read)]);
}
