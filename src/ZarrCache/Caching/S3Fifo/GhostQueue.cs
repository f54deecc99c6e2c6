namespace ZarrCache;

/// <summary>
/// The ghost queue of S3-FIFO: the hashes of keys recently evicted from the small queue, without their values, in
/// FIFO order. It is bounded both by the bytes the forgotten values had (at most the main queue's share of the
/// budget) and by a count, so tiny values cannot grow it without bound. Used only under the cache's lock.
/// </summary>
internal sealed class GhostQueue(long maxBytes, int maxCount)
{
    private readonly Dictionary<int, long> _latest = [];
    private readonly Queue<(int Hash, int Size, long Sequence)> _order = new();
    private long _bytes;
    private long _sequence;

    public int Count => _latest.Count;

    /// <summary>Remembers a key that was evicted with a value of <paramref name="size"/> bytes.</summary>
    public void Add(int hash, int size)
    {
        var sequence = ++_sequence;
        _latest[hash] = sequence;
        _order.Enqueue((hash, size, sequence));
        _bytes += size;
        while (_order.Count > 0 && (_bytes > maxBytes || _order.Count > maxCount))
        {
            var oldest = _order.Dequeue();
            _bytes -= oldest.Size;
            if (_latest.TryGetValue(oldest.Hash, out var latest) && latest == oldest.Sequence)
            {
                _latest.Remove(oldest.Hash);
            }
        }
    }

    /// <summary>Forgets a key and says whether it was remembered.</summary>
    public bool TryTake(int hash) => _latest.Remove(hash);

    public void Clear()
    {
        _latest.Clear();
        _order.Clear();
        _bytes = 0;
    }
}
