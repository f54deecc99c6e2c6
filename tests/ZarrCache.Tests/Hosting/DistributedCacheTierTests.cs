using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using ZarrCache.Hosting;
using ZarrCache.Tests.TestSupport;

namespace ZarrCache.Tests.Hosting;

/// <summary>DistributedCacheTier over a real IDistributedCache (MemoryDistributedCache), alone and below memory in a CachedStore.</summary>
public class DistributedCacheTierTests
{
    private readonly MemoryDistributedCache _shared = new(Options.Create(new MemoryDistributedCacheOptions()));

    [Fact]
    public async Task An_entry_comes_back_with_its_bytes_expiry_and_etag()
    {
        var tier = new DistributedCacheTier(_shared);
        var expires = DateTimeOffset.UtcNow.AddMinutes(5).UtcTicks;

        await tier.SetAsync("a/c/0", new byte[] { 1, 2, 3 }, new CacheEntryOptions { ExpiresAtUtcTicks = expires, ETag = "\"v1\"" });
        var entry = await tier.GetEntryAsync("a/c/0");

        Assert.NotNull(entry);
        Assert.Equal(new byte[] { 1, 2, 3 }, entry.Value.Value.ToArray());
        Assert.Equal(expires, entry.Value.ExpiresAtUtcTicks);
        Assert.Equal("\"v1\"", entry.Value.ETag);
        Assert.Null(await tier.GetAsync("a/c/1"));
        Assert.Equal((1, 1, 1), (tier.Stats.Hits, tier.Stats.Misses, tier.Stats.Inserts));
    }

    [Theory]
    [InlineData("flip")]
    [InlineData("truncate")]
    [InlineData("foreign")]
    public async Task A_damaged_or_foreign_value_is_never_served_and_is_counted_and_dropped(string damage)
    {
        var tier = new DistributedCacheTier(_shared);
        await tier.SetAsync("a/c/0", new byte[] { 1, 2, 3, 4 });
        await tier.SetAsync("a/c/1", new byte[] { 9, 9, 9, 9 });
        var stored = (await _shared.GetAsync("zarrcache:a/c/0"))!;
        var damaged = damage switch
        {
            "flip" => Flip(stored, stored.Length - 1),
            "truncate" => stored[..^1],
            _ => (await _shared.GetAsync("zarrcache:a/c/1"))!,
        };
        await _shared.SetAsync("zarrcache:a/c/0", damaged);

        Assert.Null(await tier.GetAsync("a/c/0"));
        Assert.Equal(1, tier.Stats.CorruptEntries);
        Assert.Null(await _shared.GetAsync("zarrcache:a/c/0"));
    }

    [Fact]
    public async Task A_value_above_the_entry_limit_is_not_stored_and_is_counted_rejected()
    {
        var tier = new DistributedCacheTier(_shared, new DistributedCacheTierOptions { MaxEntrySize = 4 });

        await tier.SetAsync("big", new byte[5]);

        Assert.Null(await _shared.GetAsync("zarrcache:big"));
        Assert.Equal(1, tier.Stats.Rejected);
    }

    [Fact]
    public async Task An_entry_past_its_expiry_is_kept_for_the_retention_and_not_stored_past_it()
    {
        var tier = new DistributedCacheTier(_shared, new DistributedCacheTierOptions { ExpiredRetention = TimeSpan.FromMinutes(10) });
        var now = DateTimeOffset.UtcNow;

        // Past its expiry and its retention: not stored at all.
        await tier.SetAsync("old", new byte[] { 1 }, new CacheEntryOptions { ExpiresAtUtcTicks = now.AddMinutes(-11).UtcTicks });
        // Past its expiry but within the retention: stored, and handed out expired (for revalidation).
        await tier.SetAsync("stale", new byte[] { 2 }, new CacheEntryOptions { ExpiresAtUtcTicks = now.AddMinutes(-1).UtcTicks });

        Assert.Null(await _shared.GetAsync("zarrcache:old"));
        var stale = await tier.GetEntryAsync("stale");
        Assert.True(stale!.Value.IsExpiredAt(now.UtcTicks));
    }

