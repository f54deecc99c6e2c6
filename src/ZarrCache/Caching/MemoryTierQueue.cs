namespace ZarrCache;

/// <summary>An intrusive FIFO of <see cref="MemoryTierNode"/>s that counts its bytes; used only under the cache's lock.</summary>
internal sealed class MemoryTierQueue
{
    public MemoryTierNode? Head { get; private set; }

    public MemoryTierNode? Tail { get; private set; }

    public long Bytes { get; private set; }

    public int Count { get; private set; }

    /// <summary>Appends a node at the tail (the newest end).</summary>
    public void Enqueue(MemoryTierNode node)
    {
        node.Previous = Tail;
        node.Next = null;
        if (Tail is null)
        {
            Head = node;
        }
        else
        {
            Tail.Next = node;
        }

        Tail = node;
        node.Queue = this;
        Bytes += node.Value.Length;
        Count++;
    }

    /// <summary>Unlinks a node of this queue, wherever it is.</summary>
    public void Remove(MemoryTierNode node)
    {
        if (node.Previous is null)
        {
            Head = node.Next;
        }
        else
        {
            node.Previous.Next = node.Next;
        }

        if (node.Next is null)
        {
            Tail = node.Previous;
        }
        else
        {
            node.Next.Previous = node.Previous;
        }

        node.Previous = node.Next = null;
        node.Queue = null;
        Bytes -= node.Value.Length;
        Count--;
    }

    /// <summary>Unlinks every node.</summary>
    public void Clear()
    {
        for (var node = Head; node is not null;)
        {
            var next = node.Next;
            node.Previous = node.Next = null;
            node.Queue = null;
            node = next;
        }

        Head = Tail = null;
        Bytes = 0;
        Count = 0;
    }
}
