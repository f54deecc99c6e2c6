using System.Runtime.CompilerServices;

namespace ZarrCache;

/// <summary>
/// A store over a folder of the local file system: key <c>a/b/c</c> is the file <c>ROOT/a/b/c</c>.
/// </summary>
/// <remarks>
/// Every key is checked to resolve inside the root before any file is touched (validated keys already have no
/// <c>..</c> segment; the check also refuses any path that leaves the root through a symbolic link folder). No file is
/// read through a symbolic link: a key whose file is a link (to a file inside the root or outside it) is refused by
/// get, range and size with an <see cref="ArgumentException"/>, and links are never listed. A write replaces such a link
/// with a regular file (it never writes through it); a delete removes the link, not its target.
/// Writes go to a temporary file in the target folder that is then renamed over the target, so a reader sees
/// the old value or the new one, never half of one. A temporary file's name holds a <c>\</c>, which no key can hold,
/// so it never collides with a key and is never listed (on Windows, where a file name cannot hold <c>\</c>, keys with
/// a segment that starts with <c>.zarrcache-tmp-</c> are refused instead).
/// </remarks>
public sealed class FileSystemStore : IStore
{
    /// <summary>How temporary files' names start: with a character no key has where the file system allows it.</summary>
    internal static readonly string TempFilePrefix = OperatingSystem.IsWindows() ? ".zarrcache-tmp-" : ".zarrcache-tmp\\";
    private readonly string _root;
    private readonly string _rootWithSeparator;

