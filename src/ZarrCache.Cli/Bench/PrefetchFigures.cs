namespace ZarrCache.Cli.Bench;

/// <summary>What prefetching did over a pass, or over several passes together: <see cref="CacheStats"/>' prefetch figures.</summary>
/// <param name="Issued">Origin reads started by prefetching (<see cref="CacheStats.PrefetchesIssued"/>).</param>
/// <param name="Used">Prefetched values a read used.</param>
/// <param name="Wasted">Prefetched values that left the cache unused.</param>
/// <param name="BytesWasted">Bytes of <paramref name="Wasted"/>.</param>
/// <param name="Dropped">Predictions dropped (queue full or unused-bytes cap).</param>
internal readonly record struct PrefetchFigures(long Issued, long Used, long Wasted, long BytesWasted, long Dropped)
{
    /// <summary>Prefetched values neither used nor wasted: still in the cache, unused.</summary>
    public long Unused => Issued - Used - Wasted;

    /// <summary>What prefetching did between two snapshots of one store's statistics.</summary>
    public static PrefetchFigures Between(CacheStats before, CacheStats after) => new(
        after.PrefetchesIssued - before.PrefetchesIssued,
        after.PrefetchesUsed - before.PrefetchesUsed,
        after.PrefetchesWasted - before.PrefetchesWasted,
        after.PrefetchBytesWasted - before.PrefetchBytesWasted,
        after.PrefetchesDropped - before.PrefetchesDropped);

    /// <summary>The figures added up.</summary>
    public static PrefetchFigures Sum(IEnumerable<PrefetchFigures> figures) => figures.Aggregate(
        default(PrefetchFigures),
        static (sum, f) => new(sum.Issued + f.Issued, sum.Used + f.Used, sum.Wasted + f.Wasted, sum.BytesWasted + f.BytesWasted, sum.Dropped + f.Dropped));
}
