namespace ZarrCache.DiskCacheProbe;

/// <summary>
/// Measures what a disk cache folder holds: the lengths of every file in it (entries, temporary files, anything else)
/// except the folder's lock file. The listing is taken while holding the folder's lock (an exclusive lock on
/// <c>DIR/budget.lock</c>, as <see cref="DiskCache"/> takes it), because a directory listing is not atomic: without the
/// lock, a temporary file renamed over an entry during the listing could be counted twice. Under the lock no file is
/// created, renamed or deleted; temporary files may still grow, and are counted at the length they have then.
/// </summary>
public static class FolderSampler
{
    /// <summary>The name of the folder's lock (and ledger) file, which the sample leaves out.</summary>
    public const string LockFileName = "budget.lock";

    /// <summary>The bytes of every file in <paramref name="directory"/> but the lock file, listed under the folder lock.</summary>
    public static long SampleBytes(string directory)
    {
        using var folderLock = TakeLock(Path.Combine(directory, LockFileName), TimeSpan.FromSeconds(10));
        return ListBytes(directory);
    }

    /// <summary>The bytes of every file in <paramref name="directory"/> but the lock file, listed without any lock.</summary>
    public static long ListBytes(string directory)
    {
        long total = 0;
        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = 0 };
        foreach (var file in new DirectoryInfo(directory).EnumerateFiles("*", options))
        {
            if (file.Name == LockFileName)
            {
                continue;
            }

            try
            {
                total += file.Length;
            }
            catch (FileNotFoundException)
            {
                // Deleted between listing and looking (only without the lock).
            }
        }

        return total;
    }

    private static FileStream TakeLock(string path, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 0);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(0);
            }
        }
    }
}
