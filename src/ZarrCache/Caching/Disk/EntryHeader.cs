using System.Buffers.Binary;

namespace ZarrCache;

/// <summary>
/// The fixed 40-byte header of a disk entry file (little-endian):
/// magic <c>ZCDE</c> · version u8 · encoding u8 · flags u16 · key length u16 · extension length u16 ·
/// stored payload length u32 · raw length u32 · reserved u32 · expiry i64 (UTC ticks) · XxHash3 (64-bit) of the first 32
/// header bytes, the key, the extension and the payload. The key (UTF-8), the extension (reserved for the origin's
/// version tag; empty in version 1) and the payload follow.
/// </summary>
internal readonly record struct EntryHeader(
    EntryEncoding Encoding, int KeyLength, int ExtensionLength, int PayloadLength, int RawLength, long ExpiresAtUtcTicks, ulong Checksum)
{
    public const int Size = 40;
    public const int ChecksumOffset = 32;
    public const byte FormatVersion = 1;
    public const uint Magic = 0x4544435A; // "ZCDE" read as little-endian u32.

    /// <summary>The length of the whole file this header describes.</summary>
    public long FileLength => (long)Size + KeyLength + ExtensionLength + PayloadLength;

    /// <summary>Where the payload starts in the file.</summary>
    public int PayloadOffset => Size + KeyLength + ExtensionLength;

    public void Write(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(destination, Magic);
        destination[4] = FormatVersion;
        destination[5] = (byte)Encoding;
        BinaryPrimitives.WriteUInt16LittleEndian(destination[6..], 0);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[8..], checked((ushort)KeyLength));
        BinaryPrimitives.WriteUInt16LittleEndian(destination[10..], checked((ushort)ExtensionLength));
        BinaryPrimitives.WriteUInt32LittleEndian(destination[12..], (uint)PayloadLength);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[16..], (uint)RawLength);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[20..], 0);
        BinaryPrimitives.WriteInt64LittleEndian(destination[24..], ExpiresAtUtcTicks);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[ChecksumOffset..], Checksum);
    }

    /// <summary>Parses a header; null when it is not one this version reads (bad magic, version, encoding, lengths).</summary>
    public static EntryHeader? TryRead(ReadOnlySpan<byte> source)
    {
        if (source.Length < Size || BinaryPrimitives.ReadUInt32LittleEndian(source) != Magic || source[4] != FormatVersion)
        {
            return null;
        }

        var encoding = (EntryEncoding)source[5];
        if (encoding is not (EntryEncoding.Raw or EntryEncoding.Lz4 or EntryEncoding.Zstd))
        {
            return null;
        }

        var payload = BinaryPrimitives.ReadUInt32LittleEndian(source[12..]);
        var raw = BinaryPrimitives.ReadUInt32LittleEndian(source[16..]);
        if (payload > Array.MaxLength || raw > Array.MaxLength || (encoding == EntryEncoding.Raw && payload != raw))
        {
            return null;
        }

        return new EntryHeader(
            encoding,
            BinaryPrimitives.ReadUInt16LittleEndian(source[8..]),
            BinaryPrimitives.ReadUInt16LittleEndian(source[10..]),
            (int)payload,
            (int)raw,
            BinaryPrimitives.ReadInt64LittleEndian(source[24..]),
            BinaryPrimitives.ReadUInt64LittleEndian(source[ChecksumOffset..]));
    }
}
