namespace ZarrCache.HitRatio;

/// <summary>Exact least-recently-used order (every hit moves the entry to the front), bounded by bytes: the textbook
/// reference beside <see cref="LruMemoryCache"/>, which approximates it with CLOCK.</summary>
public sealed class ExactLruCache(long maxSize) : ReferenceCache(maxSize)
{
    private readonly Dictionary<string, LinkedListNode<(string Key, int Size)>> _map = [];
    private readonly LinkedList<(string Key, int Size)> _order = new();

    protected override bool Touch(string key)
    {
        if (!_map.TryGetValue(key, out var node))
        {
            return false;
        }

        _order.Remove(node);
        _order.AddLast(node);
        return true;
    }

    protected override void Insert(string key, int size)
    {
        while (Size + size > MaxSize && _order.First is { } oldest)
        {
            _order.RemoveFirst();
            _map.Remove(oldest.Value.Key);
            Size -= oldest.Value.Size;
        }

        _map[key] = _order.AddLast((key, size));
        Size += size;
    }
}
