namespace ZarrCache.Tests.TestSupport;

/// <summary>
/// A store decorator whose GET of one key answers only once every companion key has been asked for too, so that a
/// reader who asks for them together is seen to (<see cref="Overlapped"/>); a reader who asks one after the other makes
/// that GET wait 10 s and then answer, not overlapped. Every GET is passed to the store below.
/// </summary>
internal sealed class RendezvousStore : DelegatingStore<IReadableStore>
{
    private readonly StoreKey _first;
    private readonly Dictionary<StoreKey, TaskCompletionSource> _companions;

    public RendezvousStore(IReadableStore inner, StoreKey first, params StoreKey[] companions)
        : base(inner)
    {
        _first = first;
        _companions = companions.ToDictionary(key => key, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
    }

    /// <summary>Whether every companion was asked for while the GET of the first key was in flight.</summary>
    public bool Overlapped { get; private set; }

    public override async ValueTask<ReadOnlyMemory<byte>?> GetAsync(StoreKey key, CancellationToken cancellationToken = default)
    {
        if (_companions.TryGetValue(key, out var asked))
        {
            asked.TrySetResult();
        }

        if (key == _first)
        {
            try
            {
                await Task.WhenAll(_companions.Values.Select(c => c.Task)).WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);
                Overlapped = true;
            }
            catch (TimeoutException)
            {
                Overlapped = false;
            }
        }

        return await Inner.GetAsync(key, cancellationToken);
    }
}
