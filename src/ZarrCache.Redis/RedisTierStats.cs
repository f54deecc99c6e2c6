namespace ZarrCache.Redis;

/// <summary>A snapshot of one Redis tier's figures.</summary>
public sealed record RedisTierStats
{
    /// <summary>Lookups answered by Redis.</summary>
    public long Hits { get; init; }

    /// <summary>Lookups Redis could not answer (absent, bad, or skipped while unavailable).</summary>
    public long Misses { get; init; }

    /// <summary>Values stored in Redis.</summary>
    public long Inserts { get; init; }

    /// <summary>Values not stored for being above <see cref="RedisTierOptions.MaxValueSize"/>.</summary>
    public long Rejected { get; init; }

    /// <summary>Values found corrupt, truncated or foreign: dropped, not served.</summary>
    public long BadValues { get; init; }

    /// <summary>Bytes of the values Redis served.</summary>
    public long BytesServed { get; init; }

    /// <summary>Redis calls that failed or timed out.</summary>
    public long Failures { get; init; }

    /// <summary>Times Redis became unavailable (the breaker opened after working calls).</summary>
    public long Outages { get; init; }

    /// <summary>Calls skipped while the breaker was open.</summary>
    public long Skipped { get; init; }

    /// <summary>Whether the last call succeeded (or none failed yet).</summary>
    public bool IsAvailable { get; init; }

    /// <summary>Origin reads this process made holding the miss lease.</summary>
    public long LeasesTaken { get; init; }

    /// <summary>Misses served by waiting for another process's read instead of reading the origin.</summary>
    public long LeaseWaitsServed { get; init; }

    /// <summary>Waits for another process's lease that ran out of time (the origin was read here).</summary>
    public long LeaseWaitTimeouts { get; init; }

    /// <summary>Writes and invalidations published to the other processes.</summary>
    public long InvalidationsSent { get; init; }

    /// <summary>Writes and invalidations from other processes applied here.</summary>
    public long InvalidationsReceived { get; init; }

    /// <summary>Published invalidations not acknowledged by every other process in time.</summary>
    public long AckTimeouts { get; init; }
}
