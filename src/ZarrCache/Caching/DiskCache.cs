using System.Buffers;
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
/// </remarks>
public sealed partial class DiskCache : IPersistentCache
{
    private readonly DiskLayout _layout;
    private readonly FolderLedger _ledger;
    private readonly DiskIndex _index = new();
    private readonly EntryCodec? _codec;
    private readonly TimeProvider _time;
    private readonly long _touchIntervalTicks;
    private readonly bool _flushToDisk;
    private readonly StripedCounter _hits = new();
    private readonly StripedCounter _misses = new();
    private readonly StripedCounter _bytesServed = new();
    private long _inserts;
    private long _rejected;
    private long _evictions;
    private long _corrupt;
    private long _writeErrors;

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

        _layout = new DiskLayout(directory);
        _layout.EnsureCreated();
        MaxSize = maxBytes;
        MaxEntrySize = Math.Min(options.MaxEntrySize ?? maxBytes, maxBytes);
        _codec = options.Compression is { } codec ? new EntryCodec(codec, options.CompressionLevel, options.MinCompressionSavings) : null;
        _time = options.TimeProvider ?? TimeProvider.System;
        _touchIntervalTicks = Math.Max(0, options.AccessTimeResolution.Ticks);
        _flushToDisk = options.FlushToDisk;
        _ledger = new FolderLedger(_layout.Root);
        Rescan();
    }

    /// <summary>The cache's folder (absolute).</summary>
    public string Directory => _layout.Root;

    /// <inheritdoc />
    /// <remarks>The budget of the whole folder: with several processes (or instances) on one folder, the largest of their budgets.</remarks>
    public long MaxSize { get; }

    /// <inheritdoc />
    /// <remarks>Always: the entries are files in <see cref="Directory"/>.</remarks>
    public bool IsPersistent => true;

    /// <summary>The largest value (before compression) this cache holds.</summary>
    public long MaxEntrySize { get; }

    /// <inheritdoc />
    /// <remarks>
    /// The folder's bytes as its ledger records them, across every process using it: whole entry files (header, key,
    /// stored payload) plus the space reserved by writes in progress. Reading it takes the folder lock briefly; when the
    /// lock is not free within its timeout, the last figure seen.
    /// </remarks>
    public long Size => ReadLedger().Bytes;

    /// <summary>The number of entry files in the folder (all processes), from its ledger; see <see cref="Size"/>.</summary>
    public int Count => (int)Math.Min(int.MaxValue, ReadLedger().Entries);

    /// <summary>The codec entries are compressed with, or null when compression is off.</summary>
    public CompressionCodec? Compression => _codec?.Codec;

    /// <summary>How long the last scan of the folder (at start, or <see cref="Rescan"/>) took.</summary>
    public TimeSpan LastScanDuration { get; private set; }

    /// <summary>Writes that failed with an I/O error (disk full, permissions); also counted as rejected.</summary>
    public long WriteErrors => Volatile.Read(ref _writeErrors);

    /// <inheritdoc />
    /// <remarks><see cref="CacheStats.Entries"/> and <see cref="CacheStats.BytesHeld"/> are the folder's (<see cref="Count"/>, <see cref="Size"/>); the counters are this instance's.</remarks>
    public CacheStats Stats => StatsWith(ReadLedger());

    private CacheStats StatsWith((long Bytes, long Entries) ledger) => new()
    {
        Hits = _hits.Sum(),
        Misses = _misses.Sum(),
        BytesServed = _bytesServed.Sum(),
        Inserts = Volatile.Read(ref _inserts),
        Rejected = Volatile.Read(ref _rejected),
        Evictions = Volatile.Read(ref _evictions),
        CorruptEntries = Volatile.Read(ref _corrupt),
        Entries = ledger.Entries,
        BytesHeld = ledger.Bytes,
    };

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
        entry = default;
        var keyBytes = DiskLayout.KeyBytes(key);
        var hash = DiskLayout.Hash(keyBytes);
        var path = _layout.PathOf(hash);
        EntryFile.ReadStatus status;
        byte[] file;
        EntryHeader header;
        try
        {
            status = EntryFile.TryRead(path, keyBytes, MaxFileLength(keyBytes.Length), out file, out header);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _misses.Increment();
            return false;
        }

        ReadOnlyMemory<byte> value = default;
        if (status == EntryFile.ReadStatus.Ok && !TryDecode(file, header, out value))
        {
            status = EntryFile.ReadStatus.Corrupt;
        }

        if (status != EntryFile.ReadStatus.Ok)
        {
            if (status == EntryFile.ReadStatus.Corrupt)
            {
                DropCorrupt(hash);
            }
            else
            {
                _index.Remove(hash);
            }

            _misses.Increment();
            return false;
        }

        RecordAccess(hash, path);
        _hits.Increment();
        _bytesServed.Add(value.Length);
        entry = new CacheEntry(value, header.ExpiresAtUtcTicks, EntryExtension.ReadETag(file.AsSpan(EntryHeader.Size + header.KeyLength, header.ExtensionLength))) { Tier = AccessTier.Disk };
        return true;
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
        var keyBytes = DiskLayout.KeyBytes(key);
        var hash = DiskLayout.Hash(keyBytes);
        if (value.Length > MaxEntrySize || keyBytes.Length > EntryFile.MaxKeyBytes)
        {
            return Reject(hash);
        }

        var encoding = _codec?.TryCompress(value.Span, out var rented, out var length) ?? Unencoded(value, out rented, out length);
        try
        {
            var payload = rented is null ? value.Span : rented.AsSpan(0, length);
            var extension = EntryExtension.Write(options.ETag);
            var fileLength = (long)EntryHeader.Size + keyBytes.Length + extension.Length + payload.Length;
            if (fileLength > MaxSize)
            {
                return Reject(hash);
            }

            var header = EntryFile.BuildHeader(keyBytes, extension, payload, encoding, value.Length, options.ExpiresAtUtcTicks);
            return Write(hash, header, keyBytes, extension, payload, fileLength);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <inheritdoc />
    public ValueTask RemoveAsync(StoreKey key, CancellationToken cancellationToken = default)
    {
        Remove(key);
        return ValueTask.CompletedTask;
    }

    /// <summary>Deletes a key's entry file.</summary>
    /// <param name="key">The key.</param>
    public void Remove(StoreKey key) => RemoveHash(DiskLayout.Hash(DiskLayout.KeyBytes(key)));

    private bool Write(UInt128 hash, byte[] header, ReadOnlySpan<byte> keyBytes, ReadOnlySpan<byte> extension, ReadOnlySpan<byte> payload, long fileLength)
    {
        try
        {
            if (!TryReserve(fileLength, out var reservation))
            {
                return Reject(hash);
            }

            try
            {
                EntryFile.Write(reservation.Stream, header, keyBytes, extension, payload, _flushToDisk);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Abort(reservation);
                throw;
            }

            if (!TryCommit(reservation, hash))
            {
                return Reject(hash);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Interlocked.Increment(ref _writeErrors);
            return Reject(hash);
        }

        Interlocked.Increment(ref _inserts);
        return true;
    }

    private static EntryEncoding Unencoded(ReadOnlyMemory<byte> value, out byte[]? rented, out int length)
    {
        rented = null;
        length = value.Length;
        return EntryEncoding.Raw;
    }

    private long MaxFileLength(int keyLength) => Math.Min(MaxSize, EntryHeader.Size + keyLength + MaxEntrySize);

    private bool TryDecode(byte[] file, EntryHeader header, out ReadOnlyMemory<byte> value)
    {
        if (header.Encoding == EntryEncoding.Raw)
        {
            value = file.AsMemory(header.PayloadOffset, header.PayloadLength);
            return true;
        }

        value = default;
        if (header.RawLength > MaxEntrySize)
        {
            return false;
        }

        var raw = GC.AllocateUninitializedArray<byte>(header.RawLength);
        try
        {
            EntryCodec.Decode(header.Encoding, file.AsSpan(header.PayloadOffset, header.PayloadLength), raw);
        }
        catch (InvalidDataException)
        {
            return false;
        }

        value = raw;
        return true;
    }

    private void RecordAccess(UInt128 hash, string path)
    {
        var now = _time.GetUtcNow();
        if (_index.Touch(hash, now.UtcTicks, _touchIntervalTicks, out var known))
        {
            TryTouchFile(path, now.UtcDateTime);
        }

        if (!known)
        {
            // Written by another process (or after our scan): adopt it, so that this process can evict it too. The
            // folder's ledger counted it when it was written.
            _index.AddOrUpdate(hash, now.UtcTicks);
        }
    }

    private static void TryTouchFile(string path, DateTime nowUtc)
    {
        try
        {
            File.SetLastWriteTimeUtc(path, nowUtc);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Gone or not ours: the in-process order still holds.
        }
    }

    private bool Reject(UInt128 hash)
    {
        Interlocked.Increment(ref _rejected);
        RemoveHash(hash); // Serving a superseded value would be wrong.
        return false;
    }

    private void DropCorrupt(UInt128 hash)
    {
        Interlocked.Increment(ref _corrupt);
        RemoveHash(hash);
    }

    private void RecordScanDuration(Stopwatch watch) => LastScanDuration = watch.Elapsed;
}
