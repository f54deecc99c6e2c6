namespace ZarrCache;

/// <summary>A node of an <see cref="IntrusiveList{TNode}"/>: the links live in the node, so moving it allocates nothing.</summary>
/// <typeparam name="TNode">The node type itself.</typeparam>
internal abstract class LinkedNode<TNode>
    where TNode : LinkedNode<TNode>
{
    /// <summary>The node nearer the head; null at the head or outside a list.</summary>
    public TNode? Previous;

    /// <summary>The node nearer the tail; null at the tail or outside a list.</summary>
    public TNode? Next;
}

/// <summary>
/// A doubly-linked list whose links live in its nodes, oldest at the head: the one place nodes are linked and unlinked,
/// for the memory tier's queues and the disk tier's recency index. Not thread-safe: its owner locks.
/// </summary>
/// <typeparam name="TNode">The node type.</typeparam>
internal sealed class IntrusiveList<TNode>
    where TNode : LinkedNode<TNode>
{
    /// <summary>The oldest node; null when empty.</summary>
    public TNode? Head { get; private set; }

    /// <summary>The newest node; null when empty.</summary>
    public TNode? Tail { get; private set; }

    /// <summary>Appends a node, which must be in no list, at the tail.</summary>
    public void AddLast(TNode node)
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
    }

    /// <summary>Unlinks a node of this list, wherever it is.</summary>
    public void Remove(TNode node)
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
    }

    /// <summary>Unlinks every node.</summary>
    public void Clear()
    {
        for (var node = Head; node is not null;)
        {
            var next = node.Next;
            node.Previous = node.Next = null;
            node = next;
        }

        Head = Tail = null;
    }
}
