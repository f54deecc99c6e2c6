namespace ZarrCache;

/// <summary>
/// Time-to-live: the expiry each cached entry is stored with (from <see cref="CacheConfig.Ttl"/>,
/// <see cref="CacheConfig.MetadataTtl"/> or <see cref="CacheConfig.ChunkTtl"/> by the key's kind), the clock every read
/// compares it with (O(1), no scan), and the reports of until when a served answer holds (<see cref="CacheValidity"/>).
/// </summary>
internal sealed class EntryLifetimes
{
    private readonly long _chunkTtlTicks;
    private readonly long _metadataTtlTicks;
    private readonly long _otherTtlTicks;

    public EntryLifetimes(CacheConfig config, TimeProvider time)
    {
        Time = time;
        _otherTtlTicks = TicksOf(config.Ttl);
        _chunkTtlTicks = TicksOf(config.ChunkTtl ?? config.Ttl);
        _metadataTtlTicks = TicksOf(config.MetadataTtl ?? config.Ttl);
    }

    /// <summary>The clock.</summary>
    public TimeProvider Time { get; }

    /// <summary>Now, in UTC ticks.</summary>
    public long Now => Time.GetUtcNow().UtcTicks;

    /// <summary>Whether an entry must not be served; reads the clock only for entries that expire.</summary>
    public bool IsExpired(in CacheEntry entry) => HasPassed(entry.ExpiresAtUtcTicks);

    /// <summary>Whether a bound (UTC ticks; <see cref="CacheEntry.NeverExpires"/> for none) has passed.</summary>
    public bool HasPassed(long utcTicks) => utcTicks != CacheEntry.NeverExpires && Now >= utcTicks;

    /// <summary>The options to cache a value of a key of <paramref name="kind"/> with: its expiry.</summary>
    public CacheEntryOptions OptionsFor(KeyKind kind)
    {
        var ttl = kind switch
        {
            KeyKind.Chunk => _chunkTtlTicks,
            KeyKind.Other => _otherTtlTicks,
            _ => _metadataTtlTicks,
        };
        if (ttl == 0)
        {
            return CacheEntryOptions.None;
        }

        var now = Now;
        return new CacheEntryOptions { ExpiresAtUtcTicks = now > long.MaxValue - ttl ? CacheEntry.NeverExpires : now + ttl };
    }

    /// <summary>
    /// The expiry a value cached now would get: taken before an origin read, a lower bound of the expiry its value is
    /// cached with (<see cref="CacheEntry.NeverExpires"/> for a request that caches nothing).
    /// </summary>
    public long ExpiryBoundFor(in ReadRequest request) =>
        request.Cacheable ? OptionsFor(request.Kind).ExpiresAtUtcTicks : CacheEntry.NeverExpires;

    /// <summary>Reports a cached copy's expiry to the caller's <see cref="CacheValidity"/> scope; nothing for one that never expires.</summary>
    public static void Report(long expiresAtUtcTicks)
    {
        if (expiresAtUtcTicks != CacheEntry.NeverExpires)
        {
            CacheValidity.Report(expiresAtUtcTicks);
        }
    }

    /// <summary>Reports "valid until now" for something served without being cached.</summary>
    public void ReportNow() => CacheValidity.Report(Now);

    private static long TicksOf(TimeSpan? ttl) => ttl is { } value ? value.Ticks : 0;
}
