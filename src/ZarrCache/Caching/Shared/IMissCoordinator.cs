namespace ZarrCache;

/// <summary>
/// Coalesces origin reads of one key across processes. Before it reads the origin, a <see cref="CachedStore"/> asks
/// for the key's lease: one process gets it and reads; the others wait a bounded time for its value to reach the
/// shared tier, then read the origin themselves (the holder may have died).
/// </summary>
public interface IMissCoordinator
{
    /// <summary>Takes the lease of <paramref name="key"/>, or waits (bounded) for the process that holds it.</summary>
    /// <param name="key">The cache key about to be read from the origin.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>What happened; dispose it once the value is cached (that releases a lease held).</returns>
    ValueTask<ISharedMiss> BeginMissAsync(StoreKey key, CancellationToken cancellationToken);
}

/// <summary>The outcome of <see cref="IMissCoordinator.BeginMissAsync"/>; disposing it releases a lease held.</summary>
public interface ISharedMiss : IAsyncDisposable
{
    /// <summary>What the caller should do next.</summary>
    SharedMissOutcome Outcome { get; }
}

/// <summary>What a process does after <see cref="IMissCoordinator.BeginMissAsync"/>.</summary>
public enum SharedMissOutcome
{
    /// <summary>No coordination (none configured, the shared tier unreachable, or the wait timed out): read the origin.</summary>
    Uncoordinated,

    /// <summary>This process holds the lease: look the key up again (another process may have cached it just before), else read the origin and cache the value; then dispose.</summary>
    Leased,

    /// <summary>Another process held the lease and has finished: look the key up again before reading the origin.</summary>
    OtherFinished,
}

/// <summary>The miss coordinator of a cache without a shared tier: every miss reads the origin.</summary>
public sealed class NoMissCoordination : IMissCoordinator, ISharedMiss
{
    /// <summary>The one instance.</summary>
    public static NoMissCoordination Instance { get; } = new();

    private NoMissCoordination()
    {
    }

    /// <inheritdoc />
    public SharedMissOutcome Outcome => SharedMissOutcome.Uncoordinated;

    /// <inheritdoc />
    public ValueTask<ISharedMiss> BeginMissAsync(StoreKey key, CancellationToken cancellationToken) => new(this);

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
