using System.Diagnostics;

namespace ZarrCache;

/// <summary>Whole-folder operations: the scan that rebuilds the index, prefix removal, clearing, inspection.</summary>
public sealed partial class DiskCache
{
    /// <summary>
    /// Rebuilds the index by listing the folder (file sizes and modification times; no file is opened), oldest first;
    /// resets the folder's ledger to what the folder holds (entry files, and temporary files at the size their writers
    /// reserved), deletes temporary files left by killed writers (older than a minute), and evicts the least recently
    /// modified files while the folder exceeds the budget. Runs at construction, and by itself when a write finds no
    /// room among this instance's entries; call it to adopt files other processes wrote, in modification-time order, or
    /// to correct the ledger after files were deleted behind the cache's back. Holds the folder lock while it lists.
    /// </summary>
    /// <exception cref="IOException">The folder lock was not free within 30 seconds.</exception>
    public void Rescan()
    {
        var watch = Stopwatch.StartNew();
        using (var scope = _ledger.TryEnter() ?? throw new IOException($"The disk cache's folder lock {_ledger.Path} was not free within {FolderLedger.Timeout.TotalSeconds:F0} s."))
        {
            ScanLocked(scope);
        }

        RecordScanDuration(watch);
    }

    /// <inheritdoc />
    /// <remarks>Reads the header of every entry file to learn its key: a maintenance operation, not a hot path.</remarks>
    public ValueTask RemovePrefixAsync(StorePrefix prefix, CancellationToken cancellationToken = default)
    {
        foreach (var file in _layout.ScanEntries())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (prefix.Value.Length == 0
                || (EntryFile.TryReadKey(file.Path, out var key, out _) && key.StartsWith(prefix.Value, StringComparison.Ordinal)))
            {
                RemoveHash(file.Hash);
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask ClearAsync(CancellationToken cancellationToken = default)
    {
        using (var scope = _ledger.TryEnter())
        {
            foreach (var file in _layout.ScanEntries().ToList())
            {
                if (scope is null)
                {
                    EntryFile.TryDelete(file.Path);
                }
                else
                {
                    DeleteLocked(scope, file.Path, mandatory: true);
                }
            }

            _index.Clear();
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// Deletes every entry file and temporary file in a disk cache folder (what <c>zarr-cache clear</c> does), without
    /// opening it as a cache, under the folder lock, and sets the folder's ledger to zero. Other files (the lock file
    /// among them) are left alone. Safe while other processes use the folder: they miss, and their writes in progress fail.
    /// </summary>
    /// <param name="directory">The cache folder.</param>
    /// <returns>The number of entry files deleted.</returns>
    public static long ClearFolder(string directory)
    {
        var layout = new DiskLayout(directory);
        if (!System.IO.Directory.Exists(layout.Root))
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

        if (System.IO.Directory.Exists(layout.Temporary))
        {
            foreach (var temporary in System.IO.Directory.EnumerateFiles(layout.Temporary, "*.tmp"))
            {
                EntryFile.TryDelete(temporary);
            }
        }

        scope?.Reset(0, 0);
        return deleted;
    }

    /// <summary>
    /// Describes a disk cache folder (what <c>zarr-cache stats</c> shows) without opening it as a cache: entries and
    /// bytes, in total and by key kind, the oldest and newest access, expired and unreadable entries. Reads each entry
    /// file's header and key (not its payload).
    /// </summary>
    /// <param name="directory">The cache folder.</param>
    /// <param name="timeProvider">The clock that decides what has expired; null for the system clock.</param>
    /// <returns>The figures.</returns>
    public static DiskCacheFolderStats Inspect(string directory, TimeProvider? timeProvider = null)
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

        var temporary = System.IO.Directory.Exists(layout.Temporary) ? System.IO.Directory.EnumerateFiles(layout.Temporary, "*.tmp").LongCount() : 0;
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
