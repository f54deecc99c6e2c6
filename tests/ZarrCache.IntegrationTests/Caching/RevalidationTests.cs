using ZarrCache.IntegrationTests.Infrastructure;
using ZarrCache.S3;

namespace ZarrCache.IntegrationTests.Caching;

/// <summary>
/// Revalidation through <see cref="CachedStore"/> against real origins (nginx and s3rver, started by scripts/test.sh):
/// once an entry with an ETag expires, the next read sends If-None-Match, the server's log shows a 304, the value is
/// served from the cache without its body being sent again, and a changed object comes back new.
/// </summary>
public sealed class RevalidationTests
{
    private static readonly TimeSpan Ttl = TimeSpan.FromMinutes(10);

    [Fact]
    public async Task Nginx_answers_an_expired_entry_with_304_and_a_changed_file_is_read_anew()
    {
        var server = OriginServers.Http();
        var name = Guid.NewGuid().ToString("N");
        var file = Path.Combine(server.Root, "scratch", name, "v");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await File.WriteAllTextAsync(file, "first value");
        using var origin = new HttpStore(new Uri(server.BaseUri, "scratch/" + name + "/"));
        var clock = new StepClock();
        var store = new CachedStore(origin, new CacheConfig { Ttl = Ttl }, timeProvider: clock);
        var url = "/scratch/" + name + "/v";

        var start = server.Log.Mark();
        Assert.Equal("first value"u8.ToArray(), (await store.GetAsync("v"))!.Value.ToArray());
        var bytesAfterFirst = store.CacheStats.OriginBytes;
        await server.Log.LinesSince(start, l => l.Any(x => x.Url == url)); // nginx logs after answering: wait for the line before the next mark

        clock.Advance(Ttl + TimeSpan.FromSeconds(1));
        var mark = server.Log.Mark();
        Assert.Equal("first value"u8.ToArray(), (await store.GetAsync("v"))!.Value.ToArray());
        var lines = await server.Log.LinesSince(mark, l => l.Any(x => x.Url == url));
        var line = Assert.Single(lines, l => l.Url == url);
        Assert.Equal(("GET", url, 304), (line.Method, line.Url, line.Status));
        Assert.Equal("0", NginxBodyBytes(server.Log.Path, mark));
        Assert.Equal(1, store.CacheStats.Revalidated);
        Assert.Equal(bytesAfterFirst, store.CacheStats.OriginBytes);

        await File.WriteAllTextAsync(file, "second, longer value");
        File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddMinutes(1));
        clock.Advance(Ttl + TimeSpan.FromSeconds(1));
        mark = server.Log.Mark();
        Assert.Equal("second, longer value"u8.ToArray(), (await store.GetAsync("v"))!.Value.ToArray());
        line = Assert.Single(await server.Log.LinesSince(mark, l => l.Any(x => x.Url == url)), l => l.Url == url);
        Assert.Equal(("GET", url, 200), (line.Method, line.Url, line.Status));
        Assert.Equal(1, store.CacheStats.Revalidated);
    }

    [Fact]
    public async Task S3rver_answers_an_expired_entry_with_304_and_a_changed_object_is_read_anew()
    {
        var server = OriginServers.S3();
        var prefix = "scratch-reval-" + Guid.NewGuid().ToString("N") + "/";
        using var origin = new S3Store(server.Bucket, prefix, new S3StoreOptions { Endpoint = server.Endpoint, Anonymous = true });
        await origin.SetAsync("v", "first value"u8.ToArray());
        var clock = new StepClock();
        var store = new CachedStore(origin, new CacheConfig { Ttl = Ttl }, timeProvider: clock);
        var url = "/" + server.Bucket + "/" + prefix + "v";
        try
        {
            var firstMark = server.Log.Mark();
            Assert.Equal("first value"u8.ToArray(), (await store.GetAsync("v"))!.Value.ToArray());
            var bytesAfterFirst = store.CacheStats.OriginBytes;

            // s3rver writes its log asynchronously: wait for the first read's 200 before marking, or it lands after the mark.
            await server.Log.LinesSince(firstMark, l => Gets(l).Any(x => x.Url.StartsWith(url, StringComparison.Ordinal)));
            clock.Advance(Ttl + TimeSpan.FromSeconds(1));
            var mark = server.Log.Mark();
            Assert.Equal("first value"u8.ToArray(), (await store.GetAsync("v"))!.Value.ToArray());
            bool Mine(LogLine l) => l.Method == "GET" && l.Url.StartsWith(url, StringComparison.Ordinal);
            var line = Assert.Single(await server.Log.LinesSince(mark, l => l.Any(Mine)), Mine);
            Assert.Equal(("GET", 304), (line.Method, line.Status));
            Assert.StartsWith(url, line.Url, StringComparison.Ordinal);
            Assert.Equal(1, store.CacheStats.Revalidated);
            Assert.Equal(bytesAfterFirst, store.CacheStats.OriginBytes);

            await origin.SetAsync("v", "second, longer value"u8.ToArray());
            clock.Advance(Ttl + TimeSpan.FromSeconds(1));
            mark = server.Log.Mark();
            Assert.Equal("second, longer value"u8.ToArray(), (await store.GetAsync("v"))!.Value.ToArray());
            line = Assert.Single(await server.Log.LinesSince(mark, l => l.Any(Mine)), Mine);
            Assert.Equal(("GET", 200), (line.Method, line.Status));
            Assert.Equal(1, store.CacheStats.Revalidated);
        }
        finally
        {
            await origin.DeletePrefixAsync(StorePrefix.Root);
        }
    }

    /// <summary>The GET requests among log lines (s3rver may log the PUT that preceded them late).</summary>
    private static IEnumerable<LogLine> Gets(IReadOnlyList<LogLine> lines) => lines.Where(l => l.Method == "GET");

    /// <summary>The body_bytes_sent field (the fourth) of the first nginx access-log line after <paramref name="mark"/>.</summary>
    private static string NginxBodyBytes(string path, long mark)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        stream.Seek(mark, SeekOrigin.Begin);
        using var reader = new StreamReader(stream);
        return reader.ReadLine()!.Split(' ')[3];
    }

    /// <summary>A clock the test moves by hand.</summary>
    private sealed class StepClock : TimeProvider
    {
        private DateTimeOffset _now = DateTimeOffset.UtcNow;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
