namespace ZarrCache;

/// <summary>
/// Carries cache changes between processes that share a tier: a write or invalidation through one process's
/// <see cref="CachedStore"/> is published, and every other process drops the key from its local tiers.
/// </summary>
public interface ICacheBackplane
{
    /// <summary>Tells the other processes of a change, and waits (bounded) until they have applied it.</summary>
    /// <param name="change">The change.</param>
    /// <param name="cancellationToken">Cancels the wait (the message may still be delivered).</param>
    /// <returns>A task that completes when the others acknowledged the change or the wait's bound passed.</returns>
    ValueTask PublishAsync(CacheChange change, CancellationToken cancellationToken);

    /// <summary>Registers the handler of changes published by other processes (one handler; set once, at construction).</summary>
    /// <param name="handler">Applies a change to this process's local tiers.</param>
    void Subscribe(Func<CacheChange, CancellationToken, ValueTask> handler);
}

/// <summary>What a <see cref="CacheChange"/> covers.</summary>
public enum CacheChangeKind
{
    /// <summary>One key (with its ranges and missing mark).</summary>
    Key,

    /// <summary>Every key under a prefix.</summary>
    Prefix,

    /// <summary>Everything.</summary>
    All,
}

/// <summary>A change of cached values that other processes must apply to their local tiers.</summary>
/// <param name="Kind">What it covers.</param>
/// <param name="Target">The key or the prefix; empty for <see cref="CacheChangeKind.All"/>.</param>
public readonly record struct CacheChange(CacheChangeKind Kind, string Target);

/// <summary>The backplane of a cache without a shared tier: nothing to tell, nothing to hear.</summary>
public sealed class NoBackplane : ICacheBackplane
{
    /// <summary>The one instance.</summary>
    public static NoBackplane Instance { get; } = new();

    private NoBackplane()
    {
    }

    /// <inheritdoc />
    public ValueTask PublishAsync(CacheChange change, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    /// <inheritdoc />
    public void Subscribe(Func<CacheChange, CancellationToken, ValueTask> handler)
    {
    }
}
