using System.Diagnostics;
using Microsoft.Win32.SafeHandles;

namespace ZarrCache;

/// <summary>
/// One byte budget for a folder shared by processes: every change to what the folder holds happens under the folder
/// lock and updates its ledger (<see cref="FolderLedger"/>) from actual file sizes. Bytes are counted before a file
/// grows the folder and uncounted after a file left it, so a crash between the two can only over-count (until the
/// next scan), never let the folder exceed the budget. Hits never take the lock. A file is deleted or replaced only
/// while holding it open exclusively (readers hold a shared lock on the file they read), so that its space is freed at
/// once rather than when a reader closes it: eviction passes over a file being read; a removal or a replacement waits
/// for its readers, up to <see cref="ReaderWait"/>.
/// </summary>
public sealed partial class DiskCache
{
    /// <summary>
    /// Temporary files whose last write is older than this were left by a killed (or stalled) writer: a scan deletes
    /// them. Until then they count against the budget at the size their writer reserved. Deleting a live writer's file
    /// only makes that write fail.
    /// </summary>
    internal static readonly TimeSpan StaleTemporaryAge = TimeSpan.FromMinutes(1);

    /// <summary>How long a removal or a replacement waits for readers of the file to finish before going ahead anyway.</summary>
    private static readonly TimeSpan ReaderWait = TimeSpan.FromMilliseconds(100);

    private enum Deletion
    {
        Deleted,
        Gone,
        BeingRead,
    }

    private long _lastBytes;
    private long _lastEntries;

    /// <summary>The folder's ledger (bytes, entries), read under the lock; the last figures seen when the lock is not free.</summary>
    private (long Bytes, long Entries) ReadLedger()
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

    /// <summary>
    /// Reserves <paramref name="bytes"/> in the folder and creates the temporary file that will hold them, evicting
    /// first so that entries plus reserved space stay within the budget; false when that is not possible (the space is
    /// reserved by writes in progress) or the lock was not free.
    /// </summary>
    private bool TryReserve(long bytes, out Reservation reservation)
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
            reservation = new Reservation(path, CreateTemporary(path), bytes);
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
    private bool TryCommit(Reservation reservation, UInt128 hash)
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
        using var replaced = TryOpenExclusive(path, ReaderWait, out var beingRead);
        var replacedLength = replaced is not null ? RandomAccess.GetLength(replaced) : beingRead ? LengthOrMinusOne(path) : -1;
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
    private void Abort(Reservation reservation)
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
                    Interlocked.Increment(ref _evictions);
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
    /// <see cref="ReaderWait"/>, then deleted anyway.
    /// </summary>
    private static Deletion DeleteLocked(FolderLedger.Scope scope, string path, bool mandatory)
    {
        using var handle = TryOpenExclusive(path, mandatory ? ReaderWait : TimeSpan.Zero, out var beingRead);
        if (handle is null && (!beingRead || !mandatory))
        {
            return beingRead ? Deletion.BeingRead : Deletion.Gone;
        }

        var length = handle is not null ? RandomAccess.GetLength(handle) : LengthOrMinusOne(path);
        if (length < 0 || !EntryFile.TryDelete(path))
        {
            return Deletion.Gone;
        }

        scope.Add(-length, -1);
        return Deletion.Deleted;
    }

    /// <summary>
    /// Opens a file with <see cref="FileShare.None"/>: an exclusive lock no reader holds (readers hold a shared one while
    /// they read) and none can take until it is closed. Null when the file is gone, or, with
    /// <paramref name="beingRead"/> set, when readers still held it after <paramref name="wait"/>.
    /// </summary>
    private static SafeFileHandle? TryOpenExclusive(string path, TimeSpan wait, out bool beingRead)
    {
        beingRead = false;
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            try
            {
                return File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.None);
            }
            catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
            {
                return null;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                if (Stopwatch.GetElapsedTime(started) >= wait)
                {
                    beingRead = true;
                    return null;
                }

                Thread.Yield();
            }
        }
    }

    private static long LengthOrMinusOne(string path)
    {
        var file = new FileInfo(path);
        return file.Exists ? file.Length : -1;
    }

    /// <summary>Deletes a key's entry file (under the lock when it is free; otherwise the ledger over-counts until a scan).</summary>
    private void RemoveHash(UInt128 hash)
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

    private FileStream CreateTemporary(string path)
    {
        try
        {
            return new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0);
        }
        catch (DirectoryNotFoundException)
        {
            System.IO.Directory.CreateDirectory(_layout.Temporary); // Removed by someone else: make it, once.
            return new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0);
        }
    }

    /// <summary>A temporary file created with its space reserved in the ledger.</summary>
    private readonly record struct Reservation(string Path, FileStream Stream, long Bytes);
}
