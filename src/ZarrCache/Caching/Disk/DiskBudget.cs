namespace ZarrCache;

/// <summary>
/// The byte budget of a <see cref="DiskCache"/>'s folder, shared by processes, and this instance's recency order of
/// its entry files (<see cref="DiskIndex"/>): reservations, commits, evictions, deletions and scans. Every change to
/// what the folder holds happens under the folder lock and updates its ledger (<see cref="FolderLedger"/>) from actual
/// file sizes. Bytes are counted before a file grows the folder and uncounted after a file left it, so a crash between
/// the two can only over-count (until the next scan), never let the folder exceed the budget. Hits never take the lock.
/// A file is deleted or replaced only while holding it open exclusively (<see cref="EntryFileLock"/>), so that its
/// space is freed at once rather than when a reader closes it: eviction passes over a file being read; a removal or a
/// replacement waits for its readers, up to <see cref="EntryFileLock.ReaderWait"/>.
/// </summary>
internal sealed class DiskBudget
{
    /// <summary>
    /// Temporary files whose last write is older than this were left by a killed (or stalled) writer: a scan deletes
    /// them. Until then they count against the budget at the size their writer reserved. Deleting a live writer's file
    /// only makes that write fail.
    /// </summary>
    public static readonly TimeSpan StaleTemporaryAge = TimeSpan.FromMinutes(1);

    private readonly DiskLayout _layout;
    private readonly FolderLedger _ledger;
    private readonly DiskIndex _index = new();
    private readonly TimeProvider _time;
    private readonly long _touchIntervalTicks;
    private readonly AtomicCounter _evictions = new();
    private long _lastBytes;
    private long _lastEntries;

    /// <summary>A budget of <paramref name="maxSize"/> bytes over the folder of <paramref name="layout"/>; the index is empty until <see cref="Scan"/>.</summary>
    public DiskBudget(DiskLayout layout, long maxSize, TimeProvider time, long touchIntervalTicks)
    {
        _layout = layout;
        _ledger = new FolderLedger(layout.Root);
        MaxSize = maxSize;
        _time = time;
        _touchIntervalTicks = touchIntervalTicks;
    }

    public long MaxSize { get; }

    /// <summary>Entry files this instance evicted.</summary>
    public long Evictions => _evictions.Value;

    /// <summary>The folder's ledger (bytes, entries), read under the lock; the last figures seen when the lock is not free.</summary>
    public (long Bytes, long Entries) ReadLedger()
    {
        using (var scope = _ledger.TryEnter())
        {
            if (scope is not null)
            {
                if (!scope.Valid)
                {
                    ScanLocked(scope);
                }

                Remember(scope);
            }
        }

        return (Volatile.Read(ref _lastBytes), Volatile.Read(ref _lastEntries));
    }

    /// <summary>Takes the folder lock and scans it (see <see cref="DiskCache.Rescan"/>).</summary>
    /// <exception cref="IOException">The folder lock was not free within its timeout.</exception>
    public void Scan()
    {
        using var scope = _ledger.TryEnter() ?? throw new IOException($"The disk cache's folder lock {_ledger.Path} was not free within {FolderLedger.Timeout.TotalSeconds:F0} s.");
        ScanLocked(scope);
    }

    /// <summary>
    /// Records a hit on an entry file: the most recently used, its file's modification time touched (at most once per
    /// touch interval); a file another process wrote (or written after the last scan) is adopted.
    /// </summary>
    public void RecordAccess(UInt128 hash, string path)
    {
        var now = _time.GetUtcNow();
        if (_index.Touch(hash, now.UtcTicks, _touchIntervalTicks, out var known))
        {
            EntryFile.TryTouch(path, now.UtcDateTime);
        }

        if (!known)
        {
            // Written by another process (or after our scan): adopt it, so that this process can evict it too. The
            // folder's ledger counted it when it was written.
            _index.AddOrUpdate(hash, now.UtcTicks);
        }
    }

