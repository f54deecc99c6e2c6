using System.Buffers;
using System.IO.Hashing;
using System.Text;

namespace ZarrCache;

/// <summary>Writes and reads whole disk entry files (header, key, extension, payload); see <see cref="EntryHeader"/>.</summary>
internal static class EntryFile
{
    /// <summary>The longest key (UTF-8 bytes) an entry file holds.</summary>
    public const int MaxKeyBytes = ushort.MaxValue;

    /// <summary>The outcome of reading an entry file.</summary>
    public enum ReadStatus
    {
        /// <summary>The file holds the key and its checksum held.</summary>
        Ok,

        /// <summary>No such file.</summary>
        Missing,

        /// <summary>Torn, flipped, foreign or holding another key: must be deleted and never served.</summary>
        Corrupt,

        /// <summary>An I/O error (not the file's fault): a miss that leaves the file alone.</summary>
        Failed,
    }

    /// <summary>The header and checksum of an entry, ready to write after the key.</summary>
    public static byte[] BuildHeader(ReadOnlySpan<byte> keyUtf8, ReadOnlySpan<byte> extension, ReadOnlySpan<byte> payload, EntryEncoding encoding, int rawLength, long expiresAt)
    {
        var header = new byte[EntryHeader.Size];
        var fields = new EntryHeader(encoding, keyUtf8.Length, extension.Length, payload.Length, rawLength, expiresAt, 0);
        fields.Write(header);
        var checksum = Checksum(header, keyUtf8, extension, payload);
        (fields with { Checksum = checksum }).Write(header);
        return header;
    }

    /// <summary>
    /// Writes an entry (header, key, extension, payload) into a new temporary file and closes it, optionally flushing
    /// it to the device first; the caller renames it over the entry (<see cref="MoveIntoPlace"/>), so a reader sees
    /// the old entry, the new one, or none, never a part.
    /// </summary>
    public static void Write(FileStream temporary, byte[] header, ReadOnlySpan<byte> keyUtf8, ReadOnlySpan<byte> extension, ReadOnlySpan<byte> payload, bool flushToDisk)
    {
        using (temporary)
        {
            temporary.Write(header);
            temporary.Write(keyUtf8);
            temporary.Write(extension);
            temporary.Write(payload);
            temporary.Flush(flushToDisk);
        }
    }

    /// <summary>Renames a written temporary file over an entry's name (atomic on one file system), making its subfolder when missing.</summary>
    public static void MoveIntoPlace(string temporaryPath, string finalPath)
    {
        try
        {
            File.Move(temporaryPath, finalPath, overwrite: true);
        }
        catch (DirectoryNotFoundException) when (File.Exists(temporaryPath))
        {
            // A new subfolder, or another process cleared the folder: make it, once.
            Directory.CreateDirectory(Path.GetDirectoryName(finalPath)!);
            File.Move(temporaryPath, finalPath, overwrite: true);
        }
    }

    /// <summary>
    /// Reads a whole entry file into one array and validates it against <paramref name="keyUtf8"/>: header, lengths,
    /// key and checksum. Refuses (as corrupt) a file longer than <paramref name="maxFileLength"/> before allocating.
    /// </summary>
    public static ReadStatus TryRead(string path, ReadOnlySpan<byte> keyUtf8, long maxFileLength, out byte[] file, out EntryHeader header)
    {
        file = [];
        header = default;
        Microsoft.Win32.SafeHandles.SafeFileHandle handle;
        try
        {
            handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return ReadStatus.Missing;
        }

        using (handle)
        {
            var length = RandomAccess.GetLength(handle);
            if (length < EntryHeader.Size + keyUtf8.Length || length > maxFileLength || length > Array.MaxLength)
            {
                return ReadStatus.Corrupt;
            }

            file = GC.AllocateUninitializedArray<byte>((int)length);
            var read = 0;
            while (read < file.Length)
            {
                var n = RandomAccess.Read(handle, file.AsSpan(read), read);
                if (n == 0)
                {
                    return ReadStatus.Corrupt; // Shorter than its length said a moment ago: truncated under us.
                }

                read += n;
            }
        }

        return Validate(file, keyUtf8, out header) ? ReadStatus.Ok : ReadStatus.Corrupt;
    }

    /// <summary>Whether <paramref name="file"/> is a whole, intact entry of <paramref name="keyUtf8"/>.</summary>
    public static bool Validate(ReadOnlySpan<byte> file, ReadOnlySpan<byte> keyUtf8, out EntryHeader header)
    {
        header = default;
        if (EntryHeader.TryRead(file) is not { } parsed || parsed.FileLength != file.Length || parsed.KeyLength != keyUtf8.Length)
        {
            return false;
        }

        header = parsed;
        var key = file.Slice(EntryHeader.Size, parsed.KeyLength);
        if (!key.SequenceEqual(keyUtf8))
        {
            return false;
        }

        var extension = file.Slice(EntryHeader.Size + parsed.KeyLength, parsed.ExtensionLength);
        var payload = file[parsed.PayloadOffset..];
        return Checksum(file[..EntryHeader.Size], key, extension, payload) == parsed.Checksum;
    }

    /// <summary>Reads just the header and the key of an entry file (for statistics and prefix removal); no checksum.</summary>
    public static bool TryReadKey(string path, out string key, out EntryHeader header)
    {
        key = string.Empty;
        header = default;
        try
        {
            using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            Span<byte> head = stackalloc byte[EntryHeader.Size];
            if (RandomAccess.Read(handle, head, 0) != EntryHeader.Size || EntryHeader.TryRead(head) is not { } parsed)
            {
                return false;
            }

            var keyBytes = ArrayPool<byte>.Shared.Rent(parsed.KeyLength);
            try
            {
                if (RandomAccess.Read(handle, keyBytes.AsSpan(0, parsed.KeyLength), EntryHeader.Size) != parsed.KeyLength)
                {
                    return false;
                }

                key = Encoding.UTF8.GetString(keyBytes, 0, parsed.KeyLength);
                header = parsed;
                return true;
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(keyBytes);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Sets a file's modification time (which orders eviction across processes and restarts); a file gone or not ours is left alone.</summary>
    public static void TryTouch(string path, DateTime nowUtc)
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

    /// <summary>Deletes a file; a file already gone (another process, an eviction) is not an error.</summary>
    public static bool TryDelete(string path)
    {
        try
        {
            File.Delete(path);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static ulong Checksum(ReadOnlySpan<byte> header, ReadOnlySpan<byte> key, ReadOnlySpan<byte> extension, ReadOnlySpan<byte> payload)
    {
        var hash = new XxHash3();
        hash.Append(header[..EntryHeader.ChecksumOffset]);
        hash.Append(key);
        hash.Append(extension);
        hash.Append(payload);
        return hash.GetCurrentHashAsUInt64();
    }
}
