namespace ZarrCache;

/// <summary>What a <see cref="CachedStore"/> does with its cache after a write reached the origin.</summary>
public enum WritePolicy
{
    /// <summary>Cache the written value (when the key policy allows): the next read is a hit. The default.</summary>
    Update = 0,

    /// <summary>Drop the cached value: the next read goes to the origin.</summary>
    Invalidate,
}