    [Fact]
    public async Task Keys_derived_for_ranges_and_keys_with_percent_signs_do_not_collide()
    {
        var tier = new DistributedCacheTier(_shared);
        await tier.SetAsync("a/%00", new byte[] { 1 });
        await tier.SetAsync(StoreKey.CreateDerived("a/\0"), new byte[] { 2 });

        Assert.Equal(new byte[] { 1 }, (await tier.GetAsync("a/%00"))!.Value.ToArray());
        Assert.Equal(new byte[] { 2 }, (await tier.GetAsync(StoreKey.CreateDerived("a/\0")))!.Value.ToArray());
    }

    [Fact]
    public async Task A_clear_in_one_process_reaches_another_within_the_check_interval()
    {
        var time = new ManualTimeProvider();
        var options = new DistributedCacheTierOptions { ClearCheckInterval = TimeSpan.FromSeconds(10), TimeProvider = time };
        var first = new DistributedCacheTier(_shared, options);
        var second = new DistributedCacheTier(_shared, options);
        await first.SetAsync("k", new byte[] { 1 });
        Assert.NotNull(await second.GetAsync("k"));

        await first.ClearAsync();

        Assert.Null(await first.GetAsync("k"));
        time.Advance(TimeSpan.FromSeconds(11));
        Assert.Null(await second.GetAsync("k"));
        await second.SetAsync("k", new byte[] { 2 });
        Assert.Equal(new byte[] { 2 }, (await first.GetAsync("k"))!.Value.ToArray());
    }

    [Fact]
    public async Task A_failing_distributed_cache_is_a_miss_never_an_exception_and_is_counted()
    {
        var tier = new DistributedCacheTier(new DownDistributedCache());

        await tier.SetAsync("k", new byte[] { 1 });
        var value = await tier.GetAsync("k");
        var health = await tier.ProbeAsync(CancellationToken.None);

        Assert.Null(value);
        Assert.True(tier.Failures >= 2);
        Assert.Equal(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Unhealthy, health.Status);
    }

    [Fact]
    public async Task A_second_process_with_its_own_memory_reads_what_the_first_fetched_without_the_origin()
    {
        var origin = new MemoryStore();
        await origin.SetAsync("a/c/0", new byte[1000]);
        await origin.SetAsync("a/c/1", Enumerable.Range(0, 100).Select(i => (byte)i).ToArray());
        var counting = new CountingStore(origin);

        await using (var first = new CachedStore(counting, Tiered(), new CacheConfig()))
        {
            await first.GetAsync("a/c/0");
            await first.GetRangeAsync("a/c/1", ByteRange.FromOffset(10, 5));
        }

        var readsByFirst = counting.Total.Requests;
        Assert.True(readsByFirst > 0);
        await using var second = new CachedStore(counting, Tiered(), new CacheConfig());
        var whole = await second.GetAsync("a/c/0");
        var range = await second.GetRangeAsync("a/c/1", ByteRange.FromOffset(10, 5));

        Assert.Equal(1000, whole!.Value.Length);
        Assert.Equal(new byte[] { 10, 11, 12, 13, 14 }, range!.Value.ToArray());
        Assert.Equal(readsByFirst, counting.Total.Requests);
    }

    private TieredCache Tiered() => new(new S3FifoMemoryCache(1 << 20), new DistributedCacheTier(_shared));

    private static byte[] Flip(byte[] value, int at)
    {
        var copy = (byte[])value.Clone();
        copy[at] ^= 0x40;
        return copy;
    }

    /// <summary>A distributed cache whose server is down: every call throws, as a client's would.</summary>
    internal sealed class DownDistributedCache : IDistributedCache
    {
        public byte[]? Get(string key) => throw Down();

        public Task<byte[]?> GetAsync(string key, CancellationToken token = default) => Task.FromException<byte[]?>(Down());

        public void Refresh(string key) => throw Down();

        public Task RefreshAsync(string key, CancellationToken token = default) => Task.FromException(Down());

        public void Remove(string key) => throw Down();

        public Task RemoveAsync(string key, CancellationToken token = default) => Task.FromException(Down());

        public void Set(string key, byte[] value, DistributedCacheEntryOptions options) => throw Down();

        public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default) => Task.FromException(Down());

        private static IOException Down() => new("connection refused");
    }
}
