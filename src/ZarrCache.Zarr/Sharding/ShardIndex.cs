using System.Buffers.Binary;

namespace ZarrCache.Zarr.Sharding;

/// <summary>A decoded shard index: per inner chunk (C order) its offset and length, or missing.</summary>
internal sealed class ShardIndex
{
    public const ulong Missing = ulong.MaxValue;

    private readonly ulong[] _entries;

    private ShardIndex(ulong[] entries)
    {
        _entries = entries;
    }

    public int Count => _entries.Length / 2;

    public static ShardIndex Parse(ReadOnlySpan<byte> decoded, int count, long maxChunkSize, long? shardSize, string key)
    {
        if (decoded.Length != count * 16)
        {
            throw new ZarrFormatException($"{key}: the shard index has {decoded.Length} bytes, {count * 16} expected.");
        }

        var entries = new ulong[count * 2];
        for (var i = 0; i < count; i++)
        {
            var offset = BinaryPrimitives.ReadUInt64LittleEndian(decoded[(i * 16)..]);
            var length = BinaryPrimitives.ReadUInt64LittleEndian(decoded[((i * 16) + 8)..]);
            if (offset == Missing && length == Missing)
            {
                entries[2 * i] = Missing;
                entries[(2 * i) + 1] = Missing;
                continue;
            }

            if (offset == Missing || length == Missing || length > (ulong)maxChunkSize || offset > (ulong)(long.MaxValue - maxChunkSize)
                || (shardSize is { } size && offset + length > (ulong)size))
            {
                throw new ZarrFormatException(
                    $"{key}: shard index entry {i} (offset {offset}, length {length}) is outside the shard or larger than an inner chunk can be.");
            }

            entries[2 * i] = offset;
            entries[(2 * i) + 1] = length;
        }

        return new ShardIndex(entries);
    }

    public static byte[] Write(IReadOnlyList<(long Offset, long Length)?> entries)
    {
        var bytes = new byte[entries.Count * 16];
        for (var i = 0; i < entries.Count; i++)
        {
            var (o, l) = entries[i] is { } e ? ((ulong)e.Offset, (ulong)e.Length) : (Missing, Missing);
            BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(i * 16), o);
            BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan((i * 16) + 8), l);
        }

        return bytes;
    }

    public bool IsMissing(int chunk) => _entries[2 * chunk] == Missing;

    public (long Offset, int Length) this[int chunk] => ((long)_entries[2 * chunk], (int)_entries[(2 * chunk) + 1]);
}
