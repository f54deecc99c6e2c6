using System.Diagnostics;

namespace ZarrCache;

/// <summary>
/// A persistent cache of store values in a folder, bounded by bytes, that evicts the least recently used entry first;
/// several processes may share one folder. See docs/disk-cache.md.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Each entry is one file named by the XxHash128 of its key (<c>entries/ab/&lt;hash&gt;.zce</c>), never by the key
/// itself, so no key reaches outside the folder. The file holds a header (magic, format version, encoding, lengths,
/// expiry, XxHash3 checksum), the key, and the payload.</item>
/// <item>Writes go to a new file in <c>tmp/</c>, renamed over the entry: readers (in any process) see the old entry,
/// the new one, or none. A read validates the header, the key and the checksum; an entry that fails (torn, flipped,
/// renamed from another key) is deleted, counted in <see cref="CacheStats.CorruptEntries"/> and reported as a miss.</item>
/// <item>The index (hash, size, recency) lives in memory only and is rebuilt at start by listing the folder (sizes and
/// modification times, no file opened), so files left by earlier runs are counted and evictable. Hits refresh the
/// file's modification time (at most once per <see cref="DiskCacheOptions.AccessTimeResolution"/>), which orders
/// eviction across restarts and processes.</item>
/// <item>The budget is the folder's, shared by every process and instance using it: each write first reserves its
/// file's size in a ledger kept in the folder (<c>budget.lock</c>, changed only under an exclusive file lock), evicting
/// as needed, so entry files plus temporary files never exceed <see cref="MaxSize"/>. <see cref="Size"/> and
/// <see cref="Count"/> report the folder's ledger; hits never take the lock.</item>
/// <item>I/O is synchronous inside the <see cref="ValueTask"/> methods (local files; the hit is one read of one
/// file into one array). I/O errors never escape a lookup or a write: a failed read is a miss, a failed write is
/// counted as rejected.</item>
/// </list>
/// <para>
/// This class coordinates parts in <c>Caching/Disk/</c> that each own their state: the entries (encoding, reading and
/// writing entry files), the budget (the folder's ledger, this instance's recency index, eviction and scans) and this
/// instance's counters; <see cref="ClearFolder"/> and <see cref="Inspect"/> work on a folder without opening it.
/// </para>
/// </remarks>
public sealed class DiskCache : IPersistentCache
{
    private readonly DiskEntries _entries;
    private readonly DiskBudget _budget;
    private readonly TierCounters _counters = new();
    private readonly AtomicCounter _writeErrors = new();

    /// <summary>Opens (or creates) a disk cache in <paramref name="directory"/> holding at most <paramref name="maxBytes"/> bytes.</summary>
    /// <param name="directory">The folder; created when missing.</param>
    /// <param name="maxBytes">The byte budget; positive.</param>
    public DiskCache(string directory, long maxBytes)
        : this(directory, maxBytes, null)
    {
    }

