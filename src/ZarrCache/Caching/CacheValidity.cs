namespace ZarrCache;

/// <summary>TEMPORARY stand-in (replaced by the validity branch).</summary>
public sealed class CacheValidity : IDisposable
{
    private static readonly AsyncLocal<CacheValidity?> Current = new();
    private readonly CacheValidity? _outer;
    private long _validUntil = long.MaxValue;

    private CacheValidity(CacheValidity? outer) => _outer = outer;

    /// <summary>Until when.</summary>
    public long ValidUntilUtcTicks => Volatile.Read(ref _validUntil);

    /// <summary>Starts.</summary>
    /// <returns>The scope.</returns>
    public static CacheValidity Track()
    {
        var scope = new CacheValidity(Current.Value);
        Current.Value = scope;
        return scope;
    }

    /// <summary>Reports.</summary>
    /// <param name="validUntilUtcTicks">Ticks.</param>
    public static void Report(long validUntilUtcTicks)
    {
        if (Current.Value is { } scope)
        {
            scope.Lower(validUntilUtcTicks);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Current.Value = _outer;
        _outer?.Lower(ValidUntilUtcTicks);
    }

    private void Lower(long value)
    {
        var seen = Volatile.Read(ref _validUntil);
        while (value < seen && Interlocked.CompareExchange(ref _validUntil, value, seen) is var now && now != seen)
        {
            seen = now;
        }
    }
}