    /// <summary>Forgets an entry whose file is gone (the ledger never counts a file twice, so there is nothing to take off).</summary>
    public void Forget(UInt128 hash) => _index.Remove(hash);

    /// <summary>
    /// Reserves <paramref name="bytes"/> in the folder and creates the temporary file that will hold them, evicting
    /// first so that entries plus reserved space stay within the budget; false when that is not possible (the space is
    /// reserved by writes in progress) or the lock was not free.
    /// </summary>
    public bool TryReserve(long bytes, out Reservation reservation)
    {
        reservation = default;
        using var scope = _ledger.TryEnter();
        if (scope is null)
        {
            return false;
        }

        if (!scope.Valid)
        {
            ScanLocked(scope);
        }

        if (!MakeRoomLocked(scope, bytes))
        {
            return false;
        }

        var path = _layout.NewTemporaryPath(bytes);
        scope.Add(bytes, 0); // Counted before the file exists: a crash now over-counts, never under-counts.
        try
        {
            reservation = new Reservation(path, _layout.CreateTemporary(path), bytes);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            scope.Add(-bytes, 0);
            throw;
        }
    }

    /// <summary>Renames a written temporary file over the entry, taking the replaced file's actual size off the ledger.</summary>
    /// <returns>False when the temporary file is gone (a scan took it for a dead writer's and uncounted it) or the lock was not free.</returns>
    public bool TryCommit(Reservation reservation, UInt128 hash)
    {
        using var scope = _ledger.TryEnter();
        if (scope is null)
        {
            EntryFile.TryDelete(reservation.Path); // Still counted: an over-count until the next scan.
            return false;
        }

        if (!File.Exists(reservation.Path))
        {
            return false;
        }

        var path = _layout.PathOf(hash);
        using var replaced = EntryFileLock.TryOpenExclusive(path, EntryFileLock.ReaderWait, out var beingRead);
        var replacedLength = replaced is not null || beingRead ? EntryFileLock.LengthOf(replaced, path) : -1;
        try
        {
            EntryFile.MoveIntoPlace(reservation.Path, path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            AbortLocked(scope, reservation);
            throw;
        }

        scope.Add(replacedLength >= 0 ? -replacedLength : 0, replacedLength >= 0 ? 0 : 1);
        _index.AddOrUpdate(hash, _time.GetUtcNow().UtcTicks);
        return true;
    }

    /// <summary>Deletes a reservation's temporary file and gives its space back.</summary>
    public void Abort(Reservation reservation)
    {
        reservation.Stream.Dispose();
        using var scope = _ledger.TryEnter();
        if (scope is null)
        {
            EntryFile.TryDelete(reservation.Path);
            return;
        }

        AbortLocked(scope, reservation);
    }

    /// <summary>Deletes a key's entry file (under the lock when it is free; otherwise the ledger over-counts until a scan).</summary>
    public void Remove(UInt128 hash)
    {
        var path = _layout.PathOf(hash);
        using var scope = _ledger.TryEnter();
        if (scope is null)
        {
            EntryFile.TryDelete(path);
        }
        else
        {
            DeleteLocked(scope, path, mandatory: true);
        }

        _index.Remove(hash);
    }

    /// <summary>Deletes every entry file (under the lock when it is free) and empties the index.</summary>
    public void Clear()
    {
        using var scope = _ledger.TryEnter();
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

    private static void AbortLocked(FolderLedger.Scope scope, Reservation reservation)
    {
        if (File.Exists(reservation.Path) && EntryFile.TryDelete(reservation.Path))
        {
            scope.Add(-reservation.Bytes, 0);
        }
    }

    /// <summary>Evicts until <paramref name="bytes"/> more fit: this process's least recently used entries, then, if that is not enough, every file by modification time after a scan.</summary>
    private bool MakeRoomLocked(FolderLedger.Scope scope, long bytes)
    {
        EvictLocked(scope, MaxSize - bytes);
        if (scope.Bytes + bytes <= MaxSize)
        {
            return true;
        }

        ScanLocked(scope); // Adopts other processes' files, drops stale temporary files, corrects drift.
        EvictLocked(scope, MaxSize - bytes);
        return scope.Bytes + bytes <= MaxSize;
    }

    /// <summary>Evicts the least recently used entries until the ledger is at most <paramref name="target"/>; files being read are passed over and become the most recent.</summary>
    private void EvictLocked(FolderLedger.Scope scope, long target)
    {
        List<UInt128>? beingRead = null;
        while (scope.Bytes > target && _index.TryTakeOldest(out var victim))
        {
            switch (DeleteLocked(scope, _layout.PathOf(victim), mandatory: false))
            {
                case Deletion.Deleted:
                    _evictions.Increment();
                    break;
                case Deletion.BeingRead:
                    (beingRead ??= []).Add(victim);
                    break;
            }
        }

        foreach (var hash in beingRead ?? [])
        {
            _index.AddOrUpdate(hash, _time.GetUtcNow().UtcTicks);
        }
    }

    /// <summary>
    /// Deletes an entry file, holding it open exclusively so that no reader keeps its space, and takes its actual size
    /// off the ledger. A file being read is left (<paramref name="mandatory"/> false) or waited for, up to
    /// <see cref="EntryFileLock.ReaderWait"/>, then deleted anyway.
    /// </summary>
    private static Deletion DeleteLocked(FolderLedger.Scope scope, string path, bool mandatory)
    {
        using var handle = EntryFileLock.TryOpenExclusive(path, mandatory ? EntryFileLock.ReaderWait : TimeSpan.Zero, out var beingRead);
        if (handle is null && (!beingRead || !mandatory))
        {
            return beingRead ? Deletion.BeingRead : Deletion.Gone;
        }

        var length = EntryFileLock.LengthOf(handle, path);
        if (length < 0 || !EntryFile.TryDelete(path))
        {
            return Deletion.Gone;
        }

        scope.Add(-length, -1);
        return Deletion.Deleted;
    }

    /// <summary>
    /// Lists the folder: deletes stale temporary files, counts the others at their reserved size, rebuilds the index
    /// from the entry files oldest first, resets the ledger to what is there, and evicts the oldest files while over
    /// the budget.
    /// </summary>
    private void ScanLocked(FolderLedger.Scope scope)
    {
        var cutoff = DateTime.UtcNow.Ticks - StaleTemporaryAge.Ticks;
        long bytes = 0;
        foreach (var temporary in _layout.ScanTemporaries().ToList())
        {
            if (temporary.LastWriteUtcTicks < cutoff && EntryFile.TryDelete(temporary.Path))
            {
                continue;
            }

            bytes += temporary.Counted;
        }

        var files = _layout.ScanEntries().ToList();
        files.Sort(static (a, b) => a.LastWriteUtcTicks.CompareTo(b.LastWriteUtcTicks));
        _index.Clear();
        foreach (var file in files)
        {
            _index.AddOrUpdate(file.Hash, file.LastWriteUtcTicks);
            bytes += file.Length;
        }

        scope.Reset(bytes, files.Count);
        EvictLocked(scope, MaxSize);
        Remember(scope);
    }

    private void Remember(FolderLedger.Scope scope)
    {
        Volatile.Write(ref _lastBytes, scope.Bytes);
        Volatile.Write(ref _lastEntries, scope.Entries);
    }

    /// <summary>What became of a file <see cref="DeleteLocked"/> was asked to delete.</summary>
    private enum Deletion
    {
        Deleted,
        Gone,
        BeingRead,
    }

    /// <summary>A temporary file created with its space reserved in the ledger.</summary>
    internal readonly record struct Reservation(string Path, FileStream Stream, long Bytes);
}
