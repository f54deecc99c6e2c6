using System.Buffers.Binary;

namespace ZarrCache.DiskCacheProbe;

/// <summary>Self-checking values: any process can tell whether bytes read for a key are a whole value of that key.</summary>
public static class ProbeValues
{
    public static StoreKey KeyOf(int i) => $"array/c/{i / 100}/{i % 100}";

    /// <summary>The value of key <paramref name="i"/> in write round <paramref name="round"/>: round, key number, then a pattern.</summary>
    public static byte[] ValueOf(int i, long round)
    {
        var length = 1024 + (int)((uint)(i * 2654435761u) % 3072);
        var value = new byte[length];
        BinaryPrimitives.WriteInt64LittleEndian(value, round);
        BinaryPrimitives.WriteInt32LittleEndian(value.AsSpan(8), i);
        for (var j = 12; j < value.Length; j++)
        {
            value[j] = (byte)((i * 31) + (round * 17) + (j * 7));
        }

        return value;
    }

    /// <summary>Whether <paramref name="bytes"/> is exactly some round's value of key <paramref name="i"/>.</summary>
    public static bool IsValueOf(int i, ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 12 || BinaryPrimitives.ReadInt32LittleEndian(bytes[8..]) != i)
        {
            return false;
        }

        var round = BinaryPrimitives.ReadInt64LittleEndian(bytes);
        return bytes.SequenceEqual(ValueOf(i, round));
    }
}
