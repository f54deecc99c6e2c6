namespace ZarrCache;

/// <summary>
/// What one <see cref="DiskCache"/> knows of its folder: each entry file's key hash and size in recency order (least
/// recently used first), and the byte total. Rebuilt by scanning the folder at start; never persisted. One lock: the
/// disk I/O around it costs far more.
/// </summary>
internal sealed class DiskIndex(long maxBytes)
{
    private readonly Dictionary<UInt128, Node> _nodes = [];
    private readonly Lock _sync = new();
    private Node? _head;
    private Node? _tail;
    private long _size;

    public long Size => Volatile.Read(ref _size);

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

    /// <summary>
    /// Records an entry file of <paramref name="bytes"/> as most recently used (replacing any older size), and
    /// evicts least recently used entries until the total fits; the evicted hashes are returned for deletion.
    /// </summary>
    public List<UInt128>? AddOrUpdate(UInt128 hash, long bytes, long touchedTicks)
    {
        List<UInt128>? victims = null;
        lock (_sync)
        {
            if (_nodes.Remove(hash, out var old))
            {
                Unlink(old);
            }

            while (_size + bytes > maxBytes && _head is { } victim)
            {
                _nodes.Remove(victim.Hash);
                Unlink(victim);
                (victims ??= []).Add(victim.Hash);
            }

            var node = new Node(hash, bytes) { TouchedTicks = touchedTicks };
            _nodes[hash] = node;
            Link(node);
        }

        return victims;
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
            if (node != _tail)
            {
                Unlink(node);
                Link(node);
            }

            if (nowTicks - node.TouchedTicks < touchIntervalTicks)
            {
                return false;
            }

            node.TouchedTicks = nowTicks;
            return true;
        }
    }

    public bool Contains(UInt128 hash)
    {
        lock (_sync)
        {
            return _nodes.ContainsKey(hash);
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

            Unlink(node);
            return true;
        }
    }

    public void Clear()
    {
        lock (_sync)
        {
            _nodes.Clear();
            _head = _tail = null;
            Volatile.Write(ref _size, 0);
        }
    }

    /// <summary>The hashes from least to most recently used; for tests and tools.</summary>
    public List<UInt128> InEvictionOrder()
    {
        lock (_sync)
        {
            var hashes = new List<UInt128>(_nodes.Count);
            for (var n = _head; n is not null; n = n.Next)
            {
                hashes.Add(n.Hash);
            }

            return hashes;
        }
    }

    private void Link(Node node)
    {
        node.Previous = _tail;
        node.Next = null;
        if (_tail is null)
        {
            _head = node;
        }
        else
        {
            _tail.Next = node;
        }

        _tail = node;
        Volatile.Write(ref _size, _size + node.Bytes);
    }

    private void Unlink(Node node)
    {
        if (node.Previous is null)
        {
            _head = node.Next;
        }
        else
        {
            node.Previous.Next = node.Next;
        }

        if (node.Next is null)
        {
            _tail = node.Previous;
        }
        else
        {
            node.Next.Previous = node.Previous;
        }

        node.Previous = node.Next = null;
        Volatile.Write(ref _size, _size - node.Bytes);
    }

    private sealed class Node(UInt128 hash, long bytes)
    {
        public readonly UInt128 Hash = hash;
        public readonly long Bytes = bytes;
        public long TouchedTicks;
        public Node? Previous;
        public Node? Next;
    }
}
