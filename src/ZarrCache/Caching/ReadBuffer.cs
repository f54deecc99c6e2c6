namespace ZarrCache;

/// <summary>
/// A bounded, lossy, multi-producer buffer of accessed entries, as in Caffeine: a cache hit records its entry here
/// without taking a lock, and the owner of the eviction lock replays the records in order. When the buffer is full,
/// or two readers race for one slot, a record is dropped: the recency order is then approximate, never wrong data.
/// </summary>
/// <typeparam name="T">The entry type.</typeparam>
internal sealed class ReadBuffer<T>
    where T : class
{
    private const int StripeSize = 64;
    private const int StripeMask = StripeSize - 1;
    private readonly Stripe[] _stripes;
    private readonly int _stripeMask;

    public ReadBuffer()
    {
        var count = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(4, Environment.ProcessorCount * 4));
        _stripes = new Stripe[count];
        for (var i = 0; i < count; i++)
        {
            _stripes[i] = new Stripe();
        }

        _stripeMask = count - 1;
    }

    /// <summary>Records an access; returns false when the stripe is full and should be drained.</summary>
    public bool TryRecord(T item)
    {
        var stripe = _stripes[Environment.CurrentManagedThreadId & _stripeMask];
        var tail = Volatile.Read(ref stripe.Tail);
        var head = Volatile.Read(ref stripe.Head);
        if (tail - head >= StripeSize)
        {
            return false;
        }

        if (Interlocked.CompareExchange(ref stripe.Tail, tail + 1, tail) == tail)
        {
            Volatile.Write(ref stripe.Slots[tail & StripeMask], item);
        }

        return true;
    }

    /// <summary>Replays and clears every record; call only while holding the owner's lock.</summary>
    public void Drain(Action<T> apply)
    {
        foreach (var stripe in _stripes)
        {
            var head = stripe.Head;
            var tail = Volatile.Read(ref stripe.Tail);
            while (head < tail)
            {
                ref var slot = ref stripe.Slots[head & StripeMask];
                var item = Volatile.Read(ref slot);
                if (item is null)
                {
                    break; // Reserved by a reader that has not written it yet; the next drain takes it.
                }

                slot = null;
                apply(item);
                head++;
            }

            Volatile.Write(ref stripe.Head, head);
        }
    }

    /// <summary>Drops every record; call only while holding the owner's lock.</summary>
    public void Clear() => Drain(static _ => { });

    private sealed class Stripe
    {
        public readonly T?[] Slots = new T?[StripeSize];
        public long Head;
        public long Tail;
    }
}
