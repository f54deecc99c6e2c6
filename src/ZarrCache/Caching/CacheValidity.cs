namespace ZarrCache;

/// <summary>
/// How long what the reads in the current asynchronous flow returned stays valid: a scope that caching stores report
/// the expiry of every cached copy they serve into, so that a value derived from those reads (a decoded Zarr chunk) is
/// kept no longer than the bytes it came from.
/// </summary>
/// <remarks>
/// <para>The scope flows with the <see cref="ExecutionContext"/> (an <see cref="AsyncLocal{T}"/>), like
/// <see cref="ValueSizeLimit"/>: reads started inside it, also in parallel, report into it. A
/// <see cref="CachedStore"/> reports the expiry of a cached value or range it serves, the expiry it caches an origin
/// read with (or a lower bound of it), the expiry of a "missing" mark it answers from, and the current time for what it
/// serves without caching (a stale value served on an origin error, a missing answer it does not remember). A key its
/// <see cref="KeyPolicy"/> does not cache reports nothing, as a plain store does.</para>
/// <para>Expiry is one of two ways a copy goes stale; the other is a write. A reader takes
/// <see cref="ICachingStore.VersionOf"/> before its reads and treats what it derived as current only while that number
/// is unchanged and <see cref="ICachingStore.TimeProvider"/>'s time is before <see cref="ValidUntilUtcTicks"/>.</para>
/// </remarks>
public sealed class CacheValidity : IDisposable
{
    private static readonly AsyncLocal<CacheValidity?> CurrentScope = new();
    private readonly CacheValidity? _previous;
    private long _validUntil = long.MaxValue;
    private int _disposed;

    private CacheValidity(CacheValidity? previous) => _previous = previous;

    /// <summary>
    /// The earliest expiry, in UTC ticks by the reporting store's <see cref="ICachingStore.TimeProvider"/>, of anything
    /// served inside the scope; <see cref="long.MaxValue"/> while nothing bounded it.
    /// </summary>
    public long ValidUntilUtcTicks => Volatile.Read(ref _validUntil);

    /// <summary>Starts tracking the reads of the current asynchronous flow until the returned scope is disposed.</summary>
    /// <returns>The scope; dispose it to stop tracking (a scope inside another reports its bound to the outer one then).</returns>
    public static CacheValidity Track()
    {
        var scope = new CacheValidity(CurrentScope.Value);
        CurrentScope.Value = scope;
        return scope;
    }

    /// <summary>
    /// Bounds the scope in force, if any, by <paramref name="validUntilUtcTicks"/>: called by caching stores when they
    /// serve a cached copy. Without a scope this is one <see cref="AsyncLocal{T}"/> read; with one, a thread-safe minimum.
    /// </summary>
    /// <param name="validUntilUtcTicks">When what was served stops being valid, in UTC ticks; <see cref="long.MaxValue"/> for never.</param>
    public static void Report(long validUntilUtcTicks) => CurrentScope.Value?.Lower(validUntilUtcTicks);

    /// <summary>Stops tracking: restores the scope in force before <see cref="Track"/> and reports this scope's bound to it.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        if (ReferenceEquals(CurrentScope.Value, this))
        {
            CurrentScope.Value = _previous;
        }

        _previous?.Lower(ValidUntilUtcTicks);
    }

    private void Lower(long validUntilUtcTicks)
    {
        var current = Volatile.Read(ref _validUntil);
        while (validUntilUtcTicks < current)
        {
            var seen = Interlocked.CompareExchange(ref _validUntil, validUntilUtcTicks, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}
