using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;

namespace ZarrCache.Hosting;

/// <summary>
/// How a <see cref="DistributedCacheTier"/> stores an entry as one distributed-cache value: a 40-byte header (magic
/// <c>ZCd1</c>, format version, the clear epoch, the expiry, the lengths, an XxHash64 checksum), then the key, the ETag
/// and the payload. A value that is truncated, flipped, of another format or of another key fails <see cref="TryRead"/>
/// and is never served.
/// </summary>
internal static class DistributedEntryFormat
{
    /// <summary>The fixed part of the header.</summary>
    public const int FixedSize = 40;

    /// <summary>The largest header: the fixed part, a key and an ETag of at most 64 KiB each.</summary>
    public const int MaxHeaderSize = FixedSize + (2 * ushort.MaxValue);

    private const uint Magic = 0x3164435A; // "ZCd1", little-endian
    private const byte Version = 1;

    /// <summary>Encodes an entry into a new array (the distributed cache keeps the array it is given).</summary>
    public static byte[] Write(string key, ReadOnlySpan<byte> payload, long epoch, long expiresAtUtcTicks, string? etag)
    {
        var keyLength = Encoding.UTF8.GetByteCount(key);
        var etagLength = etag is null ? 0 : Encoding.UTF8.GetByteCount(etag);
        if (keyLength > ushort.MaxValue || etagLength > ushort.MaxValue - 1)
        {
            throw new ArgumentException($"The key or ETag of '{key}' is longer than 64 KiB.", nameof(key));
        }

        var value = new byte[FixedSize + keyLength + etagLength + payload.Length];
        var span = value.AsSpan();
        BinaryPrimitives.WriteUInt32LittleEndian(span, Magic);
        span[4] = Version;
        BinaryPrimitives.WriteInt64LittleEndian(span[8..], epoch);
        BinaryPrimitives.WriteInt64LittleEndian(span[16..], expiresAtUtcTicks);
        BinaryPrimitives.WriteInt32LittleEndian(span[24..], payload.Length);
        BinaryPrimitives.WriteUInt16LittleEndian(span[28..], (ushort)keyLength);

        // An ETag's length is stored plus one, so that "none" (0) and "empty" (1) stay apart.
        BinaryPrimitives.WriteUInt16LittleEndian(span[30..], etag is null ? (ushort)0 : (ushort)(etagLength + 1));
        Encoding.UTF8.GetBytes(key, span[FixedSize..]);
        if (etag is not null)
        {
            Encoding.UTF8.GetBytes(etag, span[(FixedSize + keyLength)..]);
        }

        payload.CopyTo(span[(FixedSize + keyLength + etagLength)..]);
        BinaryPrimitives.WriteUInt64LittleEndian(span[32..], Checksum(span));
        return value;
    }

    /// <summary>Decodes a value stored for <paramref name="key"/>; false for anything that is not such an entry, whole and intact.</summary>
    /// <param name="key">The key the value was read for.</param>
    /// <param name="value">The stored value; the entry's payload is a slice of it (no copy).</param>
    /// <param name="epoch">The clear epoch it was stored in.</param>
    /// <param name="entry">The entry.</param>
    public static bool TryRead(string key, byte[] value, out long epoch, out CacheEntry entry)
    {
        epoch = 0;
        entry = default;
        var span = value.AsSpan();
        if (span.Length < FixedSize || BinaryPrimitives.ReadUInt32LittleEndian(span) != Magic || span[4] != Version)
        {
            return false;
        }

        var payloadLength = BinaryPrimitives.ReadInt32LittleEndian(span[24..]);
        int keyLength = BinaryPrimitives.ReadUInt16LittleEndian(span[28..]);
        int storedEtag = BinaryPrimitives.ReadUInt16LittleEndian(span[30..]);
        var etagLength = Math.Max(0, storedEtag - 1);
        if (payloadLength < 0 || (long)FixedSize + keyLength + etagLength + payloadLength != span.Length
            || BinaryPrimitives.ReadUInt64LittleEndian(span[32..]) != Checksum(span))
        {
            return false;
        }

        var keyBytes = span.Slice(FixedSize, keyLength);
        if (Encoding.UTF8.GetByteCount(key) != keyLength || !KeyEquals(key, keyBytes))
        {
            return false;
        }

        epoch = BinaryPrimitives.ReadInt64LittleEndian(span[8..]);
        var etag = storedEtag == 0 ? null : Encoding.UTF8.GetString(span.Slice(FixedSize + keyLength, etagLength));
        var payloadStart = FixedSize + keyLength + etagLength;
        entry = new CacheEntry(value.AsMemory(payloadStart, payloadLength), BinaryPrimitives.ReadInt64LittleEndian(span[16..]), etag);
        return true;
    }

    /// <summary>XxHash64 of the value with its checksum field left out.</summary>
    private static ulong Checksum(ReadOnlySpan<byte> value)
    {
        var hash = new XxHash64();
        hash.Append(value[..32]);
        hash.Append(value[FixedSize..]);
        return hash.GetCurrentHashAsUInt64();
    }

    private static bool KeyEquals(string key, ReadOnlySpan<byte> stored)
    {
        Span<byte> buffer = stored.Length <= 512 ? stackalloc byte[stored.Length] : new byte[stored.Length];
        Encoding.UTF8.GetBytes(key, buffer);
        return buffer.SequenceEqual(stored);
    }
}
