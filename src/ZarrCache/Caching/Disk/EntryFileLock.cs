using System.Diagnostics;
using Microsoft.Win32.SafeHandles;

namespace ZarrCache;

/// <summary>
/// How a disk cache keeps a deleted or replaced entry file's space from outliving it: a reader holds a shared lock on
/// the file it reads (.NET takes one when it opens a file for reading), and a file is deleted or replaced only while
/// held open with <see cref="FileShare.None"/>, which no reader holds and none can take until it is closed.
/// </summary>
internal static class EntryFileLock
{
    /// <summary>How long a removal or a replacement waits for readers of the file to finish before going ahead anyway.</summary>
    public static readonly TimeSpan ReaderWait = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Opens a file with <see cref="FileShare.None"/>. Null when the file is gone, or, with
    /// <paramref name="beingRead"/> set, when readers still held it after <paramref name="wait"/>.
    /// </summary>
    public static SafeFileHandle? TryOpenExclusive(string path, TimeSpan wait, out bool beingRead)
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

    /// <summary>The length of the file held by <paramref name="held"/>, or, when it could not be held, of the file at <paramref name="path"/> (-1 when gone).</summary>
    public static long LengthOf(SafeFileHandle? held, string path)
    {
        if (held is not null)
        {
            return RandomAccess.GetLength(held);
        }

        var file = new FileInfo(path);
        return file.Exists ? file.Length : -1;
    }
}
