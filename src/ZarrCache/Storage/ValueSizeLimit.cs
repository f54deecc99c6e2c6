namespace ZarrCache;

/// <summary>
/// A bound on the size of the values that reads in the current asynchronous flow accept, for callers that know how
/// large a value may sensibly be (a Zarr metadata document) and must not read a hostile one whole: the origins
/// (<see cref="FileSystemStore"/>, <see cref="HttpStore"/>, the S3 store) refuse a larger value with a
/// <see cref="StoreException"/> before they read its body, and a <see cref="CachedStore"/> miss carries the bound to its
/// origin read.
/// </summary>
/// <remarks>
/// The bound flows with the <see cref="ExecutionContext"/> (an <see cref="AsyncLocal{T}"/>), so it applies to the reads
/// started inside the scope only. Concurrent reads of one key through a <see cref="CachedStore"/> share one origin read,
/// which carries the bound of the caller that started it.
/// </remarks>
public static class ValueSizeLimit
{
    private static readonly AsyncLocal<long?> CurrentLimit = new();

    /// <summary>The bound in force, or null for none.</summary>
    public static long? Current => CurrentLimit.Value;

    /// <summary>Bounds the values read until the returned scope is disposed (nested scopes keep the smaller bound).</summary>
    /// <param name="maxBytes">The largest value accepted; not negative.</param>
    /// <returns>The scope; dispose it to restore the bound before.</returns>
    public static Scope Enter(long maxBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxBytes);
        var previous = CurrentLimit.Value;
        CurrentLimit.Value = previous is { } outer ? Math.Min(outer, maxBytes) : maxBytes;
        return new Scope(previous);
    }

    /// <summary>The smaller of <paramref name="maxBytes"/> and the bound in force.</summary>
    /// <param name="maxBytes">A store's own largest value.</param>
    /// <returns>The largest value to accept now.</returns>
    public static long Apply(long maxBytes) => CurrentLimit.Value is { } bound ? Math.Min(bound, maxBytes) : maxBytes;

    /// <summary>A bound in force until disposed.</summary>
    public readonly struct Scope : IDisposable, IEquatable<Scope>
    {
        private readonly long? _previous;

        internal Scope(long? previous) => _previous = previous;

        /// <summary>Restores the bound that was in force before.</summary>
        public void Dispose() => CurrentLimit.Value = _previous;

        /// <inheritdoc />
        public bool Equals(Scope other) => _previous == other._previous;

        /// <inheritdoc />
        public override bool Equals(object? obj) => obj is Scope other && Equals(other);

        /// <inheritdoc />
        public override int GetHashCode() => _previous.GetHashCode();

        /// <summary>Equality.</summary>
        public static bool operator ==(Scope left, Scope right) => left.Equals(right);

        /// <summary>Inequality.</summary>
        public static bool operator !=(Scope left, Scope right) => !left.Equals(right);
    }
}
