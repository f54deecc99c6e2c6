namespace ZarrCache;

/// <summary>
/// What a <see cref="DiskCache"/>'s values become on disk and back, within its limits: a value is encoded into an
/// entry (compressed when that is worth it, <see cref="EntryCodec"/>; header and checksum, key, extension) and written
/// into a temporary file the folder's budget reserved (<see cref="DiskBudget"/>); a key's entry file is read whole,
/// validated against the key and its checksum (<see cref="EntryFile"/>) and decoded. Holds settings only (each file at
/// most <c>maxFileLength</c> bytes, the folder's budget): which files exist and how many bytes they take is the budget's.
/// </summary>
internal sealed class DiskEntries(DiskLayout layout, long maxFileLength, long maxEntrySize, EntryCodec? codec, bool flushToDisk)
{
    /// <summary>The largest value (before compression) an entry holds.</summary>
    public long MaxEntrySize { get; } = maxEntrySize;

    /// <summary>The codec entries are compressed with, or null when compression is off.</summary>
    public CompressionCodec? Compression => codec?.Codec;

    /// <summary>
    /// Reads and validates the entry file of a key (<paramref name="keyUtf8"/>, named by <paramref name="hash"/>); a file
    /// that fails (torn, flipped, another key's, a payload that does not decode) is <see cref="EntryFile.ReadStatus.Corrupt"/>,
    /// an I/O error <see cref="EntryFile.ReadStatus.Failed"/>.
    /// </summary>
    /// <param name="keyUtf8">The key's UTF-8 bytes.</param>
    /// <param name="hash">Their hash.</param>
    /// <param name="path">The entry file's path.</param>
    /// <param name="entry">The entry (expired or not) when the file was intact.</param>
    public EntryFile.ReadStatus TryRead(byte[] keyUtf8, UInt128 hash, out string path, out CacheEntry entry)
    {
        entry = default;
        path = layout.PathOf(hash);
        EntryFile.ReadStatus status;
        byte[] file;
        EntryHeader header;
        try
        {
            status = EntryFile.TryRead(path, keyUtf8, MaxFileLength(keyUtf8.Length), out file, out header);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return EntryFile.ReadStatus.Failed;
        }

        if (status != EntryFile.ReadStatus.Ok)
        {
            return status;
        }

        if (!TryDecode(file, header, out var value))
        {
            return EntryFile.ReadStatus.Corrupt;
        }

        entry = new CacheEntry(value, header.ExpiresAtUtcTicks, EntryExtension.ReadETag(file.AsSpan(EntryHeader.Size + header.KeyLength, header.ExtensionLength))) { Tier = AccessTier.Disk };
        return EntryFile.ReadStatus.Ok;
    }

    /// <summary>
    /// Encodes a value as an entry of a key; an entry that does not <see cref="EncodedEntry.Fits"/> when the value is
    /// over <see cref="MaxEntrySize"/>, the key over <see cref="EntryFile.MaxKeyBytes"/>, or the file would be longer
    /// than the folder's budget.
    /// </summary>
    /// <param name="keyUtf8">The key's UTF-8 bytes.</param>
    /// <param name="value">The value.</param>
    /// <param name="options">The expiry and the origin's version tag.</param>
    /// <returns>The entry; the caller disposes it (it may hold a rented buffer).</returns>
    public EncodedEntry Encode(byte[] keyUtf8, ReadOnlyMemory<byte> value, CacheEntryOptions options)
    {
        if (value.Length > MaxEntrySize || keyUtf8.Length > EntryFile.MaxKeyBytes)
        {
            return default;
        }

        var encoding = codec?.TryCompress(value.Span, out var rented, out var length) ?? Unencoded(value, out rented, out length);
        var entry = new EncodedEntry(keyUtf8, EntryExtension.Write(options.ETag), rented is null ? value.Span : rented.AsSpan(0, length), rented);
        if (entry.FileLength > maxFileLength)
        {
            entry.Dispose();
            return default;
        }

        entry.Seal(encoding, value.Length, options.ExpiresAtUtcTicks);
        return entry;
    }

    /// <summary>Writes an entry into a new temporary file and closes it (flushing it to the device first when asked to).</summary>
    /// <param name="temporary">The temporary file; closed on return.</param>
    /// <param name="entry">The entry; it fits.</param>
    public void Write(FileStream temporary, in EncodedEntry entry) =>
        EntryFile.Write(temporary, entry.Header!, entry.Key, entry.Extension, entry.Payload, flushToDisk);

    /// <summary>
    /// The hashes of the entry files whose key starts with <paramref name="prefix"/> (every entry file for the empty
    /// prefix), reading each file's header and key as the enumeration reaches it.
    /// </summary>
    public IEnumerable<UInt128> HashesUnder(StorePrefix prefix, CancellationToken cancellationToken)
    {
        foreach (var file in layout.ScanEntries())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (prefix.Value.Length == 0
                || (EntryFile.TryReadKey(file.Path, out var key, out _) && key.StartsWith(prefix.Value, StringComparison.Ordinal)))
            {
                yield return file.Hash;
            }
        }
    }

    private static EntryEncoding Unencoded(ReadOnlyMemory<byte> value, out byte[]? rented, out int length)
    {
        rented = null;
        length = value.Length;
        return EntryEncoding.Raw;
    }

    private long MaxFileLength(int keyLength) => Math.Min(maxFileLength, EntryHeader.Size + keyLength + MaxEntrySize);

    private bool TryDecode(byte[] file, EntryHeader header, out ReadOnlyMemory<byte> value)
    {
        if (header.Encoding == EntryEncoding.Raw)
        {
            value = file.AsMemory(header.PayloadOffset, header.PayloadLength);
            return true;
        }

        value = default;
        if (header.RawLength > MaxEntrySize)
        {
            return false;
        }

        var raw = GC.AllocateUninitializedArray<byte>(header.RawLength);
        try
        {
            EntryCodec.Decode(header.Encoding, file.AsSpan(header.PayloadOffset, header.PayloadLength), raw);
        }
        catch (InvalidDataException)
        {
            return false;
        }

        value = raw;
        return true;
    }
}
