namespace ZarrCache;

/// <summary>An intrusive FIFO of <see cref="MemoryTierNode"/>s that counts its bytes; used only under the cache's lock.</summary>
internal sealed class MemoryTierQueue
{
    private readonly IntrusiveList<MemoryTierNode> _nodes = new();

    public MemoryTierNode? Head => _nodes.Head;

    public MemoryTierNode? Tail => _nodes.Tail;

    public long Bytes { get; private set; }

    public int Count { get; private set; }

    /// <summary>Appends a node at the tail (the newest end).</summary>
    public void Enqueue(MemoryTierNode node)
    {
        _nodes.AddLast(node);
        node.Queue = this;
        Bytes += node.Value.Length;
        Count++;
    }

    /// <summary>Unlinks a node of this queue, wherever it is.</summary>
    public void Remove(MemoryTierNode node)
    {
        _nodes.Remove(node);
        node.Queue = null;
        Bytes -= node.Value.Length;
        Count--;
    }

    /// <summary>Unlinks every node.</summary>
    public void Clear()
    {
        for (var node = Head; node is not null; node = node.Next)
        {
            node.Queue = null;
        }

        _nodes.Clear();
        Bytes = 0;
        Count = 0;
    }
}
