namespace ZarrCache;

/// <summary>
/// One origin read that any number of callers await. The read runs under its own cancellation source, which is
/// cancelled only when every caller has given up; one caller's cancellation never fails the others.
/// </summary>
internal sealed class InflightRead<T> : IDisposable
{
    private readonly CancellationTokenSource _cts = new();
    private readonly TaskCompletionSource<T> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _waiters = 1;
    private int _claimed;

    /// <summary>Whether prefetching started this read.</summary>
    public bool IsPrefetch { get; init; }

    /// <summary>The <see cref="WriteFence"/> version of the key taken before the read began.</summary>
    public long Version { get; init; }

    /// <summary>
    /// Until when the result is valid (the <see cref="CacheValidity"/> bound of the read), in UTC ticks; set before the
    /// result is published, so every caller can report it in its own flow.
    /// </summary>
    public long ValidUntilUtcTicks { get; set; } = long.MaxValue;

    /// <summary>Whether a foreground read joined this prefetch read.</summary>
    public bool Claimed => Volatile.Read(ref _claimed) != 0;

    /// <summary>Marks that a foreground read joined this prefetch read.</summary>
    public void Claim() => Volatile.Write(ref _claimed, 1);

    public Task<T> Task => _result.Task;

    /// <summary>Runs the read and publishes its outcome to every caller.</summary>
    public async Task RunAsync(Func<CancellationToken, ValueTask<T>> read)
    {
        try
        {
            _result.TrySetResult(await read(_cts.Token).ConfigureAwait(false));
        }
        catch (OperationCanceledException e) when (_cts.IsCancellationRequested)
        {
            _result.TrySetCanceled(e.CancellationToken);
        }
        catch (Exception e)
        {
            _result.TrySetException(e);
        }
        finally
        {
            Dispose();
        }
    }

    /// <summary>Releases the cancellation source once the read is over.</summary>
    public void Dispose() => _cts.Dispose();

    /// <summary>Joins the read; false when every earlier caller gave up and the read is being cancelled.</summary>
    public bool TryJoin()
    {
        var current = Volatile.Read(ref _waiters);
        while (current > 0)
        {
            var seen = Interlocked.CompareExchange(ref _waiters, current + 1, current);
            if (seen == current)
            {
                return true;
            }

            current = seen;
        }

        return false;
    }

    /// <summary>Awaits the read; a cancelled caller leaves, and the last one to leave cancels the read.</summary>
    public async Task<T> WaitAsync(CancellationToken cancellationToken)
    {
        var task = Task;
        if (!cancellationToken.CanBeCanceled || task.IsCompleted)
        {
            return await task.ConfigureAwait(false);
        }

        try
        {
            return await task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested && !task.IsCompleted)
        {
            if (Interlocked.Decrement(ref _waiters) == 0)
            {
                try
                {
                    await _cts.CancelAsync().ConfigureAwait(false);
                }
                catch (ObjectDisposedException)
                {
                    // The read finished meanwhile: nothing left to cancel.
                }
            }

            throw;
        }
    }
}
