using System.Collections.Concurrent;

namespace ZarrCache;

/// <summary>
/// The byte ranges of each key cached as entries of their own: their cache keys (the key, a NUL that no real key has,
/// the range), registered under the key so that invalidating the key drops them, and found for a requested range by
/// exact match or by containment (a cached range serves every range it holds). Bounded per key.
/// </summary>
internal sealed class RangeIndex
{
    private const int MaxRangesPerKey = 1024;
    private readonly ConcurrentDictionary<StoreKey, ConcurrentDictionary<ByteRange, StoreKey>> _ranges = new();

    /// <summary>The cache key of a range of <paramref name="key"/> that is not registered (a read that caches nothing).</summary>
    public static StoreKey Unregistered(StoreKey key, ByteRange range) =>
        StoreKey.Derive(key, range.ToHttpHeaderValue());

    /// <summary>The cache key of a range, registered under its key.</summary>
    public StoreKey Register(StoreKey key, ByteRange range)
    {
        var ranges = _ranges.GetOrAdd(key, static _ => new ConcurrentDictionary<ByteRange, StoreKey>());
        if (ranges.Count >= MaxRangesPerKey)
        {
            // Bound the index: forget the ranges (their cache entries are evicted in time, or dropped with the key prefix).
            ranges.Clear();
        }

        return ranges.GetOrAdd(range, static (r, k) => Unregistered(k, r), key);
    }

    /// <summary>
    /// The cached ranges of <paramref name="key"/> that may serve <paramref name="range"/>: the exact one first, then
    /// those that contain it (by their requested extent; the caller checks the bytes it finds cover the range).
    /// </summary>
    public IEnumerable<(StoreKey CacheKey, ByteRange Cached)> Candidates(StoreKey key, ByteRange range)
    {
        if (!_ranges.TryGetValue(key, out var ranges))
        {
            yield break;
        }

        if (ranges.TryGetValue(range, out var exact))
        {
            yield return (exact, range);
        }

        if (range.IsSuffix || range.IsToEnd)
        {
            yield break;
        }

        foreach (var (cached, cacheKey) in ranges)
        {
            if (!cached.IsSuffix && !cached.IsToEnd && cached != range
                && cached.Offset <= range.Offset && range.Offset + range.Length <= cached.Offset + cached.Length)
            {
                yield return (cacheKey, cached);
            }
        }
    }

    /// <summary>
    /// The bytes of <paramref name="range"/> within the bytes cached for <paramref name="cached"/>; null when they do not
    /// hold all of it (the cached read ended at the value's end before the range did).
    /// </summary>
    public static ReadOnlyMemory<byte>? Within(ByteRange cached, ReadOnlyMemory<byte> bytes, ByteRange range)
    {
        if (cached == range)
        {
            return bytes;
        }

        var start = range.Offset - cached.Offset;
        return start + range.Length <= bytes.Length ? bytes.Slice((int)start, (int)range.Length) : (ReadOnlyMemory<byte>?)null;
    }

    /// <summary>Forgets the ranges of <paramref name="key"/> and returns their cache keys.</summary>
    public ICollection<StoreKey> Remove(StoreKey key) =>
        _ranges.TryRemove(key, out var ranges) ? ranges.Values : [];

    /// <summary>Forgets the ranges of the keys under <paramref name="prefix"/> (their entries go with the cache's prefix removal).</summary>
    public void RemoveUnder(StorePrefix prefix)
    {
        foreach (var key in _ranges.Keys)
        {
            if (key.IsUnder(prefix))
            {
                _ranges.TryRemove(key, out _);
            }
        }
    }

    /// <summary>Forgets every range.</summary>
    public void Clear() => _ranges.Clear();
}
