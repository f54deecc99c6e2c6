namespace ZarrCache;

/// <summary>
/// One figure of a tier or of a part of one (hits, failures, leases taken...): many threads add to it with one atomic
/// instruction each and any thread reads it. The one way the library counts figures that are not on the hit path (those
/// are striped); a part that counts exposes its counters, and a snapshot reads <see cref="Value"/>.
/// </summary>
public sealed class AtomicCounter
{
    private long _value;

    /// <summary>The count now.</summary>
    public long Value => Volatile.Read(ref _value);

    /// <summary>Adds one.</summary>
    public void Increment() => Interlocked.Increment(ref _value);

    /// <summary>Adds <paramref name="amount"/>.</summary>
    /// <param name="amount">What to add.</param>
    public void Add(long amount) => Interlocked.Add(ref _value, amount);
}
