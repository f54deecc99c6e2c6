namespace ZarrCache;

/// <summary>
/// The queues of S3-FIFO (see <see cref="S3FifoMemoryCache"/>): a small probationary FIFO of about 10% of the budget,
/// a main FIFO, and a ghost queue of keys recently evicted from the small one. Used only under the cache's lock.
/// </summary>
internal sealed class S3FifoPolicy : MemoryTierPolicy
{
    /// <summary>The small queue's share of the budget, in percent.</summary>
    private const int SmallQueuePercent = 10;

    private readonly MemoryTierQueue _small = new();
    private readonly MemoryTierQueue _main = new();
    private readonly GhostQueue _ghost;
    private readonly long _smallTarget;

    public S3FifoPolicy(long maxSizeBytes)
    {
        _smallTarget = Math.Max(1, maxSizeBytes / 100 * SmallQueuePercent);
        var ghostCount = (int)Math.Clamp(maxSizeBytes / 4096, 1024, 1 << 20);
        _ghost = new GhostQueue(maxSizeBytes - _smallTarget, ghostCount);
    }

    public override int MaxFrequency => 3;

    public long SmallBytes => _small.Bytes;

    public long MainBytes => _main.Bytes;

    public bool IsInMain(MemoryTierNode node) => node.Queue == _main;

    /// <summary>A replacement goes back to its predecessor's queue; a new key enters the small queue, or the main one
    /// when the ghost queue remembers it (by the key's hash in the node table: no second hash of the key).</summary>
    public override void Admit(MemoryTierNode node, MemoryTierQueue? replacedFrom)
    {
        var target = replacedFrom ?? (_ghost.TryTake(node.Hash) ? _main : _small);
        target.Enqueue(node);
    }

    public override MemoryTierNode? TakeVictim()
    {
        // Every pass over the main queue lowers each count by one, so the loop ends; the bound only guards against
        // readers raising counts as fast as this lowers them.
        for (var steps = (long)(_small.Count + _main.Count) * (MaxFrequency + 2); ; steps--)
        {
            if (_small.Head is { } candidate && (_small.Bytes > _smallTarget || _main.Head is null))
            {
                _small.Remove(candidate);
                if (candidate.Frequency > 0 && steps > 0)
                {
                    candidate.Frequency = 0;
                    _main.Enqueue(candidate);
                    continue;
                }

                _ghost.Add(candidate.Hash, candidate.Value.Length);
                return candidate;
            }

            if (_main.Head is not { } victim)
            {
                return null;
            }

            _main.Remove(victim);
            if (victim.Frequency > 0 && steps > 0)
            {
                victim.Frequency--;
                _main.Enqueue(victim);
                continue;
            }

            return victim;
        }
    }

    public override void Clear()
    {
        _small.Clear();
        _main.Clear();
        _ghost.Clear();
    }
}
