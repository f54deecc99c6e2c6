using ZarrCache.Tests.TestSupport;

namespace ZarrCache.Tests.Caching;

public partial class DiskCacheTests : IDisposable
{
    private const int HeaderSize = 40;
    private readonly TempDirectory _dir = new();

    public void Dispose()
    {
        _dir.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task A_value_round_trips_and_a_new_instance_over_the_folder_finds_it()
    {
        var value = Bytes(5000, seed: 1);
        var first = new DiskCache(_dir.Path, 1 << 20);
        await first.SetAsync("a/c/0/0", value);

        var second = new DiskCache(_dir.Path, 1 << 20);
        var hit = await second.GetAsync("a/c/0/0");

        Assert.Equal(value, hit!.Value.ToArray());
        Assert.Equal(1, second.Count);
        Assert.Equal(FileLength("a/c/0/0", value.Length), second.Size);
        Assert.Equal(1, second.Stats.Hits);
    }

    [Fact]
    public async Task A_missing_key_is_a_miss()
    {
        var cache = new DiskCache(_dir.Path, 1 << 20);

        Assert.Null(await cache.GetAsync("nothing/here"));
        Assert.Equal(1, cache.Stats.Misses);
    }

    [Fact]
    public async Task The_size_bound_holds_and_the_least_recently_used_entry_is_evicted()
    {
        var entry = FileLength("k/0", 1000);
        var cache = new DiskCache(_dir.Path, entry * 3);
        await cache.SetAsync("k/0", Bytes(1000, 0));
        await cache.SetAsync("k/1", Bytes(1000, 1));
        await cache.SetAsync("k/2", Bytes(1000, 2));
        Assert.NotNull(await cache.GetAsync("k/0")); // k/1 is now the least recently used.

        await cache.SetAsync("k/3", Bytes(1000, 3));

        Assert.True(cache.Size <= cache.MaxSize);
        Assert.Equal(3 * entry, cache.Size);
        Assert.Null(await cache.GetAsync("k/1"));
        Assert.False(File.Exists(PathOf("k/1")));
        Assert.NotNull(await cache.GetAsync("k/0"));
        Assert.NotNull(await cache.GetAsync("k/3"));
        Assert.Equal(1, cache.Stats.Evictions);
    }

    [Fact]
    public async Task Many_writers_never_push_the_size_past_the_budget()
    {
        var cache = new DiskCache(_dir.Path, 64 * 1024);
        var over = 0;
        await Parallel.ForAsync(0, 400, async (i, ct) =>
        {
            await cache.SetAsync($"p/{i % 50}", Bytes(1000 + (i % 7 * 300), i), ct);
            if (cache.Size > cache.MaxSize)
            {
                Interlocked.Increment(ref over);
            }
        });

        Assert.Equal(0, over);
        var onDisk = Directory.EnumerateFiles(Path.Combine(_dir.Path, "entries"), "*.zce", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
        Assert.Equal(cache.Size, onDisk);
        Assert.True(onDisk <= cache.MaxSize);
    }

    [Fact]
    public async Task Entries_from_an_earlier_run_are_counted_and_evicted_oldest_first()
    {
        var entry = FileLength("old/0", 1000);
        var earlier = new DiskCache(_dir.Path, entry * 10);
        for (var i = 0; i < 4; i++)
        {
            await earlier.SetAsync($"old/{i}", Bytes(1000, i));
            File.SetLastWriteTimeUtc(PathOf($"old/{i}"), new DateTime(2025, 1, 1 + i, 0, 0, 0, DateTimeKind.Utc));
        }

        var later = new DiskCache(_dir.Path, entry * 4);
        Assert.Equal(4, later.Count);
        Assert.Equal(4 * entry, later.Size);

        await later.SetAsync("new/0", Bytes(1000, 9));

        Assert.False(File.Exists(PathOf("old/0")), "the oldest file of the earlier run is evicted first");
        Assert.True(File.Exists(PathOf("old/1")));
        Assert.Equal(4 * entry, later.Size);
        Assert.Equal(1, later.Stats.Evictions);
    }

    [Fact]
    public async Task Opening_with_a_smaller_budget_evicts_the_oldest_files_at_once()
    {
        var entry = FileLength("old/0", 1000);
        var earlier = new DiskCache(_dir.Path, entry * 10);
        for (var i = 0; i < 5; i++)
        {
            await earlier.SetAsync($"old/{i}", Bytes(1000, i));
            File.SetLastWriteTimeUtc(PathOf($"old/{i}"), new DateTime(2025, 1, 1 + i, 0, 0, 0, DateTimeKind.Utc));
        }

        var smaller = new DiskCache(_dir.Path, entry * 2);

        Assert.Equal(2, smaller.Count);
        Assert.Equal(new[] { false, false, false, true, true }, Enumerable.Range(0, 5).Select(i => File.Exists(PathOf($"old/{i}"))));
    }

    [Fact]
    public async Task A_file_written_by_another_instance_is_adopted_on_read_and_counted()
    {
        var mine = new DiskCache(_dir.Path, 1 << 20);
        var other = new DiskCache(_dir.Path, 1 << 20);
        await other.SetAsync("shared/0", Bytes(2000, 3));

        Assert.NotNull(await mine.GetAsync("shared/0"));
        Assert.Equal(1, mine.Count);
        Assert.Equal(FileLength("shared/0", 2000), mine.Size);
    }

    public static TheoryData<string> Damages => new() { "flip-payload", "flip-key", "flip-expiry", "truncate", "extend", "empty", "garbage" };

    [Theory]
    [MemberData(nameof(Damages))]
    public async Task A_damaged_entry_is_detected_deleted_counted_and_never_served(string damage)
    {
        var cache = new DiskCache(_dir.Path, 1 << 20);
        await cache.SetAsync("a/c/1", Bytes(3000, 5));
        var path = PathOf("a/c/1");
        var bytes = File.ReadAllBytes(path);
        switch (damage)
        {
            case "flip-payload": bytes[^100] ^= 0x01; break;
            case "flip-key": bytes[HeaderSize] ^= 0x20; break;
            case "flip-expiry": bytes[24] ^= 0x01; break;
            case "truncate": bytes = bytes[..^1]; break;
            case "extend": bytes = [.. bytes, 0]; break;
            case "empty": bytes = []; break;
            case "garbage": bytes = Bytes(bytes.Length, 77); break;
        }

        File.WriteAllBytes(path, bytes);

        Assert.Null(await cache.GetAsync("a/c/1"));
        Assert.Equal(1, cache.Stats.CorruptEntries);
        Assert.False(File.Exists(path));
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public async Task An_entry_renamed_to_another_keys_file_name_is_detected_and_never_served()
    {
        var cache = new DiskCache(_dir.Path, 1 << 20);
        await cache.SetAsync("a/c/1", Bytes(3000, 1));
        await cache.SetAsync("a/c/2", Bytes(3000, 2));

        File.Move(PathOf("a/c/1"), PathOf("a/c/2"), overwrite: true);

        Assert.Null(await cache.GetAsync("a/c/2"));
        Assert.Null(await cache.GetAsync("a/c/1"));
        Assert.Equal(1, cache.Stats.CorruptEntries);
        Assert.False(File.Exists(PathOf("a/c/2")));
    }

    [Fact]
    public async Task A_cached_store_reads_the_origin_when_the_disk_entry_is_corrupt()
    {
        var origin = new ProbeStore();
        await origin.Inner.SetAsync("a/c/0", Bytes(4000, 8));
        var disk = new DiskCache(_dir.Path, 1 << 20);
        var store = new CachedStore(origin, disk);
        await store.GetAsync("a/c/0");
        var path = PathOf("a/c/0");
        var bytes = File.ReadAllBytes(path);
        bytes[^1] ^= 0xFF;
        File.WriteAllBytes(path, bytes);

        var value = await store.GetAsync("a/c/0");

        Assert.Equal(Bytes(4000, 8), value!.Value.ToArray());
        Assert.Equal(2, origin.Gets);
        Assert.Equal(1, store.CacheStats.CorruptEntries);
        Assert.NotNull(await disk.GetAsync("a/c/0")); // Cached again, intact.
    }

    [Fact]
    public async Task A_key_that_looks_like_a_path_stays_inside_the_folder()
    {
        var root = Path.Combine(_dir.Path, "cache");
        var cache = new DiskCache(root, 1 << 20);
        string[] hostile = ["../../etc/passwd", "/etc/passwd", "..\\..\\x", "a/../../../b", "C:\\Windows\\x", new string('/', 300)];
        foreach (var text in hostile)
        {
            await cache.SetAsync(StoreKey.CreateDerived(text), Bytes(100, 1));
        }

        var everything = Directory.EnumerateFileSystemEntries(_dir.Path, "*", SearchOption.AllDirectories).Where(p => p != root).ToList();
        Assert.All(everything, p => Assert.StartsWith(root + Path.DirectorySeparatorChar, p, StringComparison.Ordinal));
        var files = everything.Where(File.Exists).Where(f => f != Path.Combine(root, "budget.lock")).ToList(); // The folder's lock and ledger.
        Assert.Equal(hostile.Length, files.Count);
        Assert.All(files, f => Assert.Matches("^[0-9a-f]{32}\\.zce$", Path.GetFileName(f)));
        Assert.Equal(Bytes(100, 1), (await cache.GetAsync(StoreKey.CreateDerived("../../etc/passwd")))!.Value.ToArray());
    }

    [Fact]
    public async Task A_value_over_the_entry_limit_is_rejected_and_drops_the_older_value()
    {
        var cache = new DiskCache(_dir.Path, 1 << 20, new DiskCacheOptions { MaxEntrySize = 1000 });
        await cache.SetAsync("k", Bytes(500, 1));

        await cache.SetAsync("k", Bytes(1001, 2));

        Assert.Null(await cache.GetAsync("k"));
        Assert.Equal(1, cache.Stats.Rejected);
        Assert.Equal(0, cache.Size);
    }

    [Fact]
    public async Task The_expiry_is_kept_in_the_file_across_instances()
    {
        var expires = new DateTimeOffset(2030, 5, 6, 7, 8, 9, TimeSpan.Zero);
        await new DiskCache(_dir.Path, 1 << 20).SetAsync("m/zarr.json", Bytes(200, 1), CacheEntryOptions.ExpiringAt(expires));

        var entry = await new DiskCache(_dir.Path, 1 << 20).GetEntryAsync("m/zarr.json");

        Assert.Equal(expires, entry!.Value.ExpiresAt);
    }

    [Theory]
    [InlineData(CompressionCodec.Lz4)]
    [InlineData(CompressionCodec.Zstd)]
    public async Task Compressible_entries_are_stored_compressed_and_incompressible_ones_raw(CompressionCodec codec)
    {
        var cache = new DiskCache(_dir.Path, 1 << 24, new DiskCacheOptions { Compression = codec });
        var compressible = new byte[64 * 1024];
        for (var i = 0; i < compressible.Length; i++)
        {
            compressible[i] = (byte)(i / 512);
        }

        var random = Bytes(64 * 1024, 3);
        await cache.SetAsync("z/c/0", compressible);
        var afterCompressible = cache.Size;
        await cache.SetAsync("z/c/1", random);

        Assert.True(afterCompressible < compressible.Length / 4, $"stored {afterCompressible} bytes for {compressible.Length}");
        Assert.Equal(afterCompressible + FileLength("z/c/1", random.Length), cache.Size);
        Assert.Equal(compressible, (await cache.GetAsync("z/c/0"))!.Value.ToArray());
        Assert.Equal(random, (await new DiskCache(_dir.Path, 1 << 24).GetAsync("z/c/1"))!.Value.ToArray());
        Assert.Equal(1, DiskCache.Inspect(_dir.Path).CompressedEntries);
    }

    [Fact]
    public async Task Remove_prefix_removes_the_keys_under_it_and_their_range_entries()
    {
        var cache = new DiskCache(_dir.Path, 1 << 20);
        await cache.SetAsync("a/c/0", Bytes(100, 1));
        await cache.SetAsync(StoreKey.CreateDerived("a/c/0\0bytes=0-9"), Bytes(10, 1));
        await cache.SetAsync("b/c/0", Bytes(100, 2));

        await cache.RemovePrefixAsync(new StorePrefix("a/"));

        Assert.Null(await cache.GetAsync("a/c/0"));
        Assert.Null(await cache.GetAsync(StoreKey.CreateDerived("a/c/0\0bytes=0-9")));
        Assert.NotNull(await cache.GetAsync("b/c/0"));
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public async Task Inspect_reports_entries_bytes_kinds_and_ages_and_clear_folder_empties_it()
    {
        var clock = new ManualTimeProvider();
        var cache = new DiskCache(_dir.Path, 1 << 20);
        await cache.SetAsync("g/a/.zarray", Bytes(300, 1), CacheEntryOptions.ExpiringAt(clock.GetUtcNow().AddMinutes(-1)));
        await cache.SetAsync("g/a/0.0", Bytes(1000, 2));
        await cache.SetAsync("g/a/0.1", Bytes(1000, 3));
        await cache.SetAsync(StoreKey.CreateDerived("g/a/0.2\0bytes=0-9"), Bytes(10, 4));
        File.SetLastWriteTimeUtc(PathOf("g/a/0.0"), new DateTime(2024, 2, 3, 0, 0, 0, DateTimeKind.Utc));

        var stats = DiskCache.Inspect(_dir.Path, clock);

        Assert.Equal(4, stats.Entries);
        Assert.Equal(cache.Size, stats.Bytes);
        Assert.Equal(new DateTimeOffset(2024, 2, 3, 0, 0, 0, TimeSpan.Zero), stats.OldestAccess);
        Assert.Equal(1, stats.ExpiredEntries);
        Assert.Equal(3, stats.ByKind[KeyKind.Chunk].Entries);
        Assert.Equal(new DiskCacheKindStats(1, FileLength("g/a/.zarray", 300)), stats.ByKind[KeyKind.ArrayMetadata]);
        Assert.Equal(0, stats.UnreadableEntries);

        Assert.Equal(4, DiskCache.ClearFolder(_dir.Path));
        Assert.Equal(0, DiskCache.Inspect(_dir.Path).Entries);
        Assert.Null(await cache.GetAsync("g/a/0.1"));
    }

    [Fact]
    public async Task Clear_removes_every_entry()
    {
        var cache = new DiskCache(_dir.Path, 1 << 20);
        await cache.SetAsync("x/0", Bytes(100, 1));
        await cache.SetAsync("x/1", Bytes(100, 2));

        await cache.ClearAsync();

        Assert.Equal(0, cache.Size);
        Assert.Equal(0, new DiskCache(_dir.Path, 1 << 20).Count);
    }

    [Fact]
    public async Task Concurrent_readers_and_writers_in_one_process_never_read_a_wrong_value()
    {
        var cache = new DiskCache(_dir.Path, 48 * 1024);
        var wrong = 0;
        await Parallel.ForAsync(0, 2000, async (n, ct) =>
        {
            var i = n % 32;
            if (n % 3 == 0)
            {
                await cache.SetAsync($"h/{i}", Tagged(i, n), ct);
            }
            else if (await cache.GetAsync($"h/{i}", ct) is { } hit && !IsTagged(i, hit.Span))
            {
                Interlocked.Increment(ref wrong);
            }
        });

        Assert.Equal(0, wrong);
        Assert.Equal(0, cache.Stats.CorruptEntries);
        Assert.True(cache.Size <= cache.MaxSize);
    }

    private static long FileLength(string key, int valueLength) => HeaderSize + System.Text.Encoding.UTF8.GetByteCount(key) + valueLength;

    private static byte[] Bytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private static byte[] Tagged(int key, int round)
    {
        var bytes = new byte[1500 + (round % 5 * 100)];
        for (var j = 0; j < bytes.Length; j++)
        {
            bytes[j] = (byte)(key + (j % 13));
        }

        return bytes;
    }

    private static bool IsTagged(int key, ReadOnlySpan<byte> bytes)
    {
        for (var j = 0; j < bytes.Length; j++)
        {
            if (bytes[j] != (byte)(key + (j % 13)))
            {
                return false;
            }
        }

        return bytes.Length >= 1500;
    }

    private string PathOf(string key) => new DiskLayout(_dir.Path).PathOf(DiskLayout.Hash(System.Text.Encoding.UTF8.GetBytes(key)));
}
