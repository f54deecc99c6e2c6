namespace ZarrCache.AotSmoke;

/// <summary>A cached store's figures as the <c>ZarrCache</c> meter reports them, checked against its <see cref="CacheStats"/>.</summary>
internal static class StoreFigures
{
    /// <summary>
    /// Adds <c>NAME.meter=hit:H,miss:M,origin:O,bytes:B,entries:E</c> for the store's cache name, read from the meter;
    /// each figure must equal the store's <see cref="CachedStore.CacheStats"/>.
    /// </summary>
    /// <returns>The store's origin reads.</returns>
    public static long Add(SmokeReport report, TelemetryProbe telemetry, string name, CachedStore store)
    {
        var readings = telemetry.Read(store.Config.Name);
        var stats = store.CacheStats;
        (string Instrument, string Label, long Expected)[] figures =
        [
            ("zarrcache.requests/hit", "hit", stats.Hits),
            ("zarrcache.requests/miss", "miss", stats.Misses),
            ("zarrcache.origin.reads", "origin", stats.OriginReads),
            ("zarrcache.origin.bytes", "bytes", stats.OriginBytes),
            ("zarrcache.entries", "entries", stats.Entries),
        ];
        var values = new List<string>();
        foreach (var (instrument, label, expected) in figures)
        {
            SmokeReport.Check(readings.TryGetValue(instrument, out var value), $"the meter has no reading {instrument} for the cache {store.Config.Name}");
            SmokeReport.Check(value == expected, $"{instrument} of {store.Config.Name}: the meter says {value}, CacheStats {expected}");
            values.Add($"{label}:{value}");
        }

        report.Add(name + ".meter", values);
        return stats.OriginReads;
    }
}
