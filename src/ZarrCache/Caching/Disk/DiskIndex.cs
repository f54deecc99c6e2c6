namespace ZarrCache;

/// <summary>
/// The recency order one <see cref="DiskCache"/> knows of its folder's entry files (least recently used first): the
/// files found by its last scan, those it wrote, and those it read. Eviction takes the oldest; the byte total lives in
/// the folder's ledger (<see cref="FolderLedger"/>), not here, so an entry whose file another process already deleted
/// costs only a lookup when it is taken. Never persisted. One lock: the disk I/O around it costs far more.
/// </summary>
internal sealed class DiskIndex
{
    private readonly Dictionary<UInt128, Node> _nodes = [];
    private readonly Lock _sync = new();
    private readonly IntrusiveList<Node> _order = new();

    public int Count
    {
        get
        {
            lock (_sync)
            {
                return _nodes.Count;
            }
        }
    }

    /// <summary>Records an entry file as most recently used, touched at <paramref name="touchedTicks"/>.</summary>
    public void AddOrUpdate(UInt128 hash, long touchedTicks)
    {
        lock (_sync)
        {
            if (_nodes.TryGetValue(hash, out var node))
            {
                _order.Remove(node);
            }
            else
            {
                node = new Node(hash);
                _nodes[hash] = node;
            }

            node.TouchedTicks = touchedTicks;
            _order.AddLast(node);
        }
    }

    /// <summary>Removes and returns the least recently used entry; false when the index is empty.</summary>
    public bool TryTakeOldest(out UInt128 hash)
    {
        lock (_sync)
        {
            if (_order.Head is not { } oldest)
            {
                hash = default;
                return false;
            }

            _nodes.Remove(oldest.Hash);
            _order.Remove(oldest);
            hash = oldest.Hash;
            return true;
        }
    }

    /// <summary>Moves an entry to the most recent end; returns whether its file's time should be touched.</summary>
    public bool Touch(UInt128 hash, long nowTicks, long touchIntervalTicks, out bool known)
    {
        lock (_sync)
        {
            if (!_nodes.TryGetValue(hash, out var node))
            {
                known = false;
                return false;
            }

            known = true;
            if (node != _order.Tail)
            {
                _order.Remove(node);
                _order.AddLast(node);
            }

            if (nowTicks - node.TouchedTicks < touchIntervalTicks)
            {
                return false;
            }

            node.TouchedTicks = nowTicks;
            return true;
        }
    }

    public bool Remove(UInt128 hash)
    {
        lock (_sync)
        {
            if (!_nodes.Remove(hash, out var node))
            {
                return false;
            }

            _order.Remove(node);
            return true;
        }
    }

    public void Clear()
    {
        lock (_sync)
        {
            _nodes.Clear();
            _order.Clear();
        }
    }

    /// <summary>The hashes from least to most recently used; for tests and tools.</summary>
    public List<UInt128> InEvictionOrder()
    {
        lock (_sync)
        {
            var hashes = new List<UInt128>(_nodes.Count);
            for (var n = _order.Head; n is not null; n = n.Next)
            {
                hashes.Add(n.Hash);
            }

            return hashes;
        }
    }

    private sealed class Node(UInt128 hash) : LinkedNode<Node>
    {
        public readonly UInt128 Hash = hash;
        public long TouchedTicks;
    }
}
