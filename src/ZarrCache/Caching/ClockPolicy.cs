namespace ZarrCache;

/// <summary>
/// CLOCK (second chance), the policy of <see cref="LruMemoryCache"/>: one FIFO queue and a reference bit per entry
/// (<see cref="MemoryTierNode.Frequency"/> capped at 1). A hit sets the bit, unless it is set already; eviction takes
/// the oldest entry, or, if its bit is set, clears the bit and moves it to the tail. The approximation of LRU that
/// operating systems and BitFaster's <c>ConcurrentLru</c> use: entries not read since the hand last passed go first.
/// </summary>
internal sealed class ClockPolicy : MemoryTierPolicy
{
    private readonly MemoryTierQueue _queue = new();

    public override int MaxFrequency => 1;

    public override void Admit(MemoryTierNode node, MemoryTierQueue? replacedFrom) => _queue.Enqueue(node);

    public override MemoryTierNode? TakeVictim()
    {
        // Each entry gets at most one second chance per call, so readers setting bits meanwhile cannot keep it going.
        for (var chances = _queue.Count; _queue.Head is { } head; chances--)
        {
            _queue.Remove(head);
            if (head.Frequency == 0 || chances <= 0)
            {
                return head;
            }

            head.Frequency = 0;
            _queue.Enqueue(head);
        }

        return null;
    }

    public override void Clear() => _queue.Clear();

    /// <summary>
    /// The keys in the order they would be evicted if nothing else happened: entries whose bit is clear from the
    /// oldest, then those with the bit set, from the oldest.
    /// </summary>
    public List<StoreKey> KeysInEvictionOrder()
    {
        var unread = new List<StoreKey>(_queue.Count);
        var read = new List<StoreKey>();
        for (var node = _queue.Head; node is not null; node = node.Next)
        {
            (node.Frequency == 0 ? unread : read).Add(node.Key);
        }

        unread.AddRange(read);
        return unread;
    }
}
