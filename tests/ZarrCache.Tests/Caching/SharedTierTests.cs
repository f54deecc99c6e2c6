namespace ZarrCache.Tests.Caching;

/// <summary>
/// The core's shared-tier hook (<see cref="CacheConfig.SharedTier"/>) with an in-process shared tier: a memory cache
/// that two stores share and a backplane that delivers to the other stores at once. (The Redis tier over a real server
/// is tested in ZarrCache.IntegrationTests.)
/// </summary>
public sealed class SharedTierTests
{
    [Fact]
    public async Task A_store_reads_what_another_store_cached_in_the_shared_tier_without_the_origin()
    {
        var hub = new Hub();
        var origin = new MemoryStore();
        await origin.SetAsync("a/c/0", new byte[] { 1, 2, 3 });
        await using var first = new CachedStore(origin, new CacheConfig { SharedTier = hub });
        await using var second = new CachedStore(origin, new CacheConfig { SharedTier = hub });

        await first.GetAsync("a/c/0");
        Assert.Equal(new byte[] { 1, 2, 3 }, (await second.GetAsync("a/c/0"))!.Value.ToArray());

        Assert.Equal(1, first.CacheStats.OriginReads);
        Assert.Equal(0, second.CacheStats.OriginReads);
    }

    [Fact]
    public async Task A_write_through_one_store_drops_the_old_value_from_the_others_local_tier()
    {
        var hub = new Hub();
        var origin = new MemoryStore();
        await origin.SetAsync("a/c/0", "old"u8.ToArray());
        await using var writer = CachedStore.Create((IStore)origin, new CacheConfig { SharedTier = hub });
        await using var reader = new CachedStore(origin, new CacheConfig { SharedTier = hub });
        Assert.Equal("old"u8.ToArray(), (await reader.GetAsync("a/c/0"))!.Value.ToArray());

        await writer.SetAsync("a/c/0", "new"u8.ToArray());

        Assert.Equal("new"u8.ToArray(), (await reader.GetAsync("a/c/0"))!.Value.ToArray());
        Assert.Equal(1, hub.Delivered);
    }

    [Fact]
    public async Task A_change_heard_from_another_process_leaves_the_shared_tier_alone()
    {
        var hub = new Hub();
        var origin = new MemoryStore();
        await origin.SetAsync("a/c/0", "v"u8.ToArray());
        await using var reader = new CachedStore(origin, new CacheConfig { SharedTier = hub });
        await reader.GetAsync("a/c/0");

        await hub.PublishFromOutsideAsync(new CacheChange(CacheChangeKind.Key, "a/c/0"));

        var tiered = (TieredCache)reader.Cache;
        Assert.Null(await tiered.Memory.GetAsync("a/c/0"));
        Assert.NotNull(await tiered.Disk.GetAsync("a/c/0"));
    }

    [Fact]
    public async Task A_miss_another_process_finished_is_served_from_the_shared_tier()
    {
        var hub = new Hub();
        var origin = new MemoryStore();
        await origin.SetAsync("a/c/0", "origin"u8.ToArray());
        await using var store = new CachedStore(origin, new CacheConfig { SharedTier = hub });
        // Another process held the lease and cached its value while this one waited.
        hub.OnMiss = key => hub.Shared.SetAsync(key, "shared"u8.ToArray());

        Assert.Equal("shared"u8.ToArray(), (await store.GetAsync("a/c/0"))!.Value.ToArray());
        Assert.Equal(0, store.CacheStats.OriginReads);
    }

    /// <summary>One shared memory cache, and a backplane that calls every other subscriber's handler before returning.</summary>
    private sealed class Hub : ISharedTierFactory
    {
        private readonly List<Tier> _tiers = [];

        public S3FifoMemoryCache Shared { get; } = new(1 << 20);

        public Func<StoreKey, ValueTask>? OnMiss { get; set; }

        public int Delivered { get; private set; }

        public void Validate()
        {
        }

        public ISharedTier Create(SharedTierContext context)
        {
            var tier = new Tier(this);
            _tiers.Add(tier);
            return tier;
        }

        public async ValueTask PublishFromOutsideAsync(CacheChange change)
        {
            foreach (var tier in _tiers)
            {
                await tier.Handler!(change, CancellationToken.None);
            }
        }

        private sealed class Tier(Hub hub) : ISharedTier, ICacheBackplane, IMissCoordinator, ISharedMiss
        {
            public Func<CacheChange, CancellationToken, ValueTask>? Handler { get; private set; }

            public IExpiringCache Cache => hub.Shared;

            public IMissCoordinator Misses => this;

            public ICacheBackplane Backplane => this;

            public SharedMissOutcome Outcome { get; private set; }

            public async ValueTask<ISharedMiss> BeginMissAsync(StoreKey key, CancellationToken cancellationToken)
            {
                Outcome = hub.OnMiss is null ? SharedMissOutcome.Leased : SharedMissOutcome.OtherFinished;
                if (hub.OnMiss is { } other)
                {
                    await other(key);
                }

                return this;
            }

            public async ValueTask PublishAsync(CacheChange change, CancellationToken cancellationToken)
            {
                foreach (var tier in hub._tiers.Where(t => t != this))
                {
                    await tier.Handler!(change, cancellationToken);
                    hub.Delivered++;
                }
            }

            public void Subscribe(Func<CacheChange, CancellationToken, ValueTask> handler) => Handler = handler;

            public ValueTask DisposeAsync() => ValueTask.CompletedTask;
        }
    }
}
