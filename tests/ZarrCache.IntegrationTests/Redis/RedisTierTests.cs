using System.Security.Cryptography;
using StackExchange.Redis;
using ZarrCache.IntegrationTests.Infrastructure;
using ZarrCache.Redis;
using ZarrCache.S3;

namespace ZarrCache.IntegrationTests.Redis;

/// <summary>The shared Redis tier against a real redis-server (scripts/lib/redis.sh), with real separate processes.</summary>
public sealed class RedisTierTests
{
    private const string Array = "3d.chunked.i2";

    [Fact]
    public async Task A_second_process_with_its_own_memory_and_disk_reads_the_array_with_no_origin_request()
    {
        var s3 = OriginServers.S3();
        var (prefix, _) = await UploadArrayAsync(s3);
        var redis = RedisServers.Shared();
        using var disk1 = new TempFolder();
        using var disk2 = new TempFolder();
        string[] Read(string disk) =>
            ["read", $"s3://{s3.Bucket}/{prefix}", "--array", Array, "--endpoint", s3.Endpoint.ToString(), "--anonymous", "--format", "sha256", "--disk-cache", disk, "--redis", redis];

        var first = await CliProcess.RunAsync(Read(disk1.Path), CliProcess.WithoutAwsCredentials);
        Assert.True(first.ExitCode == 0, first.Error);
        var firstGets = await s3.Log.LinesSince(0, lines => lines.Any(l => l.Url.Contains(prefix, StringComparison.Ordinal)));
        Assert.Contains(firstGets, l => l.Method == "GET" && l.Url.Contains(prefix, StringComparison.Ordinal));

        var mark = s3.Log.Mark();
        var second = await CliProcess.RunAsync(Read(disk2.Path), CliProcess.WithoutAwsCredentials);
        Assert.True(second.ExitCode == 0, second.Error);
        Assert.Equal(first.Output, second.Output);
        var secondRequests = (await s3.Log.LinesSince(mark)).Where(l => l.Url.Contains(prefix, StringComparison.Ordinal)).ToList();
        Assert.True(secondRequests.Count == 0, "the second process asked the origin: " + string.Join(", ", secondRequests.Select(l => l.Method + " " + l.Url)));
    }

    [Fact]
    public async Task Eight_processes_missing_the_same_chunks_at_once_make_one_origin_get_per_chunk()
    {
        var s3 = OriginServers.S3();
        var (prefix, chunkKeys) = await UploadArrayAsync(s3);
        var redis = RedisServers.Shared();
        var keyPrefix = "zc-test-" + Guid.NewGuid().ToString("N") + ":";
        var probes = Enumerable.Range(0, 8).Select(_ => RedisProbeProcess.Start($"s3:{s3.Endpoint},{s3.Bucket},{prefix}/", redis, keyPrefix)).ToList();
        try
        {
            foreach (var probe in probes)
            {
                Assert.Equal("pong", await probe.AskAsync("ping"));
            }

            var mark = s3.Log.Mark();
            var command = "get-all " + string.Join(' ', chunkKeys);
            foreach (var probe in probes)
            {
                probe.Send(command);
            }

            foreach (var probe in probes)
            {
                Assert.Equal($"done {chunkKeys.Count}", await probe.AnswerAsync());
            }

            var gets = (await s3.Log.LinesSince(mark, lines => lines.Count(l => l.Url.Contains(prefix, StringComparison.Ordinal)) >= chunkKeys.Count))
                .Where(l => l.Method == "GET" && l.Url.Contains(prefix, StringComparison.Ordinal))
                .ToList();
            var stats = new List<string>();
            foreach (var probe in probes)
            {
                stats.Add(await probe.AskAsync("stats"));
            }

            foreach (var key in chunkKeys)
            {
                var count = gets.Count(l => l.Url.EndsWith("/" + prefix + "/" + key, StringComparison.Ordinal));
                Assert.True(count == 1, $"{count} origin GETs of {key} by 8 processes (want 1); {gets.Count} GETs in all; the processes: {string.Join("; ", stats)}");
            }

            Assert.Equal(chunkKeys.Count, gets.Count);
        }
        finally
        {
            foreach (var probe in probes)
            {
                await probe.DisposeAsync();
            }
        }
    }

    [Theory]
    [InlineData("flipped")]
    [InlineData("truncated")]
    [InlineData("foreign")]
    public async Task A_value_flipped_truncated_or_foreign_in_Redis_is_never_served(string damage)
    {
        var redis = RedisServers.Shared();
        // A call slower than OperationTimeout is a miss by design (its own tests check that); a loaded CI machine must not
        // turn this test's Redis reads and writes into misses, so the bound is generous here.
        var options = new RedisTierOptions { Configuration = redis, KeyPrefix = "zc-test-" + Guid.NewGuid().ToString("N") + ":", OperationTimeout = TimeSpan.FromSeconds(10) };
        var origin = new MemoryStore();
        var value = RandomNumberGenerator.GetBytes(4096);
        await origin.SetAsync("a/c/0", value);
        await using (var writer = new CachedStore(origin, new CacheConfig { SharedTier = options }))
        {
            Assert.Equal(value, (await writer.GetAsync("a/c/0"))!.Value.ToArray());
        }

        await using var raw = await ConnectionMultiplexer.ConnectAsync(redis);
        var db = raw.GetDatabase();
        var redisKey = (RedisKey)(options.KeyPrefix + "v:a/c/0");
        var stored = (byte[])(await db.StringGetAsync(redisKey))!;
        byte[] damaged = damage switch
        {
            "flipped" => Flip(stored, stored.Length - 100),
            "truncated" => stored[..^1],
            _ => "not a ZarrCache value at all"u8.ToArray(),
        };
        await db.StringSetAsync(redisKey, damaged);

        await using var reader = new CachedStore(origin, new CacheConfig { SharedTier = options });
        Assert.Equal(value, (await reader.GetAsync("a/c/0"))!.Value.ToArray());
        Assert.Equal(1, reader.CacheStats.OriginReads);
        var tier = (RedisCache)((TieredCache)reader.Cache).Disk;
        Assert.Equal(1, tier.TierStats.BadValues);

        // The refetched value replaced the damaged one: a third process is served from Redis, unharmed.
        await using var third = new CachedStore(origin, new CacheConfig { SharedTier = options });
        Assert.Equal(value, (await third.GetAsync("a/c/0"))!.Value.ToArray());
        Assert.Equal(0, third.CacheStats.OriginReads);
    }

