using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;

namespace ZarrCache.Redis;

/// <summary>
/// The layout of a value in Redis: a 28-byte header, the ETag, the payload. Header: magic <c>ZCRD</c>, version (1),
/// a reserved byte (0), the ETag's length (u16), the payload's length (u32), the absolute expiry in UTC ticks (i64;
/// <see cref="CacheEntry.NeverExpires"/> for none) and an XxHash3 (u64) of everything else (header fields, ETag,
/// payload), all little-endian. A value that is shorter, longer, of another magic or version, or whose checksum does
/// not hold is never served.
/// </summary>
internal static class RedisValueFormat
{
    public const int HeaderSize = 28;
    public const int MaxPayload = int.MaxValue - HeaderSize - ushort.MaxValue;
    private const uint Magic = 0x4452435A; // "ZCRD" little-endian
    private const byte Version = 1;
    private const int ChecksumOffset = 20;

    /// <summary>What a stored value turned out to be.</summary>
    public enum Verdict
    {
        Valid,
        Foreign,
        Truncated,
        Corrupt,
    }

    /// <summary>The stored form of a value (a new array: StackExchange.Redis may still send it after a timed-out call returned).</summary>
    public static byte[] Encode(ReadOnlySpan<byte> payload, long expiresAtUtcTicks, string? etag)
    {
        var etagLength = etag is null ? 0 : Encoding.UTF8.GetByteCount(etag);
        if (etagLength > ushort.MaxValue)
        {
            etagLength = 0; // An ETag that long is not worth keeping: the entry just cannot be revalidated.
            etag = null;
        }

        var stored = new byte[HeaderSize + etagLength + payload.Length];
        var span = stored.AsSpan();
        BinaryPrimitives.WriteUInt32LittleEndian(span, Magic);
        span[4] = Version;
        span[5] = 0;
        BinaryPrimitives.WriteUInt16LittleEndian(span[6..], (ushort)etagLength);
        BinaryPrimitives.WriteUInt32LittleEndian(span[8..], (uint)payload.Length);
        BinaryPrimitives.WriteInt64LittleEndian(span[12..], expiresAtUtcTicks);
        if (etag is not null)
        {
            Encoding.UTF8.GetBytes(etag, span.Slice(HeaderSize, etagLength));
        }

        payload.CopyTo(span[(HeaderSize + etagLength)..]);
        BinaryPrimitives.WriteUInt64LittleEndian(span[ChecksumOffset..], Checksum(span));
        return stored;
    }

    /// <summary>Reads a stored value back; the entry's value is a slice of <paramref name="stored"/> (no copy).</summary>
    public static Verdict TryDecode(ReadOnlyMemory<byte> stored, out CacheEntry entry)
    {
        entry = default;
        var span = stored.Span;
        if (span.Length < 8 || BinaryPrimitives.ReadUInt32LittleEndian(span) != Magic || span[4] != Version)
        {
            return span.Length >= 4 && span.Length < HeaderSize && BinaryPrimitives.ReadUInt32LittleEndian(span) == Magic ? Verdict.Truncated : Verdict.Foreign;
        }

        if (span.Length < HeaderSize)
        {
            return Verdict.Truncated;
        }

        var etagLength = BinaryPrimitives.ReadUInt16LittleEndian(span[6..]);
        var payloadLength = BinaryPrimitives.ReadUInt32LittleEndian(span[8..]);
        if ((long)HeaderSize + etagLength + payloadLength != span.Length)
        {
            return Verdict.Truncated;
        }

        if (BinaryPrimitives.ReadUInt64LittleEndian(span[ChecksumOffset..]) != Checksum(span))
        {
            return Verdict.Corrupt;
        }

        var etag = etagLength == 0 ? null : Encoding.UTF8.GetString(span.Slice(HeaderSize, etagLength));
        entry = new CacheEntry(stored[(HeaderSize + etagLength)..], BinaryPrimitives.ReadInt64LittleEndian(span[12..]), etag) { Tier = AccessTier.Remote };
        return Verdict.Valid;
    }

    private static ulong Checksum(ReadOnlySpan<byte> stored)
    {
        var hash = new XxHash3();
        hash.Append(stored[..ChecksumOffset]);
        hash.Append(stored[HeaderSize..]);
        return hash.GetCurrentHashAsUInt64();
    }
}
