using System.Collections.Concurrent;

namespace ZarrCache.Tests.TestSupport;

/// <summary>
/// A store for tests that wraps a <see cref="MemoryStore"/>, counts every origin call per key, and can hold reads
/// at a gate or fail them on purpose.
/// </summary>
internal sealed class ProbeStore : IReadableStore
{
    private readonly ConcurrentDictionary<string, int> _calls = new();
    private int _gets;
    private int _rangeGets;
    private int _multiRangeGets;
    private int _sizeGets;

    public MemoryStore Inner { get; } = new();

    /// <summary>When set, every read awaits this task first (with the read's cancellation token).</summary>
    public Task? Gate { get; set; }

    /// <summary>When set, a read throws this exception (after the gate) and clears it.</summary>
    public Exception? FailNext { get; set; }

    /// <summary>Completes when a read has entered (reached the gate).</summary>
    public TaskCompletionSource ReadEntered { get; private set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Set when a read observed its cancellation token cancelled.</summary>
    public bool ReadWasCancelled { get; private set; }

    public int Gets => Volatile.Read(ref _gets);

    public int RangeGets => Volatile.Read(ref _rangeGets);

    public int MultiRangeGets => Volatile.Read(ref _multiRangeGets);

    public int SizeGets => Volatile.Read(ref _sizeGets);

    public int OriginCalls => Gets + RangeGets + MultiRangeGets;

    public int CallsFor(string key) => _calls.TryGetValue(key, out var n) ? n : 0;

    public void ResetEntered() => ReadEntered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public async ValueTask<ReadOnlyMemory<byte>?> GetAsync(StoreKey key, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _gets);
        await EnterAsync(key, cancellationToken);
        return await Inner.GetAsync(key, cancellationToken);
    }

    public async ValueTask<ReadOnlyMemory<byte>?> GetRangeAsync(StoreKey key, ByteRange range, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _rangeGets);
        await EnterAsync(key, cancellationToken);
        return await Inner.GetRangeAsync(key, range, cancellationToken);
    }

    public async ValueTask<IReadOnlyList<ReadOnlyMemory<byte>>?> GetRangesAsync(StoreKey key, IReadOnlyList<ByteRange> ranges, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _multiRangeGets);
        await EnterAsync(key, cancellationToken);
        return await Inner.GetRangesAsync(key, ranges, cancellationToken);
    }

    public ValueTask<long?> GetSizeAsync(StoreKey key, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _sizeGets);
        return Inner.GetSizeAsync(key, cancellationToken);
    }

    private async Task EnterAsync(StoreKey key, CancellationToken cancellationToken)
    {
        _calls.AddOrUpdate(key.Value, 1, static (_, n) => n + 1);
        ReadEntered.TrySetResult();
        if (Gate is { } gate)
        {
            try
            {
                await gate.WaitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                ReadWasCancelled = true;
                throw;
            }
        }

        if (FailNext is { } failure)
        {
            FailNext = null;
            throw failure;
        }
    }
}
