using System.Buffers;

namespace ZarrCache;

/// <summary>
/// A value encoded as a disk entry, ready to write: key, extension and stored payload, then (once sealed) the header
/// with its checksum. Holds the buffer a compressed payload was rented in until disposed. The default instance is an
/// entry that does not fit (nothing to write).
/// </summary>
internal ref struct EncodedEntry
{
    private byte[]? _rented;

    /// <summary>An entry of <paramref name="key"/>; <paramref name="rented"/>, when not null, holds <paramref name="payload"/> and goes back to the pool on <see cref="Dispose"/>.</summary>
    public EncodedEntry(byte[] key, byte[] extension, ReadOnlySpan<byte> payload, byte[]? rented)
    {
        Key = key;
        Extension = extension;
        Payload = payload;
        _rented = rented;
    }

    /// <summary>The header and checksum; null until <see cref="Seal"/>, and in an entry that does not fit.</summary>
    public byte[]? Header { get; private set; }

    /// <summary>The key's UTF-8 bytes.</summary>
    public byte[] Key { get; }

    /// <summary>The extension field (the origin's version tag).</summary>
    public byte[] Extension { get; }

    /// <summary>The stored (possibly compressed) payload.</summary>
    public ReadOnlySpan<byte> Payload { get; }

    /// <summary>Whether the entry is ready to write: it fit the limits and was sealed.</summary>
    public readonly bool Fits => Header is not null;

    /// <summary>The length of the entry's file.</summary>
    public readonly long FileLength => (long)EntryHeader.Size + Key.Length + Extension.Length + Payload.Length;

    /// <summary>Builds the header and checksum.</summary>
    /// <param name="encoding">How the payload is stored.</param>
    /// <param name="rawLength">The value's length before encoding.</param>
    /// <param name="expiresAtUtcTicks">The absolute expiry.</param>
    public void Seal(EntryEncoding encoding, int rawLength, long expiresAtUtcTicks) =>
        Header = EntryFile.BuildHeader(Key, Extension, Payload, encoding, rawLength, expiresAtUtcTicks);

    /// <summary>Gives the rented buffer (if any) back to the pool.</summary>
    public void Dispose()
    {
        if (_rented is not null)
        {
            ArrayPool<byte>.Shared.Return(_rented);
            _rented = null;
        }
    }
}
