using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace ZarrCache;

/// <summary>
/// The background half of prefetching: a bounded queue of keys served by a few workers, and the accounts of what
/// prefetching fetched (issued, used, wasted, dropped, and the prefetched bytes no read has used yet).
/// </summary>
internal sealed class Prefetcher : IAsyncDisposable
{
    private static readonly AsyncLocal<bool> Scope = new();
    private readonly Channel<PrefetchItem> _queue;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task[] _workers;
    private readonly ConcurrentDictionary<StoreKey, int> _unused = new();
    private readonly Func<StoreKey, CancellationToken, ValueTask> _fetch;
    private readonly ILogger _logger;
    private int _unusedCount;
    private readonly long _maxUnusedBytes;
    private long _unusedBytes;
    private readonly AtomicCounter _issued = new();
    private readonly AtomicCounter _used = new();
    private readonly AtomicCounter _wasted = new();
    private readonly AtomicCounter _wastedBytes = new();
    private readonly AtomicCounter _dropped = new();
    private int _disposed;

    /// <param name="config">The settings.</param>
    /// <param name="maxUnusedBytes">The cap on prefetched bytes not yet used.</param>
    /// <param name="fetch">Reads one key into the cache.</param>
    /// <param name="logger">Where to log failed prefetches.</param>
    public Prefetcher(PrefetchConfig config, long maxUnusedBytes, Func<StoreKey, CancellationToken, ValueTask> fetch, ILogger logger)
    {
        _maxUnusedBytes = Math.Max(1, maxUnusedBytes);
        _fetch = fetch;
        _logger = logger;
        _queue = Channel.CreateBounded<PrefetchItem>(
            new BoundedChannelOptions(config.MaxQueueSize) { FullMode = BoundedChannelFullMode.DropOldest, SingleWriter = false },
            _ => _dropped.Increment());
        _workers = new Task[config.MaxConcurrency];
        for (var i = 0; i < _workers.Length; i++)
        {
            _workers[i] = Task.Run(RunWorkerAsync);
        }
    }

    /// <summary>Whether the current flow runs a prefetch (its reads are not foreground reads).</summary>
    public static bool InScope => Scope.Value;

    /// <summary>Whether prefetched bytes that no read has used yet have reached their cap.</summary>
    private bool AtCap => Volatile.Read(ref _unusedBytes) >= _maxUnusedBytes;

    /// <summary>Queues a key; false when stopped, or when unused prefetched bytes are at their cap (counted as dropped).</summary>
    public bool TryEnqueue(StoreKey key, Func<CancellationToken, ValueTask>? fetch = null)
    {
        if (Volatile.Read(ref _disposed) != 0)
        {
            return false;
        }

        if (AtCap)
        {
            _dropped.Increment();
            return false;
        }

        return _queue.Writer.TryWrite(new PrefetchItem(key, fetch));
    }

    /// <summary>Records a value a prefetch read cached; <paramref name="claimed"/> tells whether a foreground read joined it.</summary>
    public void RecordPrefetched(StoreKey cacheKey, int bytes, Func<bool> claimed)
    {
        if (_unused.TryAdd(cacheKey, bytes))
        {
            Interlocked.Increment(ref _unusedCount);
            Interlocked.Add(ref _unusedBytes, bytes);
        }

        // A foreground read that joined the prefetch before this line found nothing to claim: claim for it.
        if (claimed())
        {
            OnUsed(cacheKey);
        }
    }

    public void CountIssued() => _issued.Increment();

    /// <summary>A foreground read got <paramref name="cacheKey"/> (a hit, or a wait on a prefetch in flight): counts it used once.</summary>
    public void OnUsed(StoreKey cacheKey)
    {
        if (Volatile.Read(ref _unusedCount) == 0 || !_unused.ContainsKey(cacheKey))
        {
            return;
        }

        if (Take(cacheKey, out _))
        {
            _used.Increment();
        }
    }

    /// <summary><paramref name="cacheKey"/> left the cache (evicted or invalidated): if no read used it, it was wasted.</summary>
    public void OnGone(StoreKey cacheKey)
    {
        if (Volatile.Read(ref _unusedCount) == 0)
        {
            return;
        }

        if (Take(cacheKey, out var bytes))
        {
            _wasted.Increment();
            _wastedBytes.Add(bytes);
        }
    }

    /// <summary>Forgets every unused prefetched entry as wasted (the cache was cleared).</summary>
    public void OnCleared()
    {
        foreach (var key in _unused.Keys)
        {
            OnGone(key);
        }
    }

    /// <summary>The entries under <paramref name="prefix"/> left the cache: unused ones were wasted.</summary>
    public void OnGoneUnder(StorePrefix prefix)
    {
        foreach (var key in _unused.Keys)
        {
            if (key.IsUnder(prefix))
            {
                OnGone(key);
            }
        }
    }

    public CacheStats AddTo(CacheStats stats) => stats with
    {
        PrefetchesIssued = _issued.Value,
        PrefetchesUsed = _used.Value,
        PrefetchesWasted = _wasted.Value,
        PrefetchBytesWasted = _wastedBytes.Value,
        PrefetchesDropped = _dropped.Value,
        PrefetchesUnused = Volatile.Read(ref _unusedCount),
    };

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _queue.Writer.TryComplete();
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(_workers).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping is the point.
        }

        _stop.Dispose();
    }

    private bool Take(StoreKey cacheKey, out int bytes)
    {
        if (!_unused.TryRemove(cacheKey, out bytes))
        {
            return false;
        }

        Interlocked.Decrement(ref _unusedCount);
        Interlocked.Add(ref _unusedBytes, -bytes);
        return true;
    }

    private async Task RunWorkerAsync()
    {
        var token = _stop.Token;
        Scope.Value = true;
        while (await _queue.Reader.WaitToReadAsync(token).ConfigureAwait(false))
        {
            while (_queue.Reader.TryRead(out var item))
            {
                if (AtCap)
                {
                    _dropped.Increment();
                    continue;
                }

                try
                {
                    if (item.Fetch is { } fetch)
                    {
                        await fetch(token).ConfigureAwait(false);
                    }
                    else
                    {
                        await _fetch(item.Key, token).ConfigureAwait(false);
                    }
                }
                catch (OperationCanceledException) when (token.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception e)
                {
                    // A failed prefetch caches nothing; the foreground read will try again and see the error itself.
                    Log.PrefetchFailed(_logger, item.Key.Value, e);
                }
            }
        }
    }

    /// <summary>A key to read into the cache, or a read of its own (for ranges: a shard's inner chunks).</summary>
    private readonly record struct PrefetchItem(StoreKey Key, Func<CancellationToken, ValueTask>? Fetch);
}
