using System.Buffers.Binary;
using System.Diagnostics;
using System.IO.Hashing;
using Microsoft.Win32.SafeHandles;

namespace ZarrCache;

/// <summary>
/// The lock and the byte ledger of a disk cache folder shared by processes: the file <c>DIR/budget.lock</c>, opened
/// with <see cref="FileShare.None"/> (an exclusive, non-blocking <c>flock</c> on Linux and macOS, an exclusive share
/// mode on Windows) and closed to release; a holder is an open file description, so two caches over one folder in one
/// process exclude each other too, and a killed process releases it. Its content (32 bytes, little-endian) is the
/// ledger: magic <c>ZCLG</c> · version u32 · bytes i64 (entry files plus the space reserved by writes in progress) ·
/// entries i64 · XxHash3 of the first 24 bytes. A missing or unreadable ledger is rebuilt by a scan. The file is never
/// deleted (a new file would be a new lock).
/// </summary>
internal sealed class FolderLedger(string root)
{
    public const string FileName = "budget.lock";

    /// <summary>How long taking the lock may wait before the operation gives up (a write fails, a scan throws).</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private const int RecordSize = 32;
    private const uint Magic = 0x474C435A; // "ZCLG" read as little-endian u32.
    private const uint Version = 1;
    private readonly Lock _gate = new();

    public string Path { get; } = System.IO.Path.Combine(root, FileName);

    /// <summary>Takes the folder lock (threads of this instance first, then the file) and reads the ledger; null on timeout or when the file cannot be opened.</summary>
    public Scope? TryEnter()
    {
        var started = Stopwatch.GetTimestamp();
        if (!_gate.TryEnter(Timeout))
        {
            return null;
        }

        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var handle = File.OpenHandle(Path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                return new Scope(this, handle);
            }
            catch (DirectoryNotFoundException)
            {
                System.IO.Directory.CreateDirectory(root); // The folder was removed under us.
            }
            catch (IOException)
            {
                // Held by another process or another cache over this folder.
            }
            catch (UnauthorizedAccessException)
            {
                _gate.Exit();
                return null;
            }

            if (Stopwatch.GetElapsedTime(started) > Timeout)
            {
                _gate.Exit();
                return null;
            }

            Backoff(attempt, started);
        }
    }

    /// <summary>
    /// Waits before the next attempt: spins a little, then yields the processor until a millisecond has passed (the
    /// lock is usually held for tens of microseconds, and its holder may need this core), then sleeps a millisecond at
    /// a time (a long holder: a scan of a large folder).
    /// </summary>
    private static void Backoff(int attempt, long started)
    {
        if (attempt < 4)
        {
            Thread.SpinWait(64 << attempt);
        }
        else if (Stopwatch.GetElapsedTime(started) < TimeSpan.FromMilliseconds(1))
        {
            Thread.Yield();
        }
        else
        {
            Thread.Sleep(1);
        }
    }

    /// <summary>The held lock and the ledger read under it; every change is written through at once.</summary>
    internal sealed class Scope : IDisposable
    {
        private readonly FolderLedger _owner;
        private readonly SafeFileHandle _handle;
        private readonly byte[] _record = new byte[RecordSize];

        public Scope(FolderLedger owner, SafeFileHandle handle)
        {
            _owner = owner;
            _handle = handle;
            try
            {
                Valid = RandomAccess.Read(handle, _record, 0) == RecordSize && IsValid(_record);
            }
            catch (IOException)
            {
                Valid = false;
            }

            (Bytes, Entries) = Valid ? ReadValues(_record) : (0, 0);
        }

        /// <summary>Whether the ledger held a valid record when the lock was taken (false: rebuild it from a scan).</summary>
        public bool Valid { get; private set; }

        /// <summary>Entry files plus reserved space, in bytes.</summary>
        public long Bytes { get; private set; }

        /// <summary>Entry files.</summary>
        public long Entries { get; private set; }

        /// <summary>Adds to the ledger and writes it.</summary>
        public void Add(long bytes, long entries) => Reset(Bytes + bytes, Entries + entries);

        /// <summary>Sets the ledger and writes it.</summary>
        public void Reset(long bytes, long entries)
        {
            Bytes = Math.Max(0, bytes);
            Entries = Math.Max(0, entries);
            BinaryPrimitives.WriteUInt32LittleEndian(_record, Magic);
            BinaryPrimitives.WriteUInt32LittleEndian(_record.AsSpan(4), Version);
            BinaryPrimitives.WriteInt64LittleEndian(_record.AsSpan(8), Bytes);
            BinaryPrimitives.WriteInt64LittleEndian(_record.AsSpan(16), Entries);
            BinaryPrimitives.WriteUInt64LittleEndian(_record.AsSpan(24), XxHash3.HashToUInt64(_record.AsSpan(0, 24)));
            RandomAccess.Write(_handle, _record, 0);
            Valid = true;
        }

        public void Dispose()
        {
            _handle.Dispose();
            _owner._gate.Exit();
        }

        private static bool IsValid(ReadOnlySpan<byte> record)
        {
            var (bytes, entries) = ReadValues(record);
            return BinaryPrimitives.ReadUInt32LittleEndian(record) == Magic
                && BinaryPrimitives.ReadUInt32LittleEndian(record[4..]) == Version
                && BinaryPrimitives.ReadUInt64LittleEndian(record[24..]) == XxHash3.HashToUInt64(record[..24])
                && bytes >= 0 && entries >= 0;
        }

        private static (long Bytes, long Entries) ReadValues(ReadOnlySpan<byte> record) =>
            (BinaryPrimitives.ReadInt64LittleEndian(record[8..]), BinaryPrimitives.ReadInt64LittleEndian(record[16..]));
    }
}
