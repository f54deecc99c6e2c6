namespace ZarrCache.IntegrationTests.Infrastructure;

/// <summary>Reads through <see cref="CachedStore"/> that both origins must pass, checked against the server's own log.</summary>
internal static class ReadThroughChecks
{
    /// <summary>
    /// Reads every key of an array through a CachedStore twice. The first pass sends one GET per key (server log), the
    /// second pass sends none (server log and CacheStats), and every value equals the file on disk.
    /// </summary>
    public static async Task Second_pass_is_served_from_the_cache(IReadableStore origin, ServerLog log, string serverPathPrefix, string array)
    {
        var keys = Fixtures.KeysUnder(array);
        Assert.True(keys.Count > 5, "the fixture array should have several chunks");
        var counting = new CountingStore(origin);
        var cached = new CachedStore(counting, new LruMemoryCache(64L << 20), new CacheConfig { KeyPolicy = KeyPolicy.Default with { CacheGroupMetadata = true } });

        var mark = log.Mark();
        foreach (var key in keys)
        {
            var value = await cached.GetAsync(key);
            Assert.True(value.HasValue, key);
            Assert.Equal(Fixtures.Bytes(key), value.Value.ToArray());
        }

        var first = await log.LinesSince(mark, l => l.Count(x => x.Url.Contains(array + "/", StringComparison.Ordinal)) >= keys.Count);
        var gets = first.Where(l => l.Method == "GET" && l.Url.Contains(serverPathPrefix + array + "/", StringComparison.Ordinal)).ToList();
        Assert.Equal(keys.Count, gets.Count);
        Assert.Equal(keys.Count, gets.Select(l => l.Url).Distinct().Count());
        Assert.Equal(keys.Count, cached.CacheStats.OriginReads);
        Assert.Equal(keys.Count, counting.Total.Gets);
        var bytesOnDisk = keys.Sum(k => new FileInfo(Path.Combine(Fixtures.Root, k)).Length);
        Assert.Equal(bytesOnDisk, cached.CacheStats.OriginBytes);
        Assert.Equal(bytesOnDisk, counting.Total.Bytes);

        mark = log.Mark();
        foreach (var key in keys)
        {
            var value = await cached.GetAsync(key);
            Assert.Equal(Fixtures.Bytes(key), value!.Value.ToArray());
        }

        var second = (await log.LinesSince(mark)).Where(l => l.Url.Contains(serverPathPrefix + array + "/", StringComparison.Ordinal)).ToList();
        Assert.Empty(second);
        Assert.Equal(keys.Count, cached.CacheStats.OriginReads);
        Assert.Equal(keys.Count, cached.CacheStats.Hits);
        Assert.Equal(keys.Count, counting.Total.Gets);
    }

    /// <summary>8 readers read the same keys at once through one CachedStore: the server logs one GET per key.</summary>
    public static async Task Concurrent_readers_share_one_origin_read_per_key(IReadableStore origin, ServerLog log, string serverPathPrefix, string array)
    {
        var keys = Fixtures.KeysUnder(array);
        var cached = new CachedStore(origin, new LruMemoryCache(64L << 20), new CacheConfig { KeyPolicy = KeyPolicy.Default with { CacheGroupMetadata = true } });
        var mark = log.Mark();
        using var start = new ManualResetEventSlim();
        var readers = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            start.Wait();
            foreach (var key in keys)
            {
                var value = await cached.GetAsync(key);
                Assert.Equal(Fixtures.Bytes(key), value!.Value.ToArray());
            }
        })).ToList();
        start.Set();
        await Task.WhenAll(readers);

        var lines = await log.LinesSince(mark, l => l.Count(x => x.Url.Contains(array + "/", StringComparison.Ordinal)) >= keys.Count);
        var gets = lines.Where(l => l.Method == "GET" && l.Url.Contains(serverPathPrefix + array + "/", StringComparison.Ordinal)).ToList();
        Assert.Equal(keys.Count, gets.Count);
        Assert.Equal(keys.Count, gets.Select(l => l.Url).Distinct().Count());
        Assert.Equal(keys.Count, cached.CacheStats.OriginReads);
    }

    /// <summary>
    /// Three ranges of one value, two of them adjacent, read in one call of the origin itself (its shared RangeReader):
    /// the server logs one GET for the adjacent pair (their union) and one for the distant range.
    /// </summary>
    public static async Task Adjacent_ranges_are_read_with_one_request(IReadableStore origin, ServerLog log)
    {
        var key = Fixtures.SmallKey;
        var file = Fixtures.Bytes(key);
        Assert.True(file.Length > 40, "the fixture should have more than 40 bytes");
        var mark = log.Mark();

        var parts = await origin.GetRangesAsync(key, [ByteRange.FromOffset(10, 10), ByteRange.FromOffset(30, 5), ByteRange.FromOffset(0, 10)]);

        Assert.NotNull(parts);
        Assert.Equal([file[10..20], file[30..35], file[..10]], parts.Select(p => p.ToArray()));
        var lines = await log.LinesSince(mark, l => l.Count >= 2);
        Assert.Equal(["bytes=0-19", "bytes=30-34"], lines.Select(l => l.Range).Order(StringComparer.Ordinal));
    }

    /// <summary>The same range read twice through a CachedStore: the server logs one range GET.</summary>
    public static async Task Repeated_range_read_is_served_from_the_cache(IReadableStore origin, ServerLog log, string serverPathPrefix)
    {
        var key = Fixtures.ChunkedArray + "/0.0.0";
        var file = Fixtures.Bytes(key);
        var cached = new CachedStore(origin, new LruMemoryCache(1 << 20));
        var mark = log.Mark();
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(file[2..9], (await cached.GetRangeAsync(key, ByteRange.FromOffset(2, 7)))!.Value.ToArray());
        }

        // Only this key's lines: s3rver logs asynchronously, so a line of an earlier test can land after the mark.
        bool Mine(LogLine l) => l.Url == serverPathPrefix + key;
        var lines = (await log.LinesSince(mark, l => l.Any(Mine))).Where(Mine).ToList();
        var line = Assert.Single(lines);
        Assert.Equal(serverPathPrefix + key, line.Url);
        Assert.Equal("bytes=2-8", line.Range);
        Assert.Equal(206, line.Status);
        Assert.Equal(1, cached.CacheStats.OriginReads);
        Assert.Equal(7, cached.CacheStats.OriginBytes);
    }
}
