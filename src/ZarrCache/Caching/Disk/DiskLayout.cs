using System.Globalization;
using System.IO.Enumeration;
using System.IO.Hashing;
using System.Text;

namespace ZarrCache;

/// <summary>
/// Where a <see cref="DiskCache"/> puts things: <c>entries/ab/&lt;32 hex digits&gt;.zce</c>, the digits being the
/// XxHash128 of the key's UTF-8 bytes and <c>ab</c> their first two (256 subfolders); temporary files in <c>tmp/</c>.
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

    public string PathOf(UInt128 hash)
    {
        var name = hash.ToString("x32", CultureInfo.InvariantCulture);
        return Path.Combine(Entries, name[..2], name + Extension);
    }

    public string NewTemporaryPath() => Path.Combine(Temporary, Guid.NewGuid().ToString("N") + ".tmp");

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

    /// <summary>One entry file found by a scan.</summary>
    public readonly record struct ScannedFile(UInt128 Hash, string Path, long Length, long LastWriteUtcTicks);
}
