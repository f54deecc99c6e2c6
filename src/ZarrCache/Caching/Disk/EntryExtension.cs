using System.Buffers.Binary;
using System.Text;

namespace ZarrCache;

/// <summary>
/// The extension field of a disk entry: records of type u8 · length u16 (little-endian) · bytes. Type 1 is the
/// origin's ETag (UTF-8). Unknown types are skipped; a record that runs past the field ends the parse (the checksum has
/// already held, so that only happens with a writer from the future).
/// </summary>
internal static class EntryExtension
{
    private const byte ETagType = 1;
    private const int RecordHeader = 3;

    /// <summary>The longest ETag (UTF-8 bytes) kept on disk; a longer one is not stored (the entry then cannot be revalidated).</summary>
    public const int MaxETagBytes = 1024;

    /// <summary>The extension bytes for an entry with <paramref name="etag"/>; empty for none.</summary>
    public static byte[] Write(string? etag)
    {
        if (string.IsNullOrEmpty(etag))
        {
            return [];
        }

        var length = Encoding.UTF8.GetByteCount(etag);
        if (length > MaxETagBytes)
        {
            return [];
        }

        var bytes = new byte[RecordHeader + length];
        bytes[0] = ETagType;
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(1), (ushort)length);
        Encoding.UTF8.GetBytes(etag, bytes.AsSpan(RecordHeader));
        return bytes;
    }

    /// <summary>The ETag an extension field holds, or null.</summary>
    public static string? ReadETag(ReadOnlySpan<byte> extension)
    {
        while (extension.Length >= RecordHeader)
        {
            var type = extension[0];
            int length = BinaryPrimitives.ReadUInt16LittleEndian(extension[1..]);
            if (length > extension.Length - RecordHeader)
            {
                return null;
            }

            if (type == ETagType)
            {
                return Encoding.UTF8.GetString(extension.Slice(RecordHeader, length));
            }

            extension = extension[(RecordHeader + length)..];
        }

        return null;
    }
}
