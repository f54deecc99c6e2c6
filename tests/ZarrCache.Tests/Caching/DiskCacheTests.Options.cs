using System.Diagnostics;
using System.Text;
using ZarrCache.Tests.TestSupport;

namespace ZarrCache.Tests.Caching;

/// <summary>Disk cache settings and folder maintenance: each test fails if its setting were ignored.</summary>
public partial class DiskCacheTests
{
    [Theory]
    [InlineData(CompressionCodec.Lz4, 0, 12)]
    [InlineData(CompressionCodec.Zstd, 1, 19)]
    public async Task A_higher_compression_level_stores_a_compressible_value_in_fewer_bytes(CompressionCodec codec, int low, int high)
    {
        var text = WordSoup(256 * 1024);
        var fast = new DiskCache(Path.Combine(_dir.Path, "fast"), 1 << 24, new DiskCacheOptions { Compression = codec, CompressionLevel = low });
        var small = new DiskCache(Path.Combine(_dir.Path, "small"), 1 << 24, new DiskCacheOptions { Compression = codec, CompressionLevel = high });

        await fast.SetAsync("t/c/0", text);
        await small.SetAsync("t/c/0", text);

        Assert.True(small.Size < fast.Size * 0.95, $"level {high}: {small.Size} bytes, level {low}: {fast.Size} bytes");
        Assert.True(fast.Size < text.Length / 2, $"level {low} stored {fast.Size} of {text.Length} bytes");
        Assert.Equal(text, (await small.GetAsync("t/c/0"))!.Value.ToArray());
        Assert.Equal(text, (await fast.GetAsync("t/c/0"))!.Value.ToArray());
    }

    [Fact]
    public async Task A_value_that_compresses_by_less_than_the_minimum_savings_is_stored_raw()
    {
        var halfRandom = Bytes(64 * 1024, 4); // The first half random, the second zeros: compresses to about half.
        Array.Clear(halfRandom, halfRandom.Length / 2, halfRandom.Length / 2);
        var demanding = new DiskCache(Path.Combine(_dir.Path, "demanding"), 1 << 24, new DiskCacheOptions { Compression = CompressionCodec.Zstd, MinCompressionSavings = 0.6 });
        var lenient = new DiskCache(Path.Combine(_dir.Path, "lenient"), 1 << 24, new DiskCacheOptions { Compression = CompressionCodec.Zstd, MinCompressionSavings = 0.4 });

        await demanding.SetAsync("h/c/0", halfRandom);
        await lenient.SetAsync("h/c/0", halfRandom);

        Assert.Equal(FileLength("h/c/0", halfRandom.Length), demanding.Size);
        Assert.Equal(0, DiskCache.Inspect(demanding.Directory).CompressedEntries);
        Assert.Equal(1, DiskCache.Inspect(lenient.Directory).CompressedEntries);
        Assert.True(lenient.Size < halfRandom.Length * 0.6, $"stored {lenient.Size} bytes");
        Assert.Equal(halfRandom, (await demanding.GetAsync("h/c/0"))!.Value.ToArray());
        Assert.Equal(halfRandom, (await lenient.GetAsync("h/c/0"))!.Value.ToArray());
    }

    [Fact]
    public async Task A_temporary_file_left_by_a_killed_writer_counts_against_the_budget_until_a_scan_deletes_it_once_stale()
    {
        var entry = FileLength("t/0", 1000);
        var temporary = Path.Combine(_dir.Path, "tmp");
        Directory.CreateDirectory(temporary);
        var reserved = Path.Combine(temporary, Guid.NewGuid().ToString("N") + "-5000.tmp"); // Reserved 5,000, wrote 100 before dying.
        var legacy = Path.Combine(temporary, Guid.NewGuid().ToString("N") + ".tmp"); // From a version that did not record it.
        File.WriteAllBytes(reserved, Bytes(100, 1));
        File.WriteAllBytes(legacy, Bytes(300, 2));

        var cache = new DiskCache(_dir.Path, 5000 + 300 + (2 * entry));
        Assert.Equal(5300, cache.Size);
        for (var i = 0; i < 3; i++)
        {
            await cache.SetAsync($"t/{i}", Bytes(1000, i));
        }

        Assert.Equal(5300 + (2 * entry), cache.Size); // Only two entries fit beside the temporary files.
        Assert.Null(await cache.GetAsync("t/0"));

        var stale = DateTime.UtcNow - DiskBudget.StaleTemporaryAge - TimeSpan.FromSeconds(5);
        File.SetLastWriteTimeUtc(reserved, stale);
        File.SetLastWriteTimeUtc(legacy, stale);
        cache.Rescan();

        Assert.False(File.Exists(reserved));
        Assert.False(File.Exists(legacy));
        Assert.Equal(2 * entry, cache.Size);
        Assert.Equal(0, DiskCache.Inspect(_dir.Path).TemporaryFiles);
    }

