namespace ZarrCache;

/// <summary>
/// Decides which keys a <see cref="CachedStore"/> caches (selective caching) and which missing keys it remembers as
/// missing (negative caching). The default caches chunks, <c>.zarray</c>, <c>.zattrs</c>, <c>zarr.json</c>,
/// <c>.zmetadata</c> and other keys, skips <c>.zgroup</c>, and remembers missing keys (chunks and metadata).
/// </summary>
public sealed record KeyPolicy
{
    /// <summary>The default policy.</summary>
    public static KeyPolicy Default { get; } = new();

    /// <summary>Cache chunks (and shards). Default true.</summary>
    public bool CacheChunks { get; init; } = true;

    /// <summary>Cache <c>.zarray</c>. Default true.</summary>
    public bool CacheArrayMetadata { get; init; } = true;

    /// <summary>Cache <c>.zattrs</c>. Default true.</summary>
    public bool CacheAttributes { get; init; } = true;

    /// <summary>Cache <c>.zgroup</c>. Default false: group markers are tiny and read once.</summary>
    public bool CacheGroupMetadata { get; init; }

    /// <summary>Cache v3 <c>zarr.json</c>. Default true.</summary>
    public bool CacheNodeMetadata { get; init; } = true;

    /// <summary>Cache <c>.zmetadata</c>. Default true.</summary>
    public bool CacheConsolidatedMetadata { get; init; } = true;

    /// <summary>Cache keys of no known kind. Default true: a read-through cache caches unless told not to.</summary>
    public bool CacheOther { get; init; } = true;

    /// <summary>Remember missing chunks (sparse arrays), so each costs one origin request. Default true.</summary>
    public bool CacheMissingChunks { get; init; } = true;

    /// <summary>
    /// Remember missing keys of the other kinds, such as the probes for <c>zarr.json</c> or <c>.zattrs</c> that every
    /// open of a v2 array makes. Default true, so reopening an array costs no request; a write through the
    /// <see cref="CachedStore"/> clears the mark at once, a write by someone else shows after the negative TTL.
    /// </summary>
    public bool CacheMissingMetadata { get; init; } = true;

    /// <summary>
    /// An extra test a key must pass to be cached (and to be remembered as missing), after the per-kind switches;
    /// null lets every key through.
    /// </summary>
    public Func<StoreKey, KeyKind, bool>? Predicate { get; init; }

    /// <summary>Classifies a key by its last segments.</summary>
    /// <param name="key">The key.</param>
    /// <returns>Its kind.</returns>
    public static KeyKind Classify(StoreKey key)
    {
        var value = key.Value.AsSpan();
        var slash = value.LastIndexOf('/');
        var name = slash < 0 ? value : value[(slash + 1)..];
        switch (name)
        {
            case ".zarray":
                return KeyKind.ArrayMetadata;
            case ".zattrs":
                return KeyKind.Attributes;
            case ".zgroup":
                return KeyKind.GroupMetadata;
            case "zarr.json":
                return KeyKind.NodeMetadata;
            case ".zmetadata":
                return KeyKind.ConsolidatedMetadata;
            case "c":
                return KeyKind.Chunk; // The chunk of a 0-d v3 array.
        }

        return IsChunkName(name) ? KeyKind.Chunk : KeyKind.Other;
    }

    /// <summary>Whether a key is cached when read.</summary>
    /// <param name="key">The key.</param>
    /// <returns>True to cache it.</returns>
    public bool ShouldCache(StoreKey key) => ShouldCache(key, Classify(key));

    /// <summary>Whether a key already classified (by <see cref="Classify"/>) is cached when read.</summary>
    /// <param name="key">The key.</param>
    /// <param name="kind">Its kind, as <see cref="Classify"/> gave it.</param>
    /// <returns>True to cache it.</returns>
    public bool ShouldCache(StoreKey key, KeyKind kind)
    {
        var byKind = kind switch
        {
            KeyKind.Chunk => CacheChunks,
            KeyKind.ArrayMetadata => CacheArrayMetadata,
            KeyKind.Attributes => CacheAttributes,
            KeyKind.GroupMetadata => CacheGroupMetadata,
            KeyKind.NodeMetadata => CacheNodeMetadata,
            KeyKind.ConsolidatedMetadata => CacheConsolidatedMetadata,
            _ => CacheOther,
        };
        return byKind && (Predicate is null || Predicate(key, kind));
    }

    /// <summary>Whether a key the origin does not have is remembered as missing.</summary>
    /// <param name="key">The key.</param>
    /// <returns>True to remember it.</returns>
    public bool ShouldCacheMissing(StoreKey key) => ShouldCacheMissing(key, Classify(key));

    /// <summary>Whether a key already classified (by <see cref="Classify"/>) is remembered as missing.</summary>
    /// <param name="key">The key.</param>
    /// <param name="kind">Its kind, as <see cref="Classify"/> gave it.</param>
    /// <returns>True to remember it.</returns>
    public bool ShouldCacheMissing(StoreKey key, KeyKind kind)
    {
        var byKind = kind == KeyKind.Chunk ? CacheMissingChunks : CacheMissingMetadata;
        return byKind && (Predicate is null || Predicate(key, kind));
    }

    private static bool IsChunkName(ReadOnlySpan<char> name)
    {
        // v2 chunk keys: "0", "0.1.2"; v3 and v2 "/" keys end with a number segment.
        if (name.Length == 0 || !char.IsAsciiDigit(name[0]) || !char.IsAsciiDigit(name[^1]))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiDigit(c) && c != '.')
            {
                return false;
            }
        }

        return !name.Contains("..", StringComparison.Ordinal);
    }
}