    [Fact]
    public async Task Redis_stopped_in_a_read_loop_leaves_every_read_right_and_is_used_again_after_restart()
    {
        await using var server = await RedisServers.StartOwnAsync();
        var options = new RedisTierOptions
        {
            Configuration = server.Configuration,
            OperationTimeout = TimeSpan.FromMilliseconds(300),
            BreakDuration = TimeSpan.FromMilliseconds(200),
        };
        var origin = new MemoryStore();
        var values = Enumerable.Range(0, 16).Select(_ => RandomNumberGenerator.GetBytes(600)).ToArray();
        for (var i = 0; i < values.Length; i++)
        {
            await origin.SetAsync($"a/c/{i}", values[i]);
        }

        // A memory tier that holds one value: every read goes below it, to Redis or the origin.
        await using var store = new CachedStore(origin, new CacheConfig { MaxMemorySize = 1000, SharedTier = options });
        var tier = (RedisCache)((TieredCache)store.Cache).Disk;
        async Task ReadAllAsync()
        {
            for (var i = 0; i < values.Length; i++)
            {
                Assert.Equal(values[i], (await store.GetAsync($"a/c/{i}"))!.Value.ToArray());
            }
        }

        await ReadAllAsync();
        await ReadAllAsync();
        var before = tier.TierStats;
        Assert.True(before.Hits > 0, "Redis served nothing before the outage");

        await server.StopAsync();
        await ReadAllAsync();
        await ReadAllAsync();
        var during = tier.TierStats;
        Assert.True(during.Outages >= 1, "the outage was not counted");
        Assert.False(during.IsAvailable);

        await server.StartAsync();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (tier.TierStats.Hits == during.Hits && DateTime.UtcNow < deadline)
        {
            await ReadAllAsync(); // Reads go on, right, while the client reconnects; the restarted Redis is empty, then filled again.
        }

        Assert.True(tier.TierStats.Hits > during.Hits, "Redis was not used again after it restarted");
        Assert.True(tier.TierStats.IsAvailable);
    }

    [Fact]
    public async Task A_write_through_one_process_is_never_followed_by_a_stale_read_in_another()
    {
        var redis = RedisServers.Shared();
        using var originDir = new TempFolder();
        var keyPrefix = "zc-test-" + Guid.NewGuid().ToString("N") + ":";
        await using var reader = RedisProbeProcess.Start("file:" + originDir.Path, redis, keyPrefix);
        await using var writer = RedisProbeProcess.Start("file:" + originDir.Path, redis, keyPrefix);
        Assert.Equal("ok", await writer.AskAsync("set a/c/0 v0"));
        for (var round = 1; round <= 20; round++)
        {
            Assert.Equal($"value v{round - 1}", await reader.AskAsync("text a/c/0")); // now in the reader's memory
            Assert.Equal("ok", await writer.AskAsync($"set a/c/0 v{round}"));
            Assert.Equal($"value v{round}", await reader.AskAsync("text a/c/0"));
        }
    }

    private static byte[] Flip(byte[] bytes, int at)
    {
        var copy = bytes.ToArray();
        copy[at] ^= 0x10;
        return copy;
    }

    /// <summary>Uploads the v2 fixture array under a fresh prefix (so other tests' requests do not count); returns it and the array's chunk keys.</summary>
    private static async Task<(string Prefix, IReadOnlyList<string> ChunkKeys)> UploadArrayAsync(S3Server s3)
    {
        var prefix = "redis-" + Guid.NewGuid().ToString("N");
        var source = Path.Combine(OriginServers.ZarritaFixtures(), "v2", "data.zarr");
        using var store = new S3Store(s3.Bucket, new StorePrefix(prefix + "/"), new S3StoreOptions { Endpoint = s3.Endpoint, Anonymous = true });
        var chunks = new List<string>();
        foreach (var file in Directory.GetFiles(source).Concat(Directory.GetFiles(Path.Combine(source, Array))))
        {
            var key = Path.GetRelativePath(source, file).Replace('\\', '/');
            await store.SetAsync(key, await File.ReadAllBytesAsync(file));
            if (!Path.GetFileName(file).StartsWith('.'))
            {
                chunks.Add(key);
            }
        }

        return (prefix, chunks);
    }

    private sealed class TempFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("zarrcache-redis-test-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
