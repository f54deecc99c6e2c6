namespace ZarrCache;

/// <summary>
/// A snapshot of a cache's statistics. A cache fills what it knows (hits, misses, inserts, rejected, evictions,
/// entries, bytes held); a <see cref="CachedStore"/> adds the origin figures, coalesced waits and negative hits.
/// </summary>
/// <remarks>
/// <see cref="ZarrCacheDiagnostics.Meter"/> reports most figures as instruments for every live <see cref="CachedStore"/>
/// (<c>Diagnostics/StatsInstrument.cs</c> lists them).
/// </remarks>
public sealed record CacheStats
{
    /// <summary>Lookups answered from the cache.</summary>
    public long Hits { get; init; }

    /// <summary>Lookups the cache could not answer.</summary>
    public long Misses { get; init; }

    /// <summary>Hits over all lookups (hits, negative hits and misses); 0 when there were none.</summary>
    public double HitRatio
    {
        get
        {
            var total = Hits + NegativeHits + Misses;
            return total == 0 ? 0 : (double)(Hits + NegativeHits) / total;
        }
    }

    /// <summary>Reads sent to the origin store (each coalesced read counts once).</summary>
    public long OriginReads { get; init; }

    /// <summary>Bytes read from the origin store.</summary>
    public long OriginBytes { get; init; }

    /// <summary>Origin reads that found the key missing.</summary>
    public long OriginMisses { get; init; }

    /// <summary>Bytes served from the cache.</summary>
    public long BytesServed { get; init; }

    /// <summary>Misses that awaited an origin read another caller had already started, instead of reading again.</summary>
    public long CoalescedWaits { get; init; }

    /// <summary>Values cached.</summary>
    public long Inserts { get; init; }

    /// <summary>Values not cached because they exceeded the budget or the per-entry limit.</summary>
    public long Rejected { get; init; }

    /// <summary>Entries removed to make room.</summary>
    public long Evictions { get; init; }

    /// <summary>Entries held now.</summary>
    public long Entries { get; init; }

    /// <summary>Bytes held now.</summary>
    public long BytesHeld { get; init; }

    /// <summary>Reads answered "missing" from the negative cache, without asking the origin.</summary>
    public long NegativeHits { get; init; }

    /// <summary>Keys remembered as missing now.</summary>
    public long NegativeEntries { get; init; }

    /// <summary>Entries found corrupt, torn or holding another key (disk tier), deleted and reported as misses.</summary>
    public long CorruptEntries { get; init; }

    /// <summary>Cached entries found expired on a read: not served, dropped, and read from the origin again.</summary>
    public long ExpiredEntries { get; init; }

    /// <summary>Expired entries the origin confirmed unchanged (a conditional read answered "not modified"): refreshed, served, not downloaded.</summary>
    public long Revalidated { get; init; }

    /// <summary>Expired entries served because the origin failed and they were within <see cref="CacheConfig.StaleIfError"/>.</summary>
    public long StaleServed { get; init; }

    /// <summary>Origin reads started by prefetching.</summary>
    public long PrefetchesIssued { get; init; }

    /// <summary>Prefetched values a foreground read then used (a cache hit, or a wait on the prefetch read in flight).</summary>
    public long PrefetchesUsed { get; init; }

    /// <summary>Prefetched values that left the cache, or were dropped from the prefetcher's accounts, before any read used them.</summary>
    public long PrefetchesWasted { get; init; }

    /// <summary>Bytes of <see cref="PrefetchesWasted"/>.</summary>
    public long PrefetchBytesWasted { get; init; }

    /// <summary>Predictions not fetched because the queue was full or prefetched-but-unused bytes reached their cap.</summary>
    public long PrefetchesDropped { get; init; }

    /// <summary>Prefetched values held now that no read has used yet.</summary>
    public long PrefetchesUnused { get; init; }
}
