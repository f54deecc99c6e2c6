namespace ZarrCache;

/// <summary>
/// The one rule that keeps a cache from going back in time: a copy made from a read that began before a write of its
/// key (an origin value stored in the cache, a missing mark, a promotion from disk to memory, a demotion from memory to
/// disk) is stored only if that write has not begun; a write waits for such stores in progress, and no such store
/// starts while the write runs.
/// </summary>
/// <remarks>
/// <para>A reader takes <see cref="VersionOf(StoreKey)"/> before the read whose result it may store, and stores
/// inside <see cref="TryEnter"/> / <see cref="Exit"/>. A writer brackets its changes to the caches with
/// <see cref="BeginWriteAsync"/> / <see cref="EndWrite"/> (or the <c>All</c> forms for a prefix or a clear): begin
/// advances the version and waits for stores that entered before; until the write ends, every store of the key gives
/// up; end advances the version again, so a read taken during the write never stores. Then every store either finished
/// before the write changed the caches (and the write's removal removes it), or stores nothing.</para>
/// <para>Keys map to 64 stripes, each with a version, a count of stores in progress and a count of writes in progress.
/// Entering is two interlocked operations; beginning a write is two, plus a wait only while a store of the stripe is in
/// progress (a memory insert, a file write). A write of another key of the same stripe makes a store give up: a lost
/// insert, never a wrong one.</para>
/// </remarks>
internal sealed class WriteFence
{
    /// <summary>The number of stripes: the length of a buffer for <see cref="CopyVersionsTo"/>.</summary>
    public const int StripeCount = 64;
    private readonly Stripe[] _stripes = new Stripe[StripeCount];

    public WriteFence()
    {
        for (var i = 0; i < _stripes.Length; i++)
        {
            _stripes[i] = new Stripe();
        }
    }

    /// <summary>The version of <paramref name="key"/>'s stripe: take it before reading a value that may be stored.</summary>
    public long VersionOf(StoreKey key) => Volatile.Read(ref StripeOf(key).Version);

    /// <summary>Copies every stripe's version (for a store whose key is not known yet: an eviction's demotion).</summary>
    public void CopyVersionsTo(Span<long> versions)
    {
        for (var i = 0; i < _stripes.Length; i++)
        {
            versions[i] = Volatile.Read(ref _stripes[i].Version);
        }
    }

    /// <summary>The version of <paramref name="key"/>'s stripe in a copy that <see cref="CopyVersionsTo"/> made.</summary>
    public static long VersionOf(StoreKey key, ReadOnlySpan<long> versions) => versions[IndexOf(key)];

    /// <summary>
    /// Starts storing a value of <paramref name="key"/> read at <paramref name="version"/>; false (and nothing to exit)
    /// when a write of the key has begun since.
    /// </summary>
    public bool TryEnter(StoreKey key, long version)
    {
        var stripe = StripeOf(key);
        Interlocked.Increment(ref stripe.Storing);
        if (Interlocked.Read(ref stripe.Version) == version && Volatile.Read(ref stripe.Writing) == 0)
        {
            return true;
        }

        Interlocked.Decrement(ref stripe.Storing);
        return false;
    }

    /// <summary>Ends a store that <see cref="TryEnter"/> started.</summary>
    public void Exit(StoreKey key) => Interlocked.Decrement(ref StripeOf(key).Storing);

    /// <summary>Begins a write of <paramref name="key"/>: later stores give up, stores in progress are waited for.</summary>
    public ValueTask BeginWriteAsync(StoreKey key) => Begin(StripeOf(key));

    /// <summary>Ends a write that <see cref="BeginWriteAsync"/> began (call it in a <c>finally</c>).</summary>
    public void EndWrite(StoreKey key) => End(StripeOf(key));

    /// <summary>Begins a write of every key (a prefix removal or a clear).</summary>
    public async ValueTask BeginWriteAllAsync()
    {
        foreach (var stripe in _stripes)
        {
            Interlocked.Increment(ref stripe.Writing);
            Interlocked.Increment(ref stripe.Version);
        }

        foreach (var stripe in _stripes)
        {
            await DrainAsync(stripe).ConfigureAwait(false);
        }
    }

    /// <summary>Ends a write that <see cref="BeginWriteAllAsync"/> began.</summary>
    public void EndWriteAll()
    {
        foreach (var stripe in _stripes)
        {
            End(stripe);
        }
    }

    private static ValueTask Begin(Stripe stripe)
    {
        Interlocked.Increment(ref stripe.Writing);
        Interlocked.Increment(ref stripe.Version);
        return Volatile.Read(ref stripe.Storing) == 0 ? default : DrainAsync(stripe);
    }

    private static void End(Stripe stripe)
    {
        Interlocked.Increment(ref stripe.Version);
        Interlocked.Decrement(ref stripe.Writing);
    }

    /// <summary>Waits for the stripe's stores in progress.</summary>
    private static async ValueTask DrainAsync(Stripe stripe)
    {
        // While a write runs, new stores of the stripe give up at once, so only the stores that entered before it wait:
        // short (a memory insert, a file write), and the wait ends.
        var spin = new SpinWait();
        while (Volatile.Read(ref stripe.Storing) != 0)
        {
            if (spin.NextSpinWillYield)
            {
                await Task.Delay(1).ConfigureAwait(false);
            }
            else
            {
                spin.SpinOnce();
            }
        }
    }

    private static int IndexOf(StoreKey key) => (key.GetHashCode() & int.MaxValue) % StripeCount;

    private Stripe StripeOf(StoreKey key) => _stripes[IndexOf(key)];

    private sealed class Stripe
    {
        public long Version;
        public long Storing;
        public long Writing;
    }
}
