using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace ZarrCache.Redis;

/// <summary>
/// The backplane on Redis pub/sub. A change is published on <c>PREFIXinvalidate</c> as
/// <c>SENDER\nID\nKIND\nTARGET</c>; each other process applies it to its local tiers, then acknowledges on
/// <c>PREFIXack:SENDER</c>. The publisher waits (at most <see cref="RedisTierOptions.BackplaneAckTimeout"/>) for as many
/// acknowledgements as PUBLISH reported receivers (less itself), so a write through one process completes after the
/// others have dropped the old value. A process that does not answer in time (it died, or is stalled) is logged and
/// counted; it is not waited for again.
/// </summary>
internal sealed class RedisBackplane(ISubscriber subscriber, RedisBreaker breaker, RedisKeys keys, RedisTierOptions options, TimeProvider time, ILogger logger)
    : ICacheBackplane, IAsyncDisposable
{
    private int _disposed;

    private readonly string _instance = Guid.NewGuid().ToString("N");
    private readonly ConcurrentDictionary<long, AckWait> _waits = new();
    private readonly CancellationTokenSource _stopping = new();
    private ChannelMessageQueue? _changes;
    private ChannelMessageQueue? _acks;
    private Func<CacheChange, CancellationToken, ValueTask>? _handler;
    private long _nextId;

    /// <summary>Changes published to the other processes.</summary>
    public AtomicCounter Sent { get; } = new();

    /// <summary>Changes from the other processes applied here.</summary>
    public AtomicCounter Received { get; } = new();

    /// <summary>Published changes not acknowledged by every other process in time.</summary>
    public AtomicCounter AckTimeouts { get; } = new();

    /// <summary>
    /// Subscribes to this process's acknowledgement channel and the change channel, those not subscribed yet
    /// (StackExchange.Redis re-subscribes after a reconnect); false when Redis is unavailable (call it again later).
    /// </summary>
    public async Task<bool> TryStartAsync()
    {
        try
        {
            if (_acks is null)
            {
                var acks = await subscriber.SubscribeAsync(keys.Acks(_instance)).ConfigureAwait(false);
                acks.OnMessage(OnAck);
                _acks = acks;
            }

            if (_changes is null)
            {
                var changes = await subscriber.SubscribeAsync(keys.Invalidations).ConfigureAwait(false);
                changes.OnMessage(OnChangeAsync);
                _changes = changes;
            }

            return true;
        }
        catch (RedisException)
        {
            return false;
        }
    }

    public void Subscribe(Func<CacheChange, CancellationToken, ValueTask> handler) => _handler = handler;

    public async ValueTask PublishAsync(CacheChange change, CancellationToken cancellationToken)
    {
        var id = Interlocked.Increment(ref _nextId);
        var wait = new AckWait();
        _waits[id] = wait;
        try
        {
            var kind = change.Kind switch { CacheChangeKind.Key => 'K', CacheChangeKind.Prefix => 'P', _ => 'A' };
            var message = string.Create(CultureInfo.InvariantCulture, $"{_instance}\n{id}\n{kind}\n{change.Target}");
            var receivers = await breaker.RunAsync(() => subscriber.PublishAsync(keys.Invalidations, message), -1L, "PUBLISH", cancellationToken).ConfigureAwait(false);
            if (receivers < 0)
            {
                return; // Redis unavailable: the others cannot be told (their local tiers keep values until TTL; docs/redis.md).
            }

            Sent.Increment();
            var expected = receivers - (_changes is null ? 0 : 1);
            if (!wait.Expect(expected))
            {
                try
                {
                    await wait.Done.WaitAsync(options.BackplaneAckTimeout, time, cancellationToken).ConfigureAwait(false);
                }
                catch (TimeoutException)
                {
                    AckTimeouts.Increment();
                    RedisLog.AckTimeout(logger, id, wait.Acknowledged, expected);
                }
            }
        }
        finally
        {
            _waits.TryRemove(id, out _);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return; // a host may dispose a store twice (as itself and as the instance that owns it)
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            if (_changes is not null)
            {
                await _changes.UnsubscribeAsync().ConfigureAwait(false);
            }

            if (_acks is not null)
            {
                await _acks.UnsubscribeAsync().ConfigureAwait(false);
            }
        }
        catch (RedisException)
        {
            // Closing: Redis may be gone.
        }

        _stopping.Dispose();
    }

    private async Task OnChangeAsync(ChannelMessage message)
    {
        var parts = ((string?)message.Message ?? string.Empty).Split('\n', 4);
        if (parts.Length != 4 || parts[0] == _instance || parts[2].Length != 1 || _handler is not { } handler)
        {
            return;
        }

        var change = new CacheChange(parts[2][0] switch { 'K' => CacheChangeKind.Key, 'P' => CacheChangeKind.Prefix, _ => CacheChangeKind.All }, parts[3]);
        try
        {
            await handler(change, _stopping.Token).ConfigureAwait(false);
            Received.Increment();
        }
        catch (Exception e) when (e is ArgumentException or IOException or OperationCanceledException or UnauthorizedAccessException)
        {
            RedisLog.InvalidationFailed(logger, change.Target, e);
        }

        // Acknowledged also when it failed: the sender's wait is about delivery; the failure is logged here.
        await breaker.RunAsync(() => subscriber.PublishAsync(keys.Acks(parts[0]), parts[1]), 0L, "PUBLISH ack", CancellationToken.None).ConfigureAwait(false);
    }

    private void OnAck(ChannelMessage message)
    {
        if (long.TryParse((string?)message.Message, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && _waits.TryGetValue(id, out var wait))
        {
            wait.Acknowledge();
        }
    }

    /// <summary>The acknowledgements of one published change (they may arrive before PUBLISH has returned its count).</summary>
    private sealed class AckWait
    {
        private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly Lock _lock = new();
        private long _expected = long.MaxValue;
        private int _acknowledged;

        public Task Done => _done.Task;

        public int Acknowledged => Volatile.Read(ref _acknowledged);

        /// <summary>Sets how many acknowledgements complete the wait; true when they have all arrived.</summary>
        public bool Expect(long expected)
        {
            lock (_lock)
            {
                _expected = expected;
                return _acknowledged >= expected;
            }
        }

        public void Acknowledge()
        {
            lock (_lock)
            {
                if (++_acknowledged >= _expected)
                {
                    _done.TrySetResult();
                }
            }
        }
    }
}