    /// <summary>Opens a store over a folder; the folder is created on the first write if it does not exist.</summary>
    /// <param name="rootDirectory">The folder.</param>
    public FileSystemStore(string rootDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(rootDirectory);
        _root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(rootDirectory));
        _rootWithSeparator = _root + Path.DirectorySeparatorChar;
    }

    /// <summary>The absolute root folder.</summary>
    public string RootDirectory => _root;

    /// <inheritdoc />
    public async ValueTask<ReadOnlyMemory<byte>?> GetAsync(StoreKey key, CancellationToken cancellationToken = default)
    {
        var path = ReadablePathOf(key);
        try
        {
            if (ValueSizeLimit.Current is { } limit)
            {
                var length = new FileInfo(path).Length; // FileNotFoundException when missing, as the read would throw.
                if (length > limit)
                {
                    throw new StoreException(key, FormattableString.Invariant($"the file has {length} bytes, more than the {limit} bytes a value may have here."));
                }
            }

            return await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StoreException(key, $"reading '{path}' failed: {e.Message}", e);
        }
    }

    /// <inheritdoc />
    public async ValueTask<ReadOnlyMemory<byte>?> GetRangeAsync(StoreKey key, ByteRange range, CancellationToken cancellationToken = default)
    {
        var results = await GetRangesAsync(key, [range], cancellationToken).ConfigureAwait(false);
        return results?[0];
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<ReadOnlyMemory<byte>>?> GetRangesAsync(
        StoreKey key, IReadOnlyList<ByteRange> ranges, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ranges);
        var path = ReadablePathOf(key);
        try
        {
            using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, FileOptions.Asynchronous);
            var size = RandomAccess.GetLength(handle);
            var results = new ReadOnlyMemory<byte>[ranges.Count];
            for (var i = 0; i < results.Length; i++)
            {
                var (start, length) = ranges[i].Resolve(size);
                var buffer = new byte[length];
                var read = 0;
                while (read < buffer.Length)
                {
                    var n = await RandomAccess.ReadAsync(handle, buffer.AsMemory(read), start + read, cancellationToken).ConfigureAwait(false);
                    if (n == 0)
                    {
                        throw new StoreException(key, $"'{path}' ended after {start + read} bytes while {size} were expected (changed while read).");
                    }

                    read += n;
                }

                results[i] = buffer;
            }

            return results;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StoreException(key, $"reading '{path}' failed: {e.Message}", e);
        }
    }

    /// <inheritdoc />
    public ValueTask<long?> GetSizeAsync(StoreKey key, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var info = new FileInfo(ReadablePathOf(key));
        return new(info.Exists ? info.Length : null);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<StoreKey> ListAsync(
        StorePrefix prefix, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var directory = DirectoryOf(prefix);
        if (!Directory.Exists(directory))
        {
            yield break;
        }

        var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint, IgnoreInaccessible = true };
        foreach (var file in Directory.EnumerateFiles(directory, "*", options))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (ToKey(file) is { } key)
            {
                yield return key;
            }
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<StoreEntry> ListDirAsync(
        StorePrefix prefix, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var directory = DirectoryOf(prefix);
        if (!Directory.Exists(directory))
        {
            yield break;
        }

        var options = new EnumerationOptions { AttributesToSkip = FileAttributes.ReparsePoint, IgnoreInaccessible = true };
        foreach (var entry in Directory.EnumerateFileSystemEntries(directory, "*", options))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (ToKey(entry) is not { } key)
            {
                continue;
            }

            yield return Directory.Exists(entry) ? new StoreEntry(key.Value + "/", IsPrefix: true) : new StoreEntry(key.Value, IsPrefix: false);
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask SetAsync(StoreKey key, ReadOnlyMemory<byte> value, CancellationToken cancellationToken = default)
    {
        var path = PathOf(key);
        var directory = Path.GetDirectoryName(path)!;
        var temp = Path.Combine(directory, TempFilePrefix + Guid.NewGuid().ToString("N"));
        try
        {
            Directory.CreateDirectory(directory);
            var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous);
            await using (stream.ConfigureAwait(false))
            {
                await stream.WriteAsync(value, cancellationToken).ConfigureAwait(false);
            }

            File.Move(temp, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or OperationCanceledException)
        {
            TryDelete(temp);
            if (e is OperationCanceledException)
            {
                throw;
            }

            throw new StoreException(key, $"writing '{path}' failed: {e.Message}", e);
        }
    }

    /// <inheritdoc />
    public ValueTask DeleteAsync(StoreKey key, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var path = PathOf(key);
        try
        {
            File.Delete(path);
        }
        catch (DirectoryNotFoundException)
        {
            // Already gone.
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StoreException(key, $"deleting '{path}' failed: {e.Message}", e);
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask DeletePrefixAsync(StorePrefix prefix, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var directory = DirectoryOf(prefix);
        if (!Directory.Exists(directory))
        {
            return ValueTask.CompletedTask;
        }

        if (prefix.IsRoot)
        {
            foreach (var entry in Directory.EnumerateFileSystemEntries(directory))
            {
                if (Directory.Exists(entry) && !File.GetAttributes(entry).HasFlag(FileAttributes.ReparsePoint))
                {
                    Directory.Delete(entry, recursive: true);
                }
                else
                {
                    File.Delete(entry);
                }
            }
        }
        else
        {
            Directory.Delete(directory, recursive: true);
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>The file that holds <paramref name="key"/>, checked to lie inside the root.</summary>
    internal string PathOf(StoreKey key)
    {
        if (OperatingSystem.IsWindows() && key.Value.Split('/').Any(s => s.StartsWith(TempFilePrefix, StringComparison.Ordinal)))
        {
            throw new ArgumentException($"Store key '{key}' has a segment that starts with '{TempFilePrefix}', which FileSystemStore keeps for its temporary files on Windows.", nameof(key));
        }

        var path = Path.GetFullPath(Path.Combine(_root, key.Value.Replace('/', Path.DirectorySeparatorChar)));
        if (!path.StartsWith(_rootWithSeparator, StringComparison.Ordinal))
        {
            throw new ArgumentException($"Store key '{key}' resolves outside the store root '{_root}'.", nameof(key));
        }

        var parent = Path.GetDirectoryName(path);
        while (parent is not null && parent.Length > _root.Length)
        {
            if (Directory.Exists(parent) && new DirectoryInfo(parent).LinkTarget is not null)
            {
                throw new ArgumentException($"Store key '{key}' passes through the symbolic link '{parent}', which may lead outside the store root.", nameof(key));
            }

            parent = Path.GetDirectoryName(parent);
        }

        return path;
    }

    /// <summary>The file that holds <paramref name="key"/>, checked like <see cref="PathOf"/> and also not to be a symbolic link.</summary>
    private string ReadablePathOf(StoreKey key)
    {
        var path = PathOf(key);
        if (new FileInfo(path).LinkTarget is { } target)
        {
            throw new ArgumentException($"Store key '{key}' is the symbolic link '{path}' (to '{target}'); FileSystemStore reads no file through a symbolic link, which may lead outside the store root.", nameof(key));
        }

        return path;
    }

    private string DirectoryOf(StorePrefix prefix) =>
        prefix.IsRoot ? _root : Path.GetDirectoryName(PathOf(StoreKey.FromString(prefix.Value + "x")))!;

    private StoreKey? ToKey(string fullPath)
    {
        if (!fullPath.StartsWith(_rootWithSeparator, StringComparison.Ordinal))
        {
            return null;
        }

        var relative = fullPath[_rootWithSeparator.Length..].Replace(Path.DirectorySeparatorChar, '/');
        if (Path.GetFileName(fullPath).StartsWith(TempFilePrefix, StringComparison.Ordinal))
        {
            return null;
        }

        return StoreKey.TryCreate(relative, out var key) ? key : (StoreKey?)null;
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: a leftover temporary file is never listed or read.
        }
    }
}