    /// <summary>Opens (or creates) a disk cache with options; scans the folder to rebuild the index and the folder's ledger.</summary>
    /// <param name="directory">The folder; created when missing.</param>
    /// <param name="maxBytes">The byte budget; positive.</param>
    /// <param name="options">The options; null for the defaults.</param>
    public DiskCache(string directory, long maxBytes, DiskCacheOptions? options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytes);
        options ??= new DiskCacheOptions();
        if (options.MaxEntrySize is { } maxEntry)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxEntry, nameof(options));
        }

        var layout = new DiskLayout(directory);
        layout.EnsureCreated();
        Directory = layout.Root;
        var codec = options.Compression is { } compression ? new EntryCodec(compression, options.CompressionLevel, options.MinCompressionSavings) : null;
        _entries = new DiskEntries(layout, maxBytes, Math.Min(options.MaxEntrySize ?? maxBytes, maxBytes), codec, options.FlushToDisk);
        _budget = new DiskBudget(layout, maxBytes, options.TimeProvider ?? TimeProvider.System, Math.Max(0, options.AccessTimeResolution.Ticks));
        Rescan();
    }

    /// <summary>The cache's folder (absolute).</summary>
    public string Directory { get; }

    /// <inheritdoc />
    /// <remarks>The budget of the whole folder: with several processes (or instances) on one folder, the largest of their budgets.</remarks>
    public long MaxSize => _budget.MaxSize;

    /// <inheritdoc />
    /// <remarks>Always: the entries are files in <see cref="Directory"/>.</remarks>
    public bool IsPersistent => true;

    /// <summary>The largest value (before compression) this cache holds.</summary>
    public long MaxEntrySize => _entries.MaxEntrySize;

    /// <inheritdoc />
    /// <remarks>
    /// The folder's bytes as its ledger records them, across every process using it: whole entry files (header, key,
    /// stored payload) plus the space reserved by writes in progress. Reading it takes the folder lock briefly; when the
    /// lock is not free within its timeout, the last figure seen.
    /// </remarks>
    public long Size => _budget.ReadLedger().Bytes;

    /// <summary>The number of entry files in the folder (all processes), from its ledger; see <see cref="Size"/>.</summary>
    public int Count => (int)Math.Min(int.MaxValue, _budget.ReadLedger().Entries);

    /// <summary>The codec entries are compressed with, or null when compression is off.</summary>
    public CompressionCodec? Compression => _entries.Compression;

    /// <summary>How long the last scan of the folder (at start, or <see cref="Rescan"/>) took.</summary>
    public TimeSpan LastScanDuration { get; private set; }

    /// <summary>Writes that failed with an I/O error (disk full, permissions); also counted as rejected.</summary>
    public long WriteErrors => _writeErrors.Value;

    /// <inheritdoc />
    /// <remarks><see cref="CacheStats.Entries"/> and <see cref="CacheStats.BytesHeld"/> are the folder's (<see cref="Count"/>, <see cref="Size"/>); the counters are this instance's.</remarks>
    public CacheStats Stats
    {
        get
        {
            var ledger = _budget.ReadLedger(); // First: reading it may scan and evict.
            return _counters.ToStats() with { Evictions = _budget.Evictions, Entries = ledger.Entries, BytesHeld = ledger.Bytes };
        }
    }

    /// <inheritdoc />
    public ValueTask<ReadOnlyMemory<byte>?> GetAsync(StoreKey key, CancellationToken cancellationToken = default) =>
        new(TryGetEntry(key, out var entry) ? entry.Value : (ReadOnlyMemory<byte>?)null);

    /// <inheritdoc />
    public ValueTask<CacheEntry?> GetEntryAsync(StoreKey key, CancellationToken cancellationToken = default) =>
        new(TryGetEntry(key, out var entry) ? entry : null);

    /// <summary>Reads and validates a key's entry file; a corrupt one is deleted, counted and reported as a miss.</summary>
    /// <param name="key">The key.</param>
    /// <param name="entry">The entry (expired or not) on a hit.</param>
    /// <returns>Whether an intact entry was found.</returns>
    public bool TryGetEntry(StoreKey key, out CacheEntry entry)
    {
        var (keyBytes, hash) = DiskLayout.NameOf(key);
        switch (_entries.TryRead(keyBytes, hash, out var path, out entry))
        {
            case EntryFile.ReadStatus.Ok:
                _budget.RecordAccess(hash, path);
                _counters.Hit(entry.Value.Length);
                return true;
            case EntryFile.ReadStatus.Corrupt:
                _budget.Remove(hash);
                _counters.CorruptMiss();
                return false;
            case EntryFile.ReadStatus.Missing:
                _budget.Forget(hash);
                break;
        }

        _counters.Miss();
        return false;
    }

    /// <inheritdoc />
    public ValueTask SetAsync(StoreKey key, ReadOnlyMemory<byte> value, CancellationToken cancellationToken = default)
    {
        Set(key, value, CacheEntryOptions.None);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask SetAsync(StoreKey key, ReadOnlyMemory<byte> value, CacheEntryOptions options, CancellationToken cancellationToken = default)
    {
        Set(key, value, options);
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// Writes an entry file atomically, having reserved its size in the folder's budget (evicting as needed); see
    /// <see cref="IExpiringCache.SetAsync"/>. A value that cannot be written (too large, no room because writes in
    /// progress hold the rest of the budget, an I/O error) is counted as rejected and the key's older value removed.
    /// </summary>
    /// <param name="key">The key.</param>
    /// <param name="value">The bytes.</param>
    /// <param name="options">The expiry.</param>
    /// <returns>Whether the value was cached (false when it was rejected or the write failed).</returns>
    public bool Set(StoreKey key, ReadOnlyMemory<byte> value, CacheEntryOptions options)
    {
        var (keyBytes, hash) = DiskLayout.NameOf(key);
        using var entry = _entries.Encode(keyBytes, value, options);
        return entry.Fits ? Write(hash, entry) : Reject(hash);
    }

    /// <inheritdoc />
    public ValueTask RemoveAsync(StoreKey key, CancellationToken cancellationToken = default)
    {
        Remove(key);
        return ValueTask.CompletedTask;
    }

    /// <summary>Deletes a key's entry file.</summary>
    /// <param name="key">The key.</param>
    public void Remove(StoreKey key) => _budget.Remove(DiskLayout.NameOf(key).Hash);

    /// <inheritdoc />
    /// <remarks>Reads the header of every entry file to learn its key: a maintenance operation, not a hot path.</remarks>
    public ValueTask RemovePrefixAsync(StorePrefix prefix, CancellationToken cancellationToken = default)
    {
        foreach (var hash in _entries.HashesUnder(prefix, cancellationToken))
        {
            _budget.Remove(hash);
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask ClearAsync(CancellationToken cancellationToken = default)
    {
        _budget.Clear();
        return ValueTask.CompletedTask;
    }

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
        _budget.Scan();
        LastScanDuration = watch.Elapsed;
    }

    /// <summary>
    /// Deletes every entry file and temporary file in a disk cache folder (what <c>zarr-cache clear</c> does), without
    /// opening it as a cache, under the folder lock, and sets the folder's ledger to zero. Other files (the lock file
    /// among them) are left alone. Safe while other processes use the folder: they miss, and their writes in progress fail.
    /// </summary>
    /// <param name="directory">The cache folder.</param>
    /// <returns>The number of entry files deleted.</returns>
    public static long ClearFolder(string directory) => DiskFolder.Clear(directory);

    /// <summary>
    /// Describes a disk cache folder (what <c>zarr-cache stats</c> shows) without opening it as a cache: entries and
    /// bytes, in total and by key kind, the oldest and newest access, expired and unreadable entries. Reads each entry
    /// file's header and key (not its payload).
    /// </summary>
    /// <param name="directory">The cache folder.</param>
    /// <param name="timeProvider">The clock that decides what has expired; null for the system clock.</param>
    /// <returns>The figures.</returns>
    public static DiskCacheFolderStats Inspect(string directory, TimeProvider? timeProvider = null) => DiskFolder.Inspect(directory, timeProvider);

    /// <summary>Writes an encoded entry: reserves its size, writes its temporary file, renames that over the entry.</summary>
    private bool Write(UInt128 hash, in EncodedEntry entry)
    {
        try
        {
            if (!_budget.TryReserve(entry.FileLength, out var reservation))
            {
                return Reject(hash);
            }

            try
            {
                _entries.Write(reservation.Stream, entry);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                _budget.Abort(reservation);
                throw;
            }

            if (!_budget.TryCommit(reservation, hash))
            {
                return Reject(hash);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _writeErrors.Increment();
            return Reject(hash);
        }

        _counters.Insert();
        return true;
    }

    private bool Reject(UInt128 hash)
    {
        _counters.Reject();
        _budget.Remove(hash); // Serving a superseded value would be wrong.
        return false;
    }
}
