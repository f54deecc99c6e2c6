namespace ZarrCache;

/// <summary>What <see cref="DiskCache.Inspect"/> found in a disk cache folder.</summary>
public sealed record DiskCacheFolderStats
{
    /// <summary>The folder (absolute).</summary>
    public required string Directory { get; init; }

    /// <summary>Entry files.</summary>
    public long Entries { get; init; }

    /// <summary>Their bytes (whole files: headers, keys, stored payloads).</summary>
    public long Bytes { get; init; }

    /// <summary>The least recent access (file modification time), or null when empty.</summary>
    public DateTimeOffset? OldestAccess { get; init; }

    /// <summary>The most recent access, or null when empty.</summary>
    public DateTimeOffset? NewestAccess { get; init; }

    /// <summary>Entries past their expiry (still counted above; a read drops them).</summary>
    public long ExpiredEntries { get; init; }

    /// <summary>Entries stored compressed.</summary>
    public long CompressedEntries { get; init; }

    /// <summary>Entry files whose header cannot be read (torn or foreign; a read deletes them).</summary>
    public long UnreadableEntries { get; init; }

    /// <summary>Temporary files (writes in progress, or left by a crashed writer).</summary>
    public long TemporaryFiles { get; init; }

    /// <summary>Entries and bytes by key kind (unreadable entries are not counted here).</summary>
    public IReadOnlyDictionary<KeyKind, DiskCacheKindStats> ByKind { get; init; } = new Dictionary<KeyKind, DiskCacheKindStats>();
}
