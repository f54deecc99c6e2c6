namespace ZarrCache;

/// <summary>The observer of a store that records no trace: it ignores every request.</summary>
public sealed class NullAccessObserver : IAccessObserver
{
    private NullAccessObserver()
    {
    }

    /// <summary>The one instance.</summary>
    public static NullAccessObserver Instance { get; } = new();

    /// <inheritdoc />
    public void OnAccess(StoreKey key, long size, AccessOutcome outcome, AccessTier tier)
    {
    }
}
