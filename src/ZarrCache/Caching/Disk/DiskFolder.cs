namespace ZarrCache;

/// <summary>
/// Maintenance of a disk cache folder without opening it as a cache (what <c>zarr-cache clear</c> and
/// <c>zarr-cache stats</c> do): <see cref="DiskCache.ClearFolder"/> and <see cref="DiskCache.Inspect"/>.
/// </summary>
internal static class DiskFolder
{
    /// <summary>Deletes every entry file and temporary file under the folder lock and sets the ledger to zero; see <see cref="DiskCache.ClearFolder"/>.</summary>
    public static long Clear(string directory)
    {
        var layout = new DiskLayout(directory);
        if (!Directory.Exists(layout.Root))
        {
            return 0;
        }

        using var scope = new FolderLedger(layout.Root).TryEnter();
        long deleted = 0;
        foreach (var file in layout.ScanEntries().ToList())
        {
            if (EntryFile.TryDelete(file.Path))
            {
                deleted++;
            }
        }

        if (Directory.Exists(layout.Temporary))
        {
            foreach (var temporary in Directory.EnumerateFiles(layout.Temporary, "*.tmp"))
            {
                EntryFile.TryDelete(temporary);
            }
        }

        scope?.Reset(0, 0);
        return deleted;
    }

    /// <summary>Describes the folder from each entry file's header and key; see <see cref="DiskCache.Inspect"/>.</summary>
    public static DiskCacheFolderStats Inspect(string directory, TimeProvider? timeProvider)
    {
        var layout = new DiskLayout(directory);
        var now = (timeProvider ?? TimeProvider.System).GetUtcNow().UtcTicks;
        var byKind = new Dictionary<KeyKind, DiskCacheKindStats>();
        long entries = 0, bytes = 0, expired = 0, unreadable = 0, compressed = 0;
        long oldest = long.MaxValue, newest = long.MinValue;
        foreach (var file in layout.ScanEntries())
        {
            entries++;
            bytes += file.Length;
            oldest = Math.Min(oldest, file.LastWriteUtcTicks);
            newest = Math.Max(newest, file.LastWriteUtcTicks);
            if (!EntryFile.TryReadKey(file.Path, out var key, out var header) || header.FileLength != file.Length)
            {
                unreadable++;
                continue;
            }

            expired += new CacheEntry(default, header.ExpiresAtUtcTicks).IsExpiredAt(now) ? 1 : 0;
            compressed += header.Encoding == EntryEncoding.Raw ? 0 : 1;
            var kind = KindOf(key);
            var sofar = byKind.GetValueOrDefault(kind);
            byKind[kind] = new DiskCacheKindStats(sofar.Entries + 1, sofar.Bytes + file.Length);
        }

        var temporary = Directory.Exists(layout.Temporary) ? Directory.EnumerateFiles(layout.Temporary, "*.tmp").LongCount() : 0;
        return new DiskCacheFolderStats
        {
            Directory = layout.Root,
            Entries = entries,
            Bytes = bytes,
            OldestAccess = entries == 0 ? null : new DateTimeOffset(oldest, TimeSpan.Zero),
            NewestAccess = entries == 0 ? null : new DateTimeOffset(newest, TimeSpan.Zero),
            ExpiredEntries = expired,
            CompressedEntries = compressed,
            UnreadableEntries = unreadable,
            TemporaryFiles = temporary,
            ByKind = byKind,
        };
    }

    /// <summary>The kind of a stored key; an entry derived from a key (a range, a missing mark) counts as its key's kind.</summary>
    private static KeyKind KindOf(string storedKey)
    {
        return StoreKey.TryCreate(StoreKey.BaseOf(storedKey), out var key) ? KeyPolicy.Classify(key) : KeyKind.Other;
    }
}
