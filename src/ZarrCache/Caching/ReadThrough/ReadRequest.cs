namespace ZarrCache;

/// <summary>
/// One key as a read of it sees it: classified by the <see cref="KeyPolicy"/> once, when the request begins, so no later
/// step of the read classifies it again.
/// </summary>
internal readonly record struct ReadRequest(StoreKey Key, KeyKind Kind, bool Cacheable, KeyPolicy Policy)
{
    /// <summary>Classifies <paramref name="key"/> once.</summary>
    public static ReadRequest For(KeyPolicy policy, StoreKey key)
    {
        var kind = KeyPolicy.Classify(key);
        return new ReadRequest(key, kind, policy.ShouldCache(key, kind), policy);
    }

    /// <summary>Whether the origin's "missing" answer for the key is remembered.</summary>
    public bool RemembersMissing => Policy.ShouldCacheMissing(Key, Kind);
}