    [Fact]
    public async Task Rescan_adopts_files_another_instance_wrote_and_corrects_the_ledger_after_files_vanish()
    {
        var entry = FileLength("a/0", 1000);
        var mine = new DiskCache(_dir.Path, 3 * entry);
        await mine.SetAsync("a/0", Bytes(1000, 1));
        var other = new DiskCache(_dir.Path, 3 * entry);
        await other.SetAsync("b/0", Bytes(1000, 2));
        await other.SetAsync("b/1", Bytes(1000, 3));
        File.SetLastWriteTimeUtc(PathOf("b/0"), new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc)); // Older than a/0.

        mine.Rescan();
        await mine.SetAsync("a/1", Bytes(1000, 4)); // The folder is full: one file must go, the least recently modified.

        Assert.False(File.Exists(PathOf("b/0")), "the other instance's older file is evicted");
        Assert.True(File.Exists(PathOf("a/0")), "without the rescan this instance would evict its own oldest entry");
        Assert.Equal(3 * entry, mine.Size);

        File.Delete(PathOf("b/1")); // Behind every cache's back: the ledger still counts it.
        Assert.Equal(3 * entry, mine.Size);
        mine.Rescan();
        Assert.Equal(2 * entry, mine.Size);
        Assert.Equal(2, mine.Count);
    }

    [Fact]
    public async Task FlushToDisk_flushes_each_entry_file_to_the_device_and_writes_the_same_entries()
    {
        const int Entries = 20;
        var flushed = Path.Combine(_dir.Path, "flushed");
        var unflushed = Path.Combine(_dir.Path, "unflushed");

        var syncsWith = await CountFileSyncsAsync("flush-writes", flushed, $"{Entries}", "on");
        var syncsWithout = await CountFileSyncsAsync("flush-writes", unflushed, $"{Entries}", "off");

        Assert.Equal(Entries, syncsWith - syncsWithout);
        var names = Directory.EnumerateFiles(Path.Combine(flushed, "entries"), "*.zce", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(flushed, f)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(Entries, names.Count);
        Assert.All(names, name => Assert.Equal(File.ReadAllBytes(Path.Combine(unflushed, name)), File.ReadAllBytes(Path.Combine(flushed, name))));
        var reader = new DiskCache(flushed, 1 << 24);
        for (var i = 0; i < Entries; i++)
        {
            Assert.NotNull(await reader.GetAsync($"array/c/0/{i}"));
        }

        Assert.Equal(0, reader.Stats.CorruptEntries);
    }

    [Fact]
    public async Task A_key_over_65535_utf8_bytes_is_rejected_counted_and_its_file_never_served()
    {
        var cache = new DiskCache(_dir.Path, 1 << 20);
        var longest = new string('k', 65_535);
        var tooLong = new string('k', 65_536);
        var tooLongInBytes = new string('€', 21_846); // 21,846 characters, 65,538 UTF-8 bytes.
        await cache.SetAsync(StoreKey.CreateDerived(longest), Bytes(100, 1));
        Directory.CreateDirectory(Path.GetDirectoryName(PathOf(tooLong))!);
        Directory.CreateDirectory(Path.GetDirectoryName(PathOf(tooLongInBytes))!);
        File.Copy(PathOf(longest), PathOf(tooLong)); // A file under the long key's name, as if an older value were there.
        File.Copy(PathOf(longest), PathOf(tooLongInBytes));
        cache.Rescan(); // Counted like any file in the folder.
        Assert.Equal(3, cache.Count);

        await cache.SetAsync(StoreKey.CreateDerived(tooLong), Bytes(100, 2));
        await cache.SetAsync(StoreKey.CreateDerived(tooLongInBytes), Bytes(100, 3));

        Assert.Equal(2, cache.Stats.Rejected);
        Assert.False(File.Exists(PathOf(tooLong)));
        Assert.False(File.Exists(PathOf(tooLongInBytes)));
        Assert.Null(await cache.GetAsync(StoreKey.CreateDerived(tooLong)));
        Assert.Null(await cache.GetAsync(StoreKey.CreateDerived(tooLongInBytes)));
        Assert.Equal(Bytes(100, 1), (await cache.GetAsync(StoreKey.CreateDerived(longest)))!.Value.ToArray());
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public async Task An_etag_is_kept_in_the_entry_file_and_read_back_by_a_new_instance()
    {
        var writer = new DiskCache(_dir.Path, 1 << 20);
        await writer.SetAsync("g/zarr.json", Bytes(300, 1), new CacheEntryOptions { ExpiresAtUtcTicks = CacheEntry.NeverExpires, ETag = "\"5f1e-abc\"" });
        await writer.SetAsync("g/c/0", Bytes(300, 2), new CacheEntryOptions { ExpiresAtUtcTicks = CacheEntry.NeverExpires, ETag = "\"" + new string('e', 1100) + "\"" });
        await writer.SetAsync("g/c/1", Bytes(300, 3), new CacheEntryOptions { ExpiresAtUtcTicks = CacheEntry.NeverExpires, ETag = "W/\"old\"" });
        await writer.SetAsync("g/c/1", Bytes(300, 4), CacheEntryOptions.None); // Rewritten without one: the old ETag must not survive.

        var reader = new DiskCache(_dir.Path, 1 << 20);
        var tagged = await reader.GetEntryAsync("g/zarr.json");
        var overlong = await reader.GetEntryAsync("g/c/0");
        var rewritten = await reader.GetEntryAsync("g/c/1");

        Assert.Equal("\"5f1e-abc\"", tagged!.Value.ETag);
        Assert.Equal(Bytes(300, 1), tagged.Value.Value.ToArray());
        Assert.Null(overlong!.Value.ETag); // Over 1,024 bytes: not stored, the value is.
        Assert.Equal(Bytes(300, 2), overlong.Value.Value.ToArray());
        Assert.Null(rewritten!.Value.ETag);
        Assert.Equal(Bytes(300, 4), rewritten.Value.Value.ToArray());
    }

    /// <summary>Runs the probe under strace and counts its fsync and fdatasync calls (all threads).</summary>
    private async Task<int> CountFileSyncsAsync(params string[] args)
    {
        if (!File.Exists("/usr/bin/strace"))
        {
            Assert.Fail("strace is not installed: apt-get install strace=6.1-0.1 (scripts/lib/common.sh install_prerequisites does).");
        }

        var log = Path.Combine(_dir.Path, $"strace-{Guid.NewGuid():N}.txt");
        var start = new ProcessStartInfo("/usr/bin/strace") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in (string[])["-f", "-qq", "-e", "trace=fsync,fdatasync", "-o", log, "dotnet", DiskCacheProbeProcess.DllPath, .. args])
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        try
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
            Assert.True(process.ExitCode == 0, $"strace probe {string.Join(' ', args)} failed: {await errors} {await output}");
            return File.ReadLines(log).Count(line => line.Contains("fsync(", StringComparison.Ordinal) || line.Contains("fdatasync(", StringComparison.Ordinal));
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    private static byte[] WordSoup(int length)
    {
        var random = new Random(5);
        var words = Enumerable.Range(0, 400).Select(_ => new string(Enumerable.Range(0, random.Next(3, 11)).Select(_ => (char)('a' + random.Next(26))).ToArray())).ToArray();
        var text = new StringBuilder(length + 16);
        while (text.Length < length)
        {
            text.Append(words[(int)(words.Length * Math.Pow(random.NextDouble(), 2))]).Append(random.Next(12) == 0 ? ".\n" : " ");
        }

        return Encoding.ASCII.GetBytes(text.ToString(0, length));
    }
}
