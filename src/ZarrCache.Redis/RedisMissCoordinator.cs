using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace ZarrCache.Redis;

/// <summary>
/// Cross-process miss coalescing: before an origin read a process takes the key's lease (<c>SET PREFIXl:KEY token NX
/// PX</c>). The others poll, with backoff from 2 to 50 ms, for the value to appear in Redis (then they look it up) or
/// for the lease to become free (then they take it); after <see cref="RedisTierOptions.LeaseWait"/> they read the origin
/// themselves. A lease lives <see cref="RedisTierOptions.LeaseDuration"/> at most, so a holder that died delays the
/// others by no more than that; it is released (only by its holder) once the value is cached.
/// </summary>
internal sealed class RedisMissCoordinator(IDatabase db, RedisCache cache, RedisTierOptions options, TimeProvider time, ILogger logger) : IMissCoordinator
{
    private static readonly TimeSpan FirstPoll = TimeSpan.FromMilliseconds(2);
    private static readonly TimeSpan LastPoll = TimeSpan.FromMilliseconds(50);
    private static readonly OtherFinishedMiss Finished = new();

    /// <summary>Origin reads made holding the lease.</summary>
    public AtomicCounter LeasesTaken { get; } = new();

    /// <summary>Misses served by another process's read.</summary>
    public AtomicCounter WaitsServed { get; } = new();

    /// <summary>Waits that ran out of time.</summary>
    public AtomicCounter WaitTimeouts { get; } = new();

    public async ValueTask<ISharedMiss> BeginMissAsync(StoreKey key, CancellationToken cancellationToken)
    {
        var breaker = cache.Breaker;
        var leaseKey = cache.Keys.Lease(key);
        var token = (RedisValue)Guid.NewGuid().ToString("N");
        var started = time.GetTimestamp();
        var poll = FirstPoll;
        while (true)
        {
            var taken = await breaker.RunAsync<bool?>(
                async () => await db.StringSetAsync(leaseKey, token, options.LeaseDuration, When.NotExists).ConfigureAwait(false), null, "SET NX", cancellationToken).ConfigureAwait(false);
            if (taken is not { } gotIt)
            {
                return NoMissCoordination.Instance; // Redis unavailable: read the origin, uncoordinated.
            }

            if (gotIt)
            {
                LeasesTaken.Increment();
                return new LeasedMiss(db, breaker, leaseKey, token);
            }

            var waited = time.GetElapsedTime(started);
            if (waited >= options.LeaseWait)
            {
                WaitTimeouts.Increment();
                RedisLog.LeaseWaitTimedOut(logger, key.Value, waited.TotalMilliseconds);
                return NoMissCoordination.Instance;
            }

            await Task.Delay(Min(poll, options.LeaseWait - waited), time, cancellationToken).ConfigureAwait(false);
            poll = Min(poll * 2, LastPoll);
            var cached = await breaker.RunAsync<bool?>(
                async () => await db.KeyExistsAsync(cache.Keys.Value(key)).ConfigureAwait(false), null, "EXISTS", cancellationToken).ConfigureAwait(false);
            if (cached is true)
            {
                WaitsServed.Increment();
                return Finished;
            }
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    /// <summary>This process holds the lease; disposing it releases the lease if it still holds it.</summary>
    private sealed class LeasedMiss(IDatabase db, RedisBreaker breaker, RedisKey leaseKey, RedisValue token) : ISharedMiss
    {
        public SharedMissOutcome Outcome => SharedMissOutcome.Leased;

        public async ValueTask DisposeAsync() =>
            await breaker.RunAsync(() => db.LockReleaseAsync(leaseKey, token), false, "lease release", CancellationToken.None).ConfigureAwait(false);
    }

    private sealed class OtherFinishedMiss : ISharedMiss
    {
        public SharedMissOutcome Outcome => SharedMissOutcome.OtherFinished;

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
