using System.Globalization;
using System.IO.Enumeration;
using System.IO.Hashing;
using System.Text;

namespace ZarrCache;

/// <summary>
/// Where a <see cref="DiskCache"/> puts things: <c>entries/ab/&lt;32 hex digits&gt;.zce</c>, the digits being the
/// XxHash128 of the key's UTF-8 bytes and <c>ab</c> their first two (256 subfolders); temporary files in <c>tmp/</c>,
/// named <c>&lt;guid&gt;-&lt;reserved bytes&gt;.tmp</c> so that a scan counts the space a write in progress reserved.
/// A key never becomes a path, so no key can reach outside the folder.
/// </summary>
internal sealed class DiskLayout
{
    public const string Extension = ".zce";
    private const int HexDigits = 32;

    public DiskLayout(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Root = Path.GetFullPath(directory);
        Entries = Path.Combine(Root, "entries");
        Temporary = Path.Combine(Root, "tmp");
    }

    public string Root { get; }

    public string Entries { get; }

    public string Temporary { get; }

    public static UInt128 Hash(ReadOnlySpan<byte> keyUtf8) => XxHash128.HashToUInt128(keyUtf8);

    public static byte[] KeyBytes(StoreKey key) => Encoding.UTF8.GetBytes(key.Value);

    /// <summary>A key's UTF-8 bytes (stored in its entry file) and their hash (which names the file).</summary>
    public static (byte[] Key, UInt128 Hash) NameOf(StoreKey key)
    {
        var keyBytes = KeyBytes(key);
        return (keyBytes, Hash(keyBytes));
    }

    public string PathOf(UInt128 hash)
    {
        var name = hash.ToString("x32", CultureInfo.InvariantCulture);
        return Path.Combine(Entries, name[..2], name + Extension);
    }

    /// <summary>A new temporary file name that records the <paramref name="reservedBytes"/> its write reserved.</summary>
    public string NewTemporaryPath(long reservedBytes) =>
        Path.Combine(Temporary, Guid.NewGuid().ToString("N") + "-" + reservedBytes.ToString(CultureInfo.InvariantCulture) + ".tmp");

    /// <summary>Creates the temporary file at <paramref name="path"/> (from <see cref="NewTemporaryPath"/>) for writing, unbuffered and unshared.</summary>
    public FileStream CreateTemporary(string path)
    {
        try
        {
            return new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0);
        }
        catch (DirectoryNotFoundException)
        {
            Directory.CreateDirectory(Temporary); // Removed by someone else: make it, once.
            return new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0);
        }
    }

    /// <summary>The bytes a temporary file reserved, from its name (0 for a name without it, from an older version).</summary>
    public static long ReservedBytesOf(ReadOnlySpan<char> fileName)
    {
        var dash = fileName.LastIndexOf('-');
        return dash >= 0 && fileName.EndsWith(".tmp", StringComparison.Ordinal)
            && long.TryParse(fileName[(dash + 1)..^4], NumberStyles.None, CultureInfo.InvariantCulture, out var reserved)
            ? reserved
            : 0;
    }

    /// <summary>Every temporary file: path, reserved bytes (from its name), length and last write time.</summary>
    public IEnumerable<ScannedTemporary> ScanTemporaries()
    {
        if (!Directory.Exists(Temporary))
        {
            return [];
        }

        var options = new EnumerationOptions { RecurseSubdirectories = false, IgnoreInaccessible = true, AttributesToSkip = 0 };
        return new FileSystemEnumerable<ScannedTemporary>(
            Temporary,
            static (ref FileSystemEntry e) => new ScannedTemporary(e.ToFullPath(), ReservedBytesOf(e.FileName), e.Length, e.LastWriteTimeUtc.UtcTicks),
            options)
        {
            ShouldIncludePredicate = static (ref FileSystemEntry e) => !e.IsDirectory && e.FileName.EndsWith(".tmp", StringComparison.Ordinal),
        };
    }

    public void EnsureCreated()
    {
        Directory.CreateDirectory(Entries);
        Directory.CreateDirectory(Temporary);
    }

    /// <summary>Parses an entry file name back to its hash; false for anything else.</summary>
    public static bool TryParseName(ReadOnlySpan<char> fileName, out UInt128 hash)
    {
        hash = default;
        return fileName.Length == HexDigits + Extension.Length
            && fileName.EndsWith(Extension, StringComparison.Ordinal)
            && UInt128.TryParse(fileName[..HexDigits], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out hash);
    }

    /// <summary>Every entry file: hash, path, length and last write time, from the directory listing alone (no open, no stat).</summary>
    public IEnumerable<ScannedFile> ScanEntries()
    {
        if (!Directory.Exists(Entries))
        {
            return [];
        }

        var options = new EnumerationOptions { RecurseSubdirectories = true, MaxRecursionDepth = 1, IgnoreInaccessible = true, AttributesToSkip = 0 };
        return new FileSystemEnumerable<ScannedFile>(
            Entries,
            static (ref FileSystemEntry e) =>
            {
                _ = TryParseName(e.FileName, out var hash);
                return new ScannedFile(hash, e.ToFullPath(), e.Length, e.LastWriteTimeUtc.UtcTicks);
            },
            options)
        {
            ShouldIncludePredicate = static (ref FileSystemEntry e) => !e.IsDirectory && TryParseName(e.FileName, out _),
        };
    }

    /// <summary>One temporary file found by a scan; it counts as the larger of its reserved bytes and its length.</summary>
    public readonly record struct ScannedTemporary(string Path, long ReservedBytes, long Length, long LastWriteUtcTicks)
    {
        public long Counted => Math.Max(ReservedBytes, Length);
    }

    /// <summary>One entry file found by a scan.</summary>
    public readonly record struct ScannedFile(UInt128 Hash, string Path, long Length, long LastWriteUtcTicks);
}
